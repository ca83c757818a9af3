import type { Command } from "commander";
import { CliError, EXIT } from "../exit-codes";
import type { GlobalOptions } from "../runtime";
import type { GrantOptions } from "./ram-user-run";
import { ADDON, requireAddonName, withGlobals } from "./shared";

// Loaded when a command runs: --help, completion and usage errors need none of the SDKs.
const run = () => import("./ram-user-run");

export function registerRamUser(program: Command) {
  const ram = program.command("ram-user").description("Grant ack-virtual-node its RAM permissions (as `onectl ram-user`), show or revoke them");

  withGlobals(ram.command("grant"), { allContexts: true })
    .description("Create the add-on's RAM user, attach its policy and write an AccessKey into kube-system/alibaba-addon-secret (safe to repeat)")
    .requiredOption("--addon <name>", `the add-on to grant (${ADDON})`)
    .option("--rotate", "replace the AccessKey with a new one (the controller is rolled onto it before the old one is deleted)")
    .option("--access-key-id <id>", "manual path: write your own AccessKey pair instead (needs --access-key-secret-stdin)")
    .option("--access-key-secret-stdin", "read the AccessKey secret from stdin (never from the command line or shell history)")
    .option("--source-cidr <cidr...>", "only allow the add-on's key from these networks (RAM user keys only)")
    .addHelpText(
      "after",
      `
Examples:
  vnode ram-user grant --addon ack-virtual-node
  vnode ram-user grant --addon ack-virtual-node --context prod --rotate
  vnode ram-user grant --addon ack-virtual-node --all-contexts
  pass show ack/addon-secret | vnode ram-user grant --addon ack-virtual-node --access-key-id LTAI5t... --access-key-secret-stdin`,
    )
    .action(async (_args, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GrantOptions>();
      requireAddonName(opts.addon);
      if (opts.accessKeySecretStdin && !opts.accessKeyId) throw new CliError("--access-key-secret-stdin needs --access-key-id.", EXIT.usage, "Usage");
      if (opts.accessKeyId && opts.allContexts) throw new CliError("The manual path writes one key into one cluster: use --context, not --all-contexts.", EXIT.usage, "Usage");
      if (opts.accessKeyId && opts.rotate) throw new CliError("--rotate creates a new key of the add-on's RAM user; it does not apply to your own key.", EXIT.usage, "Usage");
      process.exitCode = await (await run()).forContexts(opts, async (context) =>
        opts.accessKeyId ? (await run()).grantManual(context, opts) : (await run()).grantAutomatic(context, opts),
      );
    });

  withGlobals(ram.command("show"))
    .description("Show the add-on's RAM user, its policies and AccessKeys (masked), and what alibaba-addon-secret holds")
    .addHelpText("after", "\nExamples:\n  vnode ram-user show\n  vnode ram-user show --context prod -o json")
    .action(async (_args, cmd: Command) => {
      process.exitCode = await (await run()).forContexts(cmd.optsWithGlobals(), (await run()).show);
    });

  withGlobals(ram.command("revoke"), { yes: true })
    .description("Delete alibaba-addon-secret, the RAM user's AccessKeys, its policy attachments and the RAM user (asks first)")
    .addHelpText("after", "\nExamples:\n  vnode ram-user revoke\n  vnode ram-user revoke --context staging --yes")
    .action(async (_args, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      process.exitCode = await (await run()).forContexts(opts, async (context) => (await run()).revoke(context, opts));
    });
}
