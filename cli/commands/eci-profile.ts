import type { Command } from "commander";
import { withGlobals } from "./shared";

// Loaded when a command runs: --help, completion and usage errors need none of the SDKs.
const run = () => import("./eci-profile-run");

export function registerEciProfile(program: Command) {
  const profile = program.command("eci-profile").description("Read and change kube-system/eci-profile (the vSwitches and security group of ECI pods)");

  withGlobals(profile.command("get"))
    .description("Print eci-profile")
    .addHelpText("after", "\nExamples:\n  vnode eci-profile get\n  vnode eci-profile get -o yaml")
    .action(async (_o, cmd: Command) => (await run()).getCommand(cmd));

  withGlobals(profile.command("set"))
    .description("Change eci-profile's values, checked against the VPC exactly as the console's form checks them")
    .option("--vswitch-ids <ids>", "vSwitches for ECI pods, comma separated (several zones for availability)")
    .option("--security-group <id>", "security group for ECI pods (sg-…)")
    .option("--vpc-id <id>", "the VPC (vpc-…)")
    .option("--resource-group <id>", "resource group (rg-…), empty for none")
    .option("--enable-cluster-ip <bool>", "true or false")
    .option("--enable-hybrid-mode <bool>", "true or false")
    .option("--enable-private-zone <bool>", "true or false")
    .option("--dry-run", "validate and show the diff without writing")
    .addHelpText(
      "after",
      "\nExamples:\n  vnode eci-profile set --vswitch-ids vsw-aaa,vsw-bbb --security-group sg-ccc --dry-run\n  vnode eci-profile set --vswitch-ids vsw-aaa,vsw-bbb",
    )
    .action(async (_o, cmd: Command) => (await run()).setCommand(cmd));

  withGlobals(profile.command("edit"))
    .description("Edit eci-profile's data in $EDITOR (like `kubectl edit`); validated against the VPC before it is written")
    .option("--dry-run", "validate and show the diff without writing")
    .addHelpText("after", "\nExamples:\n  vnode eci-profile edit\n  EDITOR=nano vnode eci-profile edit --context prod")
    .action(async (_o, cmd: Command) => (await run()).editCommand(cmd));
}
