import { z } from "zod";
import type { AddonStatus } from "@/lib/addon";
import { observeAddon } from "@/lib/server/addon";
import { addonTaskSpec, deleteVirtualNodesSpec } from "@/lib/server/addon-actions";
import { runCliAction } from "@/lib/server/cli-session";
import { readPlacement } from "@/lib/server/placement";
import { CliError, EXIT } from "../exit-codes";
import { labelColumn, table } from "../format";
import { t, warningLine } from "../i18n";
import { clusterFor, confirm, failed, format, progress, requireLink, type ContextResult, type GlobalOptions } from "../runtime";

export { forContexts } from "../runtime";
import { ADDON } from "./shared";

const clusterSchema = z.object({ cluster: z.string() });
export type TaskOptions = GlobalOptions & { wait?: boolean; timeout?: string };

// "unknown" is data here (the -o json version field and onectl's line), not a word for people.
const versionOf = (status: AddonStatus) => ("version" in status.state && status.state.version) || "unknown";

/** The add-on's phase for people ("not-installed" / "未安装"); -o json|yaml keeps the phase itself. */
const phaseWord = (phase: string) => t("cli.addon.phase", { phase: phase.replace(/-/g, "_") });

function phaseText(status: AddonStatus): string {
  const { state } = status;
  if (state.phase === "installing" || state.phase === "uninstalling") {
    const p = state.progress;
    const doing = t(state.phase === "installing" ? "cli.addon.installing" : "cli.addon.uninstalling", { addon: ADDON });
    return `${doing}${p.stage ? `: ${p.stage}` : ""}${p.totalStages ? ` (${p.completedStages}/${p.totalStages})` : ""}`;
  }
  return `${ADDON}: ${phaseWord(state.phase)}`;
}

