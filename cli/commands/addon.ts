import type { Command } from "commander";
import type { GlobalOptions } from "../runtime";
import type { TaskOptions } from "./addon-run";
import { examples, t } from "../i18n";
import { ADDON, requireAddonName, withGlobals } from "./shared";

// Loaded when a command runs: --help, completion and usage errors need none of the SDKs.
const run = () => import("./addon-run");

export function registerAddon(program: Command) {
  const addon = program.command("addon").description(t("cli.addon.description", { addon: ADDON }));
  const taskOptions = (cmd: Command) =>
    cmd.option("--wait", t("cli.addon.wait")).option("--no-wait", t("cli.addon.noWait")).option("--timeout <seconds>", t("cli.addon.timeout"), "600");

  taskOptions(withGlobals(addon.command("install").argument("<addon>", ADDON), { allContexts: true }))
    .description(t("cli.addon.installDescription", { addon: ADDON }))
    .addHelpText(
      "after",
      examples(`vnode addon install ${ADDON}`, `vnode addon install ${ADDON} --context prod --no-wait`, `vnode addon install ${ADDON} --all-contexts --concurrency 8`),
    )
    .action(async (name: string, _o, cmd: Command) => {
      requireAddonName(name);
      const opts = cmd.optsWithGlobals<TaskOptions>();
      process.exitCode = await (await run()).forContexts(opts, async (context) => (await run()).install(context, opts));
    });

  taskOptions(withGlobals(addon.command("uninstall").argument("<addon>", ADDON), { yes: true }))
    .description(t("cli.addon.uninstallDescription", { addon: ADDON }))
    .addHelpText("after", examples(`vnode addon uninstall ${ADDON}`, `vnode addon uninstall ${ADDON} --context staging --yes`))
    .action(async (name: string, _o, cmd: Command) => {
      requireAddonName(name);
      const opts = cmd.optsWithGlobals<TaskOptions>();
      process.exitCode = await (await run()).forContexts(opts, async (context) => (await run()).uninstall(context, opts));
    });

  withGlobals(addon.command("status").argument("<addon>", ADDON), { allContexts: true })
    .description(t("cli.addon.statusDescription", { addon: ADDON }))
    .addHelpText("after", examples(`vnode addon status ${ADDON}`, `vnode addon status ${ADDON} --all-contexts`, `vnode addon status ${ADDON} -o json | jq .state.phase`))
    .action(async (name: string, _o, cmd: Command) => {
      requireAddonName(name);
      process.exitCode = await (await run()).forContexts(cmd.optsWithGlobals(), (await run()).status);
    });

  const nodes = program.command("virtual-nodes").description(t("cli.addon.virtualNodesDescription"));
  withGlobals(nodes.command("delete"), { yes: true })
    .description(t("cli.addon.deleteDescription"))
    .requiredOption("--leftover", t("cli.addon.leftover"))
    .addHelpText("after", examples("vnode virtual-nodes delete --leftover", "vnode virtual-nodes delete --leftover --context staging --yes"))
    .action(async (_o, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      process.exitCode = await (await run()).forContexts(opts, async (context) => (await run()).deleteLeftovers(context, opts));
    });
}
