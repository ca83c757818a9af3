"use client";

import { memo, useCallback, useLayoutEffect, useRef, useState } from "react";
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { LANE_GAP_PX, laneHeight } from "@/lib/live/lane-layout";
import type { NodeLane } from "@/lib/live/placement";
import { NodeLaneCard } from "./node-lane-card";

/**
 * A column of lane cards, virtualised against the page's scroll: with hundreds of nodes only the cards in view (plus
 * a few) are in the DOM. Each card's height is known from its pod count (laneHeight), so nothing jumps while scrolling.
 */
// Memoised: the placement index keeps a column's lanes the same array while none of its lanes changed, so a batch of
// data-center pods does not render the virtual column again (and the other way round).
export const LaneList = memo(LaneListView);

function LaneListView({ lanes }: { lanes: NodeLane[] }) {
  const listRef = useRef<HTMLDivElement>(null);
  // Where the list starts in the document: the virtualiser measures the window's scroll from there. Read once, then
  // whenever the page changes size (what sits above the list moves it only by changing size), in the resize
  // observer's callback, where layout is already done: read on every render it forced a layout per live batch.
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const read = () => {
      const top = list.getBoundingClientRect().top + window.scrollY;
      setOffset((old) => (Math.abs(top - old) > 1 ? top : old));
    };
    read();
    const observer = new ResizeObserver(read);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);
  // Heights follow pod counts, which change with every batch: a new key function per lanes makes the virtualiser
  // compute its sizes again from estimateSize (exact: laneHeight), without a second render to measure them.
  const getItemKey = useCallback((i: number) => lanes[i].node.name, [lanes]);
  const virtualizer = useWindowVirtualizer({
    count: lanes.length,
    estimateSize: (i) => laneHeight(lanes[i].pods.length) + LANE_GAP_PX,
    getItemKey,
    overscan: 2,
    scrollMargin: offset,
  });
  const items = virtualizer.getVirtualItems();
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
