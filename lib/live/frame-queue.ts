/**
 * A stream's outbox, in order: plain frames are written at once, a snapshot (a lazy series of frames) is written one
 * frame at a time with a yield to the event loop in between, so a 10,000-item snapshot never blocks the server for
 * other clients; what is sent meanwhile waits behind it, so a client never sees a change before the snapshot it
 * applies to.
 */
export class FrameQueue<B> {
  private queue: (B | Iterator<B>)[] = [];
  private draining = false;
  private stopped = false;

  constructor(
    private readonly write: (bytes: B, snapshot: boolean) => void,
    private readonly yieldNow: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve)),
  ) {}

  /** Whether a snapshot is being written (then new frames wait their turn). */
  get busy() {
    return this.draining;
  }

  push(item: B | Iterable<B>, isSeries = false) {
    if (this.stopped) return;
    if (!isSeries && !this.draining && this.queue.length === 0) return this.write(item as B, false);
    this.queue.push(isSeries ? (item as Iterable<B>)[Symbol.iterator]() : (item as B));
    if (!this.draining) void this.drain();
  }

  stop() {
    this.stopped = true;
    this.queue = [];
  }

  private async drain() {
    this.draining = true;
    try {
      while (this.queue.length && !this.stopped) {
        const head = this.queue[0];
        if (!isIterator<B>(head)) {
          this.queue.shift();
          this.write(head, false);
          continue;
        }
        const next = head.next();
        if (next.done) {
          this.queue.shift();
          continue;
        }
        this.write(next.value, true);
        await this.yieldNow();
      }
    } finally {
      this.draining = false;
    }
  }
}

function isIterator<B>(item: unknown): item is Iterator<B> {
  return typeof item === "object" && item !== null && typeof (item as Iterator<B>).next === "function" && !(item instanceof Uint8Array);
}
