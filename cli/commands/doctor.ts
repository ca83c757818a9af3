import type { Command } from "commander";
import { withGlobals } from "./shared";

// Loaded when a command runs: --help, completion and usage errors need none of the SDKs.
const run = () => import("./doctor-run");

export function registerDoctor(program: Command) {
  withGlobals(program.command("doctor"), { allContexts: true })
    .description("Check the seed's prerequisites and the add-on's health for a context, each with what to do (exit 1 when one fails)")
    .addHelpText("after", "\nExamples:\n  vnode doctor\n  vnode doctor --context prod -o json\n  vnode doctor --all-contexts")
    .action(async (_o, cmd: Command) => (await run()).doctorCommand(cmd));
}
