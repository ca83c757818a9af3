import type { Command } from "commander";
import { withGlobals } from "./shared";

// Loaded when a command runs: --help, completion and usage errors need none of the SDKs.
const run = () => import("./placement-run");

export function registerPlacement(program: Command) {
  withGlobals(program.command("placement"))
    .description("Where pods run: ECI (virtual nodes), data center, or not placed, with node, zone, IP and ECI instance")
    .option("-n, --namespace <ns>", "only this namespace (default: all)")
    .option("-l, --selector <selector>", "label selector, as kubectl -l")
    .option("-w, --watch", "after the list, print each change as `kubectl get -w` does (Ctrl-C to stop)")
    .addHelpText("after", "\nExamples:\n  vnode placement -n vk\n  vnode placement -l alibabacloud.com/eci=true -o json\n  vnode placement -n vk --watch")
    .action(async (_o, cmd: Command) => (await run()).placementCommand(cmd));
}
