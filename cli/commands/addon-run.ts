import { z } from "zod";
import type { AddonStatus } from "@/lib/addon";
import { observeAddon } from "@/lib/server/addon";
import { addonTaskSpec, deleteVirtualNodesSpec } from "@/lib/server/addon-actions";
import { runCliAction } from "@/lib/server/cli-session";
import { readPlacement } from "@/lib/server/placement";
import { CliError, EXIT } from "../exit-codes";
import { table } from "../format";
import { clusterFor, confirm, failed, format, progress, requireLink, type ContextResult, type GlobalOptions } from "../runtime";

export { forContexts } from "../runtime";
import { ADDON } from "./shared";

const clusterSchema = z.object({ cluster: z.string() });
export type TaskOptions = GlobalOptions & { wait?: boolean; timeout?: string };

const versionOf = (status: AddonStatus) => ("version" in status.state && status.state.version) || "unknown";

function phaseText(status: AddonStatus): string {
  const { state } = status;
  if (state.phase === "installing" || state.phase === "uninstalling") {
    const p = state.progress;
    return `${state.phase === "installing" ? "Installing" : "Uninstalling"} ${ADDON}${p.stage ? `: ${p.stage}` : ""}${p.totalStages ? ` (${p.completedStages}/${p.totalStages})` : ""}`;
  }
  return `${ADDON}: ${state.phase}`;
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
      if (!status) throw new CliError(`${clusterId} disappeared from the kubeconfig.`, EXIT.notFound, "UnknownCluster");
      if (status.state.phase === "installing" || status.state.phase === "uninstalling") show.update(phaseText(status));
      const phase = status.state.phase;
      // An install that ends "not installed" failed without a failed task; give ACK a moment to list the instance first.
      const settled =
        kind === "install"
          ? phase === "installed" || phase === "degraded" || phase === "failed" || (phase === "not-installed" && Date.now() - started > 10_000)
          : phase === "not-installed" || phase === "failed";
      if (settled) return status;
      if (Date.now() > deadline)
        throw new CliError(`${phaseText(status)} is still running after ${opts.timeout ?? 600} s. Follow it with \`vnode addon status ${ADDON}\`.`, EXIT.failure, "Timeout");
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    show.stop();
  }
}

function failedTask(status: AddonStatus): CliError {
  const s = status.state;
  const reason = "reason" in s && s.reason ? s.reason : `${ADDON} is ${s.phase}`;
  const next = "nextStep" in s && s.nextStep ? ` ${s.nextStep}` : "";
  return new CliError(`${reason}.${next}`, EXIT.cloud, "AddonTaskFailed");
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
  // onectl's line, word for word.
  const line = `Addon ${ADDON}, version ${versionOf(status)} installed.`;
  const lines = [line];
  if (!result.data.changed) lines.push("It was already installed: nothing changed.");
  if (status.state.phase === "degraded") lines.push(`warning: ${status.state.reason}. ${status.state.nextStep}`);
  return {
    context: cluster.id,
    exitCode: EXIT.ok,
    summary: result.data.changed ? `installed ${versionOf(status)}` : `already installed (${versionOf(status)})`,
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
      summary: "not installed, nothing changed",
      lines: [`${ADDON} is not installed: nothing to uninstall.`],
      data: { context: cluster.id, changed: false },
    };
  }
  const placement = await readPlacement(cluster.id, {});
  const staying = placement.virtual.flatMap((lane) => lane.pods);
  if (staying.length && format(opts) === "text") {
    process.stderr.write(`These ${staying.length} ECI pods keep running (their elastic container instances are not deleted):\n`);
    process.stderr.write(
      `${table(
        ["NAMESPACE", "NAME", "NODE", "ECI INSTANCE"],
        staying.map((p) => [p.namespace, p.name, p.nodeName, p.eciInstanceId]),
      )}\n`,
    );
  }
  await confirm(`Uninstall ${ADDON} from ${cluster.id}?${staying.length ? ` ${staying.length} ECI pods stay.` : ""}`, opts);
  const result = await runCliAction(addonTaskSpec("uninstall"), clusterSchema, { cluster: cluster.id });
  if (!result.ok) throw failed(result);
  const base = { context: cluster.id, changed: result.data.changed, taskId: result.data.taskId, ecIPodsStaying: staying.map((p) => `${p.namespace}/${p.name}`) };
  if (opts.wait === false) return { context: cluster.id, exitCode: EXIT.ok, summary: result.message, lines: [result.message], data: base };
  const status = await waitForTask(cluster.id, "uninstall", opts);
  if (status.state.phase === "failed") throw failedTask(status);
  const lines = [`Addon ${ADDON} uninstalled.`];
  const leftovers = status.virtualNodes.map((n) => n.name);
  if (leftovers.length) lines.push(`Virtual nodes left behind: ${leftovers.join(", ")}. Delete them with \`vnode virtual-nodes delete --leftover\`.`);
  return { context: cluster.id, exitCode: EXIT.ok, summary: "uninstalled", lines, data: { ...base, leftoverVirtualNodes: leftovers } };
}

