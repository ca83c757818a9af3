import { Option, type Command } from "commander";
import { CliError, EXIT } from "../exit-codes";
import { t } from "../i18n";

export const ADDON = "ack-virtual-node";

export function requireAddonName(name: string | undefined) {
  if (name !== ADDON) throw new CliError(t("cli.addon.unknownAddon", { name: name ?? "", addon: ADDON }), EXIT.usage, "Usage");
}

/** The options every command takes; --all-contexts and --yes only where they make sense. */
export function withGlobals(cmd: Command, extra: { allContexts?: boolean; yes?: boolean } = {}): Command {
  cmd
    .option("--kubeconfig <file>", t("cli.options.kubeconfig"))
    .option("--context <name>", t("cli.options.context"))
    .addOption(new Option("-o, --output <format>", t("cli.options.output")).choices(["text", "json", "yaml"]));
  if (extra.allContexts) cmd.option("--all-contexts", t("cli.options.allContexts")).option("--concurrency <n>", t("cli.options.concurrency"), "4");
  if (extra.yes) cmd.option("-y, --yes", t("cli.options.yes"));
  return cmd;
}
