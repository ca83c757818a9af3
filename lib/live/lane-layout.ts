/**
 * Sizes of the Virtual Nodes page's lanes, shared by the virtualisers (which must know heights before rendering) and
 * the cards (which are drawn at exactly these heights, so the estimates are the real sizes).
 */
export const ROW_PX = 25;
/** Rows a lane shows before it scrolls inside itself: a node with 110 pods does not push every other lane away. */
export const VISIBLE_ROWS = 12;
export const LANE_HEADER_PX = 38;
export const TABLE_HEAD_PX = 24;
/** Gap between lane cards (space-y-3). */
export const LANE_GAP_PX = 12;

/** Height of a lane card with `pods` pods (header, then a table head and at most VISIBLE_ROWS rows). */
export function laneHeight(pods: number): number {
  const body = pods === 0 ? 0 : TABLE_HEAD_PX + Math.min(pods, VISIBLE_ROWS) * ROW_PX;
  return LANE_HEADER_PX + body + 2; // + the card's 1 px borders
}

/**
 * The row a key moves the selection to, over all rows of a lane (not just those drawn), or undefined when the key
 * is not a navigation key. `current` is -1 while nothing is selected.
 */
export function nextRow(current: number, key: string, count: number, page = VISIBLE_ROWS): number | undefined {
  if (count === 0) return undefined;
  const clamp = (i: number) => Math.max(0, Math.min(count - 1, i));
  switch (key) {
    case "ArrowDown":
      return clamp(current + 1);
    case "ArrowUp":
      return clamp(current < 0 ? 0 : current - 1);
    case "PageDown":
      return clamp(current + page);
    case "PageUp":
      return clamp(current - page);
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return undefined;
  }
}
