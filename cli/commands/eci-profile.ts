import type { Command } from "commander";
import { examples, t } from "../i18n";
import { withGlobals } from "./shared";

// Loaded when a command runs: --help, completion and usage errors need none of the SDKs.
const run = () => import("./eci-profile-run");

export function registerEciProfile(program: Command) {
  const profile = program.command("eci-profile").description(t("cli.eciProfile.description"));

  withGlobals(profile.command("get"))
    .description(t("cli.eciProfile.getDescription"))
    .addHelpText("after", examples("vnode eci-profile get", "vnode eci-profile get -o yaml"))
    .action(async (_o, cmd: Command) => (await run()).getCommand(cmd));

  withGlobals(profile.command("set"))
    .description(t("cli.eciProfile.setDescription"))
    .option("--vswitch-ids <ids>", t("cli.eciProfile.vswitchIds"))
    .option("--security-group <id>", t("cli.eciProfile.securityGroup"))
    .option("--vpc-id <id>", t("cli.eciProfile.vpcId"))
    .option("--resource-group <id>", t("cli.eciProfile.resourceGroup"))
    .option("--enable-cluster-ip <bool>", t("cli.eciProfile.trueOrFalse"))
    .option("--enable-hybrid-mode <bool>", t("cli.eciProfile.trueOrFalse"))
    .option("--enable-private-zone <bool>", t("cli.eciProfile.trueOrFalse"))
    .option("--dry-run", t("cli.eciProfile.dryRun"))
    .addHelpText("after", examples("vnode eci-profile set --vswitch-ids vsw-aaa,vsw-bbb --security-group sg-ccc --dry-run", "vnode eci-profile set --vswitch-ids vsw-aaa,vsw-bbb"))
    .action(async (_o, cmd: Command) => (await run()).setCommand(cmd));

  withGlobals(profile.command("edit"))
    .description(t("cli.eciProfile.editDescription"))
    .option("--dry-run", t("cli.eciProfile.dryRun"))
    .addHelpText("after", examples("vnode eci-profile edit", "EDITOR=nano vnode eci-profile edit --context prod"))
    .action(async (_o, cmd: Command) => (await run()).editCommand(cmd));
}