export async function status(context: string | undefined): Promise<ContextResult> {
  const cluster = await clusterFor(context);
  const s = await observeAddon(cluster.id);
  if (!s) throw new CliError(`${cluster.id} is not in the kubeconfig.`, EXIT.notFound, "UnknownCluster");
  const state = s.state;
  const ready = `${state.readyVirtualNodes}/${state.totalVirtualNodes} virtual nodes Ready`;
  const lines = [
    `Cluster:  ${cluster.id}${s.link ? ` (registered cluster ${s.link.ackClusterId}, ${s.link.regionId})` : " (not linked to an ACK registered cluster)"}`,
    `Add-on:   ${phaseText(s)}${"version" in state && state.version ? `, version ${state.version}` : ""}`,
    `Nodes:    ${ready}${s.virtualNodes.length ? ` (${s.virtualNodes.map((n) => `${n.name} ${n.ready ? "Ready" : "NotReady"}`).join(", ")})` : ""}`,
    `Secret:   alibaba-addon-secret ${s.secret.exists ? `holds ${s.secret.accessKeyId ?? "no access-key-id"}` : "does not exist"}`,
    ...(state.reason ? [`Reason:   ${state.reason}`] : []),
    ...(state.nextStep ? [`Next:     ${state.nextStep}`] : []),
    ...s.controllerWarnings.map((w) => `Warning:  ${w}`),
    ...s.problems.map((p) => `Problem:  ${p}`),
  ];
  // Something could not be read (an unreachable cluster, a cloud error) or the add-on failed: scripts should know.
  const bad = s.problems.length > 0 || state.phase === "failed";
  return {
    context: cluster.id,
    exitCode: bad ? EXIT.failure : EXIT.ok,
    summary: bad ? `${state.phase}: ${s.problems[0] ?? state.reason ?? ""}` : `${state.phase}, ${ready}`,
    lines,
    data: s,
  };
}

export async function deleteLeftovers(context: string | undefined, opts: GlobalOptions): Promise<ContextResult> {
  const cluster = await clusterFor(context);
  const s = await observeAddon(cluster.id);
  if (!s) throw new CliError(`${cluster.id} is not in the kubeconfig.`, EXIT.notFound, "UnknownCluster");
  if (s.state.phase !== "not-installed")
    throw new CliError(
      `${ADDON} is ${s.state.phase} on ${cluster.id}: its virtual nodes are not leftovers. Uninstall it first (\`vnode addon uninstall ${ADDON}\`).`,
      EXIT.refused,
      "AddonInstalled",
    );
  // Not installed, so every virtual node still in the cluster is a leftover of an earlier install.
  const names = s.virtualNodes.map((n) => n.name);
  if (!names.length)
    return {
      context: cluster.id,
      exitCode: EXIT.ok,
      summary: "no leftover virtual nodes",
      lines: ["No leftover virtual nodes: nothing to delete."],
      data: { context: cluster.id, deleted: [] },
    };
  await confirm(`Delete ${names.length} leftover virtual node(s) from ${cluster.id}: ${names.join(", ")}? ECI pods on them are not deleted.`, opts);
  const result = await runCliAction(deleteVirtualNodesSpec, z.object({ cluster: z.string(), names: z.array(z.string()) }), { cluster: cluster.id, names });
  if (!result.ok) throw failed(result);
  return { context: cluster.id, exitCode: EXIT.ok, summary: result.message, lines: [result.message], data: { context: cluster.id, ...result.data } };
}
