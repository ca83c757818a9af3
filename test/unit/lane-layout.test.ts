import { describe, expect, it } from "vitest";
import { LANE_HEADER_PX, laneHeight, nextRow, ROW_PX, TABLE_HEAD_PX, VISIBLE_ROWS } from "@/lib/live/lane-layout";

describe("laneHeight", () => {
  it("is the header alone for a node without pods", () => {
    expect(laneHeight(0)).toBe(LANE_HEADER_PX + 2);
  });
  it("grows with the pods up to VISIBLE_ROWS rows, then stays put (the lane scrolls inside)", () => {
    expect(laneHeight(3)).toBe(LANE_HEADER_PX + TABLE_HEAD_PX + 3 * ROW_PX + 2);
    expect(laneHeight(VISIBLE_ROWS)).toBe(laneHeight(10_000));
  });
});

describe("nextRow", () => {
  it("moves over all rows, not only those drawn, and stops at the ends", () => {
    expect(nextRow(-1, "ArrowDown", 5_000)).toBe(0);
    expect(nextRow(-1, "ArrowUp", 5_000)).toBe(0);
    expect(nextRow(10, "ArrowDown", 5_000)).toBe(11);
    expect(nextRow(0, "ArrowUp", 5_000)).toBe(0);
    expect(nextRow(4_999, "ArrowDown", 5_000)).toBe(4_999);
    expect(nextRow(3, "End", 5_000)).toBe(4_999);
    expect(nextRow(4_000, "Home", 5_000)).toBe(0);
    expect(nextRow(100, "PageDown", 5_000, 12)).toBe(112);
    expect(nextRow(5, "PageUp", 5_000, 12)).toBe(0);
  });
  it("ignores other keys and empty lanes", () => {
    expect(nextRow(1, "a", 10)).toBeUndefined();
    expect(nextRow(-1, "ArrowDown", 0)).toBeUndefined();
  });
});
