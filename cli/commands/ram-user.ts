import type { Command } from "commander";
import { CliError, EXIT } from "../exit-codes";
import type { GlobalOptions } from "../runtime";
import type { GrantOptions } from "./ram-user-run";
import { examples, t } from "../i18n";
import { ADDON, requireAddonName, withGlobals } from "./shared";

// Loaded when a command runs: --help, completion and usage errors need none of the SDKs.
const run = () => import("./ram-user-run");

export function registerRamUser(program: Command) {
  const ram = program.command("ram-user").description(t("cli.ramUser.description"));

  withGlobals(ram.command("grant"), { allContexts: true })
    .description(t("cli.ramUser.grantDescription"))
    .requiredOption("--addon <name>", t("cli.ramUser.addon", { addon: ADDON }))
    .option("--rotate", t("cli.ramUser.rotate"))
    .option("--access-key-id <id>", t("cli.ramUser.accessKeyId"))
    .option("--access-key-secret-stdin", t("cli.ramUser.accessKeySecretStdin"))
    .option("--source-cidr <cidr...>", t("cli.ramUser.sourceCidr"))
    .addHelpText(
      "after",
      examples(
        "vnode ram-user grant --addon ack-virtual-node",
        "vnode ram-user grant --addon ack-virtual-node --context prod --rotate",
        "vnode ram-user grant --addon ack-virtual-node --all-contexts",
        "pass show ack/addon-secret | vnode ram-user grant --addon ack-virtual-node --access-key-id LTAI5t... --access-key-secret-stdin",
      ),
    )
    .action(async (_args, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GrantOptions>();
      requireAddonName(opts.addon);
      if (opts.accessKeySecretStdin && !opts.accessKeyId) throw new CliError(t("cli.ramUser.secretNeedsId"), EXIT.usage, "Usage");
      if (opts.accessKeyId && opts.allContexts) throw new CliError(t("cli.ramUser.manualOneCluster"), EXIT.usage, "Usage");
      if (opts.accessKeyId && opts.rotate) throw new CliError(t("cli.ramUser.rotateNotManual"), EXIT.usage, "Usage");
      process.exitCode = await (await run()).forContexts(opts, async (context) =>
        opts.accessKeyId ? (await run()).grantManual(context, opts) : (await run()).grantAutomatic(context, opts),
      );
    });

  withGlobals(ram.command("show"))
    .description(t("cli.ramUser.showDescription"))
    .addHelpText("after", examples("vnode ram-user show", "vnode ram-user show --context prod -o json"))
    .action(async (_args, cmd: Command) => {
      process.exitCode = await (await run()).forContexts(cmd.optsWithGlobals(), (await run()).show);
    });

  withGlobals(ram.command("revoke"), { yes: true })
    .description(t("cli.ramUser.revokeDescription"))
    .addHelpText("after", examples("vnode ram-user revoke", "vnode ram-user revoke --context staging --yes"))
    .action(async (_args, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      process.exitCode = await (await run()).forContexts(opts, async (context) => (await run()).revoke(context, opts));
    });
}
