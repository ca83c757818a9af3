/**
 * Which items of a live list changed, batch by batch, since its snapshot: a reader that derived something from the
 * list (the Virtual Nodes lanes) updates only what the changed items touch instead of recomputing from every item.
 * The list itself is updated in place, so a reader takes the changed items' current values from it. Only recent
 * batches are kept (at most `limit` uids); a reader further behind recomputes from scratch.
 */
export class ChangeLog {
  /** uids in the order their batches came; `ends[i]` is where batch `first + i` ends. */
  private uids: string[] = [];
  private ends: number[] = [];
  private first = 1;
  /** Batches recorded so far; a reader remembers the version it has seen. */
  version = 0;

  constructor(private readonly limit = 20_000) {}

  record(uids: Iterable<string>): void {
    for (const uid of uids) this.uids.push(uid);
    this.ends.push(this.uids.length);
    this.version++;
    if (this.uids.length > this.limit) this.forgetOldest();
  }

  /** The uids changed after `version` (repeats possible), or undefined when those batches are no longer kept. */
  since(version: number): string[] | undefined {
    if (version > this.version || version < this.first - 1) return undefined;
    if (version === this.version) return [];
    const start = version < this.first ? 0 : this.ends[version - this.first];
    return this.uids.slice(start);
  }

  /** Drops the older half of the batches (at least one), keeping recent ones for readers one or two renders behind. */
  private forgetOldest() {
    const drop = Math.max(1, Math.floor(this.ends.length / 2));
    const cut = this.ends[drop - 1];
    this.uids = this.uids.slice(cut);
    this.ends = this.ends.slice(drop).map((end) => end - cut);
    this.first += drop;
  }
}
