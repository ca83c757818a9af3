import type { Command } from "commander";
import { padDisplay, table } from "../format";
import { EXIT } from "../exit-codes";
import { t, warningLine } from "../i18n";
import { clusterFor, forContexts, format, type GlobalOptions } from "../runtime";
import { readPlacement, watchPlacement, type PlacementChange } from "@/lib/server/placement";

const headers = () =>
  (["laneHeader", "namespaceHeader", "nameHeader", "statusHeader", "nodeHeader", "zoneHeader", "ipHeader", "eciInstanceHeader"] as const).map((key) => t(`cli.placement.${key}`));

/** A lane for people ("data center" / "数据中心"); -o json|yaml keeps laneOf's words. */
const laneText = (lane: string) => t("cli.placement.lane", { lane: lane === "ECI" ? "ECI" : lane === "data center" ? "datacenter" : "notplaced" });

/** The lane a pod is in: on a virtual node (ECI), on a data-center node, or not placed yet (data: the same in every language). */
export const laneOf = (nodeName: string | undefined, node: { virtual: boolean } | undefined) => (!nodeName || !node ? "not placed" : node.virtual ? "ECI" : "data center");

type PlacementOptions = GlobalOptions & { namespace?: string; selector?: string; watch?: boolean };

export async function placementCommand(cmd: Command): Promise<void> {
  const opts = cmd.optsWithGlobals<PlacementOptions>();
  const query = { namespace: opts.namespace, labelSelector: opts.selector };
  if (!opts.watch) {
    process.exitCode = await forContexts(opts, async (context) => {
      const cluster = await clusterFor(context);
      const p = await readPlacement(cluster.id, query);
      const row = (lane: string, pod: (typeof p.unplaced)[number], zone?: string) => [
        laneText(lane),
        pod.namespace,
        pod.name,
        pod.status,
        pod.nodeName,
        zone,
        pod.podIP,
        pod.eciInstanceId,
      ];
      const rows = [
        ...p.virtual.flatMap((l) => l.pods.map((pod) => row("ECI", pod, l.node.zone))),
        ...p.datacenter.flatMap((l) => l.pods.map((pod) => row("data center", pod, l.node.zone))),
        ...p.unplaced.map((pod) => row("not placed", pod)),
      ];
      const data = {
        eci: p.virtual.flatMap((l) => l.pods.map((pod) => ({ ...pod, zone: l.node.zone }))),
        datacenter: p.datacenter.flatMap((l) => l.pods.map((pod) => ({ ...pod, zone: l.node.zone }))),
        notPlaced: p.unplaced,
      };
      return {
        context: cluster.id,
        exitCode: EXIT.ok,
        summary: t("cli.placement.podsSummary", { count: rows.length }),
        lines: rows.length ? [table(headers(), rows)] : [t("cli.placement.noPods")],
        data,
      };
    });
    return;
  }
  const cluster = await clusterFor(opts.context);
  const fmt = format(opts);
  let printedHeader = false;
  const print = (change: PlacementChange) => {
    const { pod, node } = change;
    const record = {
      type: change.type,
      lane: laneOf(pod.nodeName, node),
      namespace: pod.namespace,
      name: pod.name,
      status: pod.status,
      node: pod.nodeName,
      zone: node?.zone,
      ip: pod.podIP,
      eciInstanceId: pod.eciInstanceId,
    };
    if (fmt === "json") process.stdout.write(`${JSON.stringify(record)}\n`);
    else if (fmt === "yaml")
      process.stdout.write(
        `---\n${Object.entries(record)
          .map(([k, v]) => `${k}: ${v ?? ""}`)
          .join("\n")}\n`,
      );
    else {
      // Fixed widths: rows arrive one at a time, so they cannot be aligned on the widest cell.
      const cells = [
        laneText(record.lane),
        record.namespace,
        record.name,
        record.status,
        record.node ?? "<none>",
        record.zone ?? "<none>",
        record.ip ?? "<none>",
        record.eciInstanceId ?? "<none>",
      ];
      const widths = [12, 16, 40, 18, 34, 16, 16, 0];
      if (!printedHeader) {
        process.stdout.write(
          `${headers()
            .map((h, i) => padDisplay(h, widths[i]))
            .join(" ")
            .trimEnd()}\n`,
        );
        printedHeader = true;
      }
      process.stdout.write(
        `${cells
          .map((c, i) => padDisplay(c, widths[i]))
          .join(" ")
          .trimEnd()}\n`,
      );
    }
  };
  const stop = watchPlacement(cluster.id, query, print, (message) => process.stderr.write(`${warningLine(message)}\n`));
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  stop();
  process.exit(EXIT.ok);
}
