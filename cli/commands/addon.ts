import type { Command } from "commander";
import type { GlobalOptions } from "../runtime";
import type { TaskOptions } from "./addon-run";
import { ADDON, requireAddonName, withGlobals } from "./shared";

// Loaded when a command runs: --help, completion and usage errors need none of the SDKs.
const run = () => import("./addon-run");

export function registerAddon(program: Command) {
  const addon = program.command("addon").description(`Install, uninstall or check ${ADDON} through ACK (as \`onectl addon\`)`);
  const taskOptions = (cmd: Command) =>
    cmd
      .option("--wait", "wait until the ACK task has finished (the default)")
      .option("--no-wait", "return as soon as ACK has accepted the task")
      .option("--timeout <seconds>", "how long --wait waits", "600");

  taskOptions(withGlobals(addon.command("install").argument("<addon>", ADDON), { allContexts: true }))
    .description(`Install ${ADDON} (safe to repeat: an installed add-on is left as it is)`)
    .addHelpText(
      "after",
      `\nExamples:\n  vnode addon install ${ADDON}\n  vnode addon install ${ADDON} --context prod --no-wait\n  vnode addon install ${ADDON} --all-contexts --concurrency 8`,
    )
    .action(async (name: string, _o, cmd: Command) => {
      requireAddonName(name);
      const opts = cmd.optsWithGlobals<TaskOptions>();
      process.exitCode = await (await run()).forContexts(opts, async (context) => (await run()).install(context, opts));
    });

  taskOptions(withGlobals(addon.command("uninstall").argument("<addon>", ADDON), { yes: true }))
    .description(`Uninstall ${ADDON}; lists the ECI pods that keep running and asks first`)
    .addHelpText("after", `\nExamples:\n  vnode addon uninstall ${ADDON}\n  vnode addon uninstall ${ADDON} --context staging --yes`)
    .action(async (name: string, _o, cmd: Command) => {
      requireAddonName(name);
      const opts = cmd.optsWithGlobals<TaskOptions>();
      process.exitCode = await (await run()).forContexts(opts, async (context) => (await run()).uninstall(context, opts));
    });

  withGlobals(addon.command("status").argument("<addon>", ADDON), { allContexts: true })
    .description(`Show ${ADDON}'s state: phase, version, virtual nodes, Secret, problems (exit 1 when it failed or could not be read)`)
    .addHelpText("after", `\nExamples:\n  vnode addon status ${ADDON}\n  vnode addon status ${ADDON} --all-contexts\n  vnode addon status ${ADDON} -o json | jq .state.phase`)
    .action(async (name: string, _o, cmd: Command) => {
      requireAddonName(name);
      process.exitCode = await (await run()).forContexts(cmd.optsWithGlobals(), (await run()).status);
    });

  const nodes = program.command("virtual-nodes").description("Virtual nodes of ack-virtual-node");
  withGlobals(nodes.command("delete"), { yes: true })
    .description("Delete virtual nodes left behind after an uninstall (`kubectl delete node` for each); ECI pods stay")
    .requiredOption("--leftover", "delete the virtual nodes an uninstall left behind")
    .addHelpText("after", "\nExamples:\n  vnode virtual-nodes delete --leftover\n  vnode virtual-nodes delete --leftover --context staging --yes")
    .action(async (_o, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      process.exitCode = await (await run()).forContexts(opts, async (context) => (await run()).deleteLeftovers(context, opts));
    });
}
