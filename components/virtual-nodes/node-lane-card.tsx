"use client";

import { useTranslations } from "next-intl";
import { memo, useRef, useState } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { LANE_HEADER_PX, laneHeight, nextRow, ROW_PX, TABLE_HEAD_PX, VISIBLE_ROWS } from "@/lib/live/lane-layout";
import type { NodeLane } from "@/lib/live/placement";
import type { PodView } from "@/lib/live/pod-view";

const samePods = (a: NodeLane["pods"], b: NodeLane["pods"]) => a.length === b.length && a.every((pod, i) => pod === b[i]);

/**
 * One node and its pods: what `kubectl get pod -o wide` shows for that node, at a glance. Lanes are regrouped on
 * every batch of changes, but the stream keeps unchanged pods as the same objects, so only lanes whose node or pods
 * changed render again. The card is exactly laneHeight(pods) tall: the page's lane virtualiser relies on it.
 */
export const NodeLaneCard = memo(
  function NodeLaneCard({ lane, zone }: { lane: NodeLane; zone?: string }) {
    const { node, pods } = lane;
    const running = pods.reduce((n, pod) => (pod.status === "Running" ? n + 1 : n), 0);
    const t = useTranslations("virtualNodes.lane");
    return (
      <article
        aria-label={t("node", { name: node.name })}
        data-testid="node-lane"
        data-node={node.name}
        data-virtual={node.virtual}
        // Its size is known (laneHeight), so the browser may lay out and paint each card on its own: a changed row
        // no longer makes it lay out the page (strict = size, layout, paint and style containment).
        style={{ height: laneHeight(pods.length), contain: "strict" }}
        className="overflow-hidden rounded border border-slate-200 bg-white"
      >
        <header className="flex flex-wrap items-center gap-2 border-b border-slate-100 px-3 py-2 text-sm" style={{ height: LANE_HEADER_PX }}>
          <span className="font-mono font-medium">{node.name}</span>
          <span className={node.ready === "Ready" ? "text-emerald-700" : "text-red-700"}>{node.ready}</span>
          {zone && <span className="text-slate-500">{zone}</span>}
          <span className="ml-auto text-slate-500" data-testid="lane-count" data-pods={pods.length} data-running={running}>
            {t("counts", { pods: pods.length, running })}
          </span>
        </header>
        {pods.length > 0 && <PodRows pods={pods} zone={zone} virtual={node.virtual} node={node.name} />}
      </article>
    );
  },
  (a, b) => a.zone === b.zone && (a.lane === b.lane || (a.lane.node === b.lane.node && samePods(a.lane.pods, b.lane.pods))),
);

/**
 * The lane's pods, virtualised: only the rows in its scroll box (plus a few) are in the DOM, whatever the pod count.
 * Arrow keys, Page Up/Down, Home and End move the selection over all rows; the selected row is scrolled into view.
 */