/** Polls the add-on's state (read fresh from ACK and the cluster each time) until the task has settled. */
async function waitForTask(clusterId: string, kind: "install" | "uninstall", opts: TaskOptions): Promise<AddonStatus> {
  // With --all-contexts several waits run at once: only the summary table is printed.
  const show = progress(format(opts) === "text" && !opts.allContexts);
  const started = Date.now();
  const deadline = started + Number(opts.timeout ?? 600) * 1000;
  try {
    for (;;) {
      const status = await observeAddon(clusterId);
      if (!status) throw new CliError(t("cli.addon.disappeared", { cluster: clusterId }), EXIT.notFound, "UnknownCluster");
      if (status.state.phase === "installing" || status.state.phase === "uninstalling") show.update(phaseText(status));
      const phase = status.state.phase;
      // An install that ends "not installed" failed without a failed task; give ACK a moment to list the instance first.
      const settled =
        kind === "install"
          ? phase === "installed" || phase === "degraded" || phase === "failed" || (phase === "not-installed" && Date.now() - started > 10_000)
          : phase === "not-installed" || phase === "failed";
      if (settled) return status;
      if (Date.now() > deadline)
        throw new CliError(t("cli.addon.stillRunning", { task: phaseText(status), seconds: String(opts.timeout ?? 600), addon: ADDON }), EXIT.failure, "Timeout");
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    show.stop();
  }
}

function failedTask(status: AddonStatus): CliError {
  const s = status.state;
  const reason = "reason" in s && s.reason ? s.reason : t("cli.addon.isPhase", { addon: ADDON, phase: phaseWord(s.phase) });
  const next = "nextStep" in s && s.nextStep ? ` ${s.nextStep}` : "";
  return new CliError(`${t("cli.addon.taskFailed", { reason })}${next}`, EXIT.cloud, "AddonTaskFailed");
}

export async function install(context: string | undefined, opts: TaskOptions): Promise<ContextResult> {
  const cluster = await clusterFor(context);
  requireLink(cluster);
  const result = await runCliAction(addonTaskSpec("install"), clusterSchema, { cluster: cluster.id });
  if (!result.ok) throw failed(result);
  const wait = opts.wait !== false;
  if (!wait)
    return { context: cluster.id, exitCode: EXIT.ok, summary: result.message, lines: [result.message], data: { context: cluster.id, ...result.data, message: result.message } };
  const status = await waitForTask(cluster.id, "install", opts);
  if (status.state.phase === "failed" || status.state.phase === "not-installed") throw failedTask(status);
  // onectl's line, word for word and in English whatever the language, so scripts written for onectl keep matching.
  const line = `Addon ${ADDON}, version ${versionOf(status)} installed.`; // i18n-ignore: onectl's output, matched by scripts
  const lines = [line];
  if (!result.data.changed) lines.push(t("cli.addon.alreadyInstalled"));
  if (status.state.phase === "degraded") lines.push(warningLine(t("cli.addon.degraded", { reason: status.state.reason, nextStep: status.state.nextStep })));
  return {
    context: cluster.id,
    exitCode: EXIT.ok,
    summary: result.data.changed ? t("cli.addon.installedSummary", { version: versionOf(status) }) : t("cli.addon.alreadyInstalledSummary", { version: versionOf(status) }),
    lines,
    data: { context: cluster.id, addon: ADDON, version: versionOf(status), phase: status.state.phase, changed: result.data.changed, taskId: result.data.taskId },
  };
}

export async function uninstall(context: string | undefined, opts: TaskOptions): Promise<ContextResult> {
  const cluster = await clusterFor(context);
  requireLink(cluster);
  const before = await observeAddon(cluster.id);
  if (before?.state.phase === "not-installed") {
    return {
      context: cluster.id,
      exitCode: EXIT.ok,
      summary: t("cli.addon.notInstalledSummary"),
      lines: [t("cli.addon.nothingToUninstall", { addon: ADDON })],
      data: { context: cluster.id, changed: false },
    };
  }
  const placement = await readPlacement(cluster.id, {});
  const staying = placement.virtual.flatMap((lane) => lane.pods);
  if (staying.length && format(opts) === "text") {
    process.stderr.write(`${t("cli.addon.podsStaying", { count: staying.length })}\n`);
    process.stderr.write(
      `${table(
        [t("cli.addon.namespaceHeader"), t("cli.addon.nameHeader"), t("cli.addon.nodeHeader"), t("cli.addon.eciInstanceHeader")],
        staying.map((p) => [p.namespace, p.name, p.nodeName, p.eciInstanceId]),
      )}\n`,
    );
  }
  const question = t("cli.addon.confirmUninstall", { addon: ADDON, cluster: cluster.id });
  await confirm(`${question}${staying.length ? ` ${t("cli.addon.podsStay", { count: staying.length })}` : ""}`, opts);
  const result = await runCliAction(addonTaskSpec("uninstall"), clusterSchema, { cluster: cluster.id });
  if (!result.ok) throw failed(result);
  const base = { context: cluster.id, changed: result.data.changed, taskId: result.data.taskId, ecIPodsStaying: staying.map((p) => `${p.namespace}/${p.name}`) };
  if (opts.wait === false) return { context: cluster.id, exitCode: EXIT.ok, summary: result.message, lines: [result.message], data: base };
  const status = await waitForTask(cluster.id, "uninstall", opts);
  if (status.state.phase === "failed") throw failedTask(status);
  // onectl's line, word for word (see install).
  const lines = [`Addon ${ADDON} uninstalled.`]; // i18n-ignore: onectl's output, matched by scripts
  const leftovers = status.virtualNodes.map((n) => n.name);
  if (leftovers.length) lines.push(t("cli.addon.leftBehind", { names: leftovers.join(", ") }));
  return { context: cluster.id, exitCode: EXIT.ok, summary: t("cli.addon.uninstalledSummary"), lines, data: { ...base, leftoverVirtualNodes: leftovers } };
}

export async function status(context: string | undefined): Promise<ContextResult> {
  const cluster = await clusterFor(context);
  const s = await observeAddon(cluster.id);
  if (!s) throw new CliError(t("cli.addon.notInKubeconfig", { cluster: cluster.id }), EXIT.notFound, "UnknownCluster");
  const state = s.state;
  const ready = t("cli.addon.ready", { ready: state.readyVirtualNodes, total: state.totalVirtualNodes });
  const [clusterL, addonL, nodesL, secretL, reasonL, nextL, warningL, problemL] = (
    ["clusterLabel", "addonLabel", "nodesLabel", "secretLabel", "reasonLabel", "nextLabel", "warningLabel", "problemLabel"] as const
  ).map((key) => t(`cli.addon.${key}`));
  const line = labelColumn([clusterL, addonL, nodesL, secretL, reasonL, nextL, warningL, problemL], 2);
  const link = s.link ? t("cli.addon.linked", { ackClusterId: s.link.ackClusterId, regionId: s.link.regionId }) : t("cli.addon.notLinked");
  const version = "version" in state && state.version ? `, ${t("cli.addon.version", { version: state.version })}` : "";
  // Ready/NotReady: the node condition's own words, as kubectl prints them.
  const nodes = s.virtualNodes.length ? ` (${s.virtualNodes.map((n) => `${n.name} ${n.ready ? "Ready" : "NotReady"}`).join(", ")})` : "";
  const secret = s.secret.exists ? t("cli.addon.secretHolds", { accessKeyId: s.secret.accessKeyId ?? t("cli.addon.noAccessKeyId") }) : t("cli.addon.secretMissing");
  const lines = [
    line(clusterL, `${cluster.id} ${link}`),
    line(addonL, `${phaseText(s)}${version}`),
    line(nodesL, `${ready}${nodes}`),
    line(secretL, `alibaba-addon-secret ${secret}`),
    ...(state.reason ? [line(reasonL, state.reason)] : []),
    ...(state.nextStep ? [line(nextL, state.nextStep)] : []),
    ...s.controllerWarnings.map((w) => line(warningL, w)),
    ...s.problems.map((p) => line(problemL, p)),
  ];
  // Something could not be read (an unreachable cluster, a cloud error) or the add-on failed: scripts should know.
  const bad = s.problems.length > 0 || state.phase === "failed";
  return {
    context: cluster.id,
    exitCode: bad ? EXIT.failure : EXIT.ok,
    summary: bad ? `${phaseWord(state.phase)}: ${s.problems[0] ?? state.reason ?? ""}` : `${phaseWord(state.phase)}, ${ready}`,
    lines,
    data: s,
  };
}

export async function deleteLeftovers(context: string | undefined, opts: GlobalOptions): Promise<ContextResult> {
  const cluster = await clusterFor(context);
  const s = await observeAddon(cluster.id);
  if (!s) throw new CliError(t("cli.addon.notInKubeconfig", { cluster: cluster.id }), EXIT.notFound, "UnknownCluster");
  if (s.state.phase !== "not-installed")
    throw new CliError(t("cli.addon.notLeftovers", { addon: ADDON, phase: phaseWord(s.state.phase), cluster: cluster.id }), EXIT.refused, "AddonInstalled");
  // Not installed, so every virtual node still in the cluster is a leftover of an earlier install.
  const names = s.virtualNodes.map((n) => n.name);
  if (!names.length)
    return {
      context: cluster.id,
      exitCode: EXIT.ok,
      summary: t("cli.addon.noLeftoversSummary"),
      lines: [t("cli.addon.noLeftovers")],
      data: { context: cluster.id, deleted: [] },
    };
  await confirm(t("cli.addon.confirmDelete", { count: names.length, cluster: cluster.id, names: names.join(", ") }), opts);
  const result = await runCliAction(deleteVirtualNodesSpec, z.object({ cluster: z.string(), names: z.array(z.string()) }), { cluster: cluster.id, names });
  if (!result.ok) throw failed(result);
  return { context: cluster.id, exitCode: EXIT.ok, summary: result.message, lines: [result.message], data: { context: cluster.id, ...result.data } };
}
