import type { Command } from "commander";
import { examples, t } from "../i18n";
import { withGlobals } from "./shared";

// Loaded when a command runs: --help, completion and usage errors need none of the SDKs.
const run = () => import("./doctor-run");

export function registerDoctor(program: Command) {
  withGlobals(program.command("doctor"), { allContexts: true })
    .description(t("cli.doctor.description"))
    .addHelpText("after", examples("vnode doctor", "vnode doctor --context prod -o json", "vnode doctor --all-contexts"))
    .action(async (_o, cmd: Command) => (await run()).doctorCommand(cmd));
}
