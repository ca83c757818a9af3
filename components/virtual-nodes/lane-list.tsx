"use client";

import { useLayoutEffect, useRef, useState } from "react";
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { LANE_GAP_PX, laneHeight } from "@/lib/live/lane-layout";
import type { NodeLane } from "@/lib/live/placement";
import { NodeLaneCard } from "./node-lane-card";

/**
 * A column of lane cards, virtualised against the page's scroll: with hundreds of nodes only the cards in view (plus
 * a few) are in the DOM. Each card's height is known from its pod count (laneHeight), so nothing jumps while scrolling.
 */
export function LaneList({ lanes }: { lanes: NodeLane[] }) {
  const listRef = useRef<HTMLDivElement>(null);
  // Where the list starts in the document: the virtualiser measures the window's scroll from there.
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => {
    const top = (listRef.current?.getBoundingClientRect().top ?? 0) + window.scrollY;
    if (Math.abs(top - offset) > 1) setOffset(top);
  });
  const virtualizer = useWindowVirtualizer({
    count: lanes.length,
    estimateSize: (i) => laneHeight(lanes[i].pods.length) + LANE_GAP_PX,
    getItemKey: (i) => lanes[i].node.name,
    overscan: 2,
    scrollMargin: offset,
  });
  const items = virtualizer.getVirtualItems();
  // Heights follow pod counts, which change with every batch: the virtualiser must not keep old sizes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the lanes are what the sizes depend on
  useLayoutEffect(() => virtualizer.measure(), [lanes]);
  return (
    <div ref={listRef} style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
      {items.map((item) => {
        const lane = lanes[item.index];
        return (
          <div key={item.key} style={{ position: "absolute", top: 0, left: 0, width: "100%", transform: `translateY(${item.start - offset}px)` }}>
            <NodeLaneCard lane={lane} zone={lane.node.zone} />
          </div>
        );
      })}
    </div>
  );
}
