import type { Command } from "commander";
import { examples, t } from "../i18n";
import { withGlobals } from "./shared";

// Loaded when a command runs: --help, completion and usage errors need none of the SDKs.
const run = () => import("./placement-run");

export function registerPlacement(program: Command) {
  withGlobals(program.command("placement"))
    .description(t("cli.placement.description"))
    .option("-n, --namespace <ns>", t("cli.placement.namespace"))
    .option("-l, --selector <selector>", t("cli.placement.selector"))
    .option("-w, --watch", t("cli.placement.watch"))
    .addHelpText("after", examples("vnode placement -n vk", "vnode placement -l alibabacloud.com/eci=true -o json", "vnode placement -n vk --watch"))
    .action(async (_o, cmd: Command) => (await run()).placementCommand(cmd));
}