function PodRows({ pods, zone, virtual, node }: { pods: PodView[]; zone?: string; virtual: boolean; node: string }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [selectedUid, setSelectedUid] = useState<string>();
  const selected = selectedUid === undefined ? -1 : pods.findIndex((p) => p.uid === selectedUid);
  const rows = useVirtualizer({
    count: pods.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    getItemKey: (i) => pods[i].uid,
    overscan: 4,
    // The sticky table head sits above the first row inside the scroll box.
    scrollMargin: TABLE_HEAD_PX,
    initialRect: { width: 600, height: TABLE_HEAD_PX + VISIBLE_ROWS * ROW_PX },
  });
  const items = rows.getVirtualItems();
  const top = items.length ? items[0].start - TABLE_HEAD_PX : 0;
  const bottom = items.length ? rows.getTotalSize() - (items.at(-1)!.end - TABLE_HEAD_PX) : 0;
  const columns = virtual ? 7 : 6;
  const rowId = (i: number) => `pod-${node}-${pods[i]?.uid}`;
  const t = useTranslations("virtualNodes.lane");

  const onKeyDown = (event: React.KeyboardEvent) => {
    const next = nextRow(selected, event.key, pods.length);
    if (next === undefined) return;
    event.preventDefault();
    setSelectedUid(pods[next].uid);
    rows.scrollToIndex(next, { align: "auto" });
  };

  return (
    <div ref={scrollRef} className="overflow-auto" style={{ height: TABLE_HEAD_PX + Math.min(pods.length, VISIBLE_ROWS) * ROW_PX }}>
      <table
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: WAI-ARIA's grid pattern on a table: the keyboard's way through thousands of rows, naming its active row (always drawn)
        role="grid"
        tabIndex={0}
        onKeyDown={onKeyDown}
        aria-label={t("podsOn", { node })}
        aria-activedescendant={selected >= 0 ? rowId(selected) : undefined}
        aria-rowcount={pods.length + 1}
        // Fixed layout: column widths come from the colgroup, not from measuring every drawn cell on each batch (and
        // columns no longer change width as other rows scroll into view).
        className="w-full table-fixed text-xs focus:outline-2 focus:outline-sky-600"
        style={{ minWidth: tableMinWidth(virtual) }}
      >
        <PodColumns virtual={virtual} />
        <PodTableHead virtual={virtual} />
        <tbody>
          {top > 0 && (
            <tr aria-hidden style={{ height: top }}>
              <td colSpan={columns} />
            </tr>
          )}
          {items.map((item) => (
            <PodRow
              key={item.key}
              id={rowId(item.index)}
              index={item.index}
              pod={pods[item.index]}
              zone={zone}
              virtual={virtual}
              selected={item.index === selected}
              onSelect={setSelectedUid}
            />
          ))}
          {bottom > 0 && (
            <tr aria-hidden style={{ height: bottom }}>
              <td colSpan={columns} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Column widths in rem, in column order; the pod name (undefined) takes the rest, at least POD_MIN_REM (about 26
 * characters): narrower lanes scroll sideways. A value wider than its column ends in an ellipsis, whole in its tooltip.
 */
const COLUMN_REM = [6, undefined, 3.25, 6.5, 6.5, 6.5];
const ECI_COLUMN_REM = 11.5;
const POD_MIN_REM = 13;
const columnsOf = (virtual: boolean) => (virtual ? [...COLUMN_REM, ECI_COLUMN_REM] : COLUMN_REM);
const tableMinWidth = (virtual: boolean) => `${columnsOf(virtual).reduce<number>((sum, rem) => sum + (rem ?? POD_MIN_REM), 0)}rem`;

function PodColumns({ virtual }: { virtual: boolean }) {
  return (
    <colgroup>
      {columnsOf(virtual).map((rem, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed by position
        <col key={i} style={rem === undefined ? undefined : { width: `${rem}rem` }} />
      ))}
    </colgroup>
  );
}

/** The column names: the same on every render of a lane, so not worded again on every live batch. */
const PodTableHead = memo(function PodTableHead({ virtual }: { virtual: boolean }) {
  const t = useTranslations("virtualNodes.lane");
  return (
    <thead className="sticky top-0 bg-white text-left text-slate-500">
      <tr style={{ height: TABLE_HEAD_PX }} className="[&>th]:truncate [&>th]:px-2 [&>th]:font-normal">
        <th>{t("namespace")}</th>
        <th>{t("pod")}</th>
        <th>{t("ready")}</th>
        <th>{t("status")}</th>
        <th>{t("ip")}</th>
        <th>{t("zone")}</th>
        {virtual && <th>{t("eciInstance")}</th>}
      </tr>
    </thead>
  );
});

const PodRow = memo(function PodRow({
  id,
  index,
  pod,
  zone,
  virtual,
  selected,
  onSelect,
}: {
  id: string;
  index: number;
  pod: PodView;
  zone?: string;
  virtual: boolean;
  selected: boolean;
  onSelect: (uid: string) => void;
}) {
  return (
    <tr
      id={id}
      data-testid="pod-row"
      data-pod={`${pod.namespace}/${pod.name}`}
      aria-rowindex={index + 2}
      aria-selected={selected}
      onClick={() => onSelect(pod.uid)}
      style={{ height: ROW_PX }}
      className={`border-t border-slate-50 [&>td]:truncate [&>td]:px-2 ${selected ? "bg-sky-50" : ""}`}
    >
      <td className="text-slate-600" title={pod.namespace}>
        {pod.namespace}
      </td>
      <td className="font-mono" title={pod.name}>
        {pod.name}
      </td>
      <td>
        {pod.readyContainers}/{pod.totalContainers}
      </td>
      <td className={pod.status === "Running" ? "text-emerald-700" : "text-amber-800"} title={pod.message ?? pod.status}>
        {pod.status}
      </td>
      <td className="font-mono">{pod.podIP ?? "—"}</td>
      <td>{zone ?? "—"}</td>
      {virtual && <td className="font-mono">{pod.eciInstanceId ?? "—"}</td>}
    </tr>
  );
});
