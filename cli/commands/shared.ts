import { Option, type Command } from "commander";
import { CliError, EXIT } from "../exit-codes";

export const ADDON = "ack-virtual-node";

export function requireAddonName(name: string | undefined) {
  if (name !== ADDON) throw new CliError(`Unknown add-on "${name ?? ""}": vnode manages ${ADDON} only.`, EXIT.usage, "Usage");
}

/** The options every command takes; --all-contexts and --yes only where they make sense. */
export function withGlobals(cmd: Command, extra: { allContexts?: boolean; yes?: boolean } = {}): Command {
  cmd
    .option("--kubeconfig <file>", "kubeconfig to use (default: $KUBECONFIG, else ~/.kube/config)")
    .option("--context <name>", "kube context to act on (default: the current context)")
    .addOption(new Option("-o, --output <format>", "output format").choices(["text", "json", "yaml"]));
  if (extra.allContexts)
    cmd.option("--all-contexts", "run on every context of the kubeconfig and print a summary").option("--concurrency <n>", "contexts at a time with --all-contexts", "4");
  if (extra.yes) cmd.option("-y, --yes", "do not ask for confirmation");
  return cmd;
}
