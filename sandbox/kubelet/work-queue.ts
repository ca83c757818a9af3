/** Runs keyed jobs with bounded concurrency; a key queued again while pending runs once, with the latest job. */
export class WorkQueue {
  private pending = new Map<string, () => Promise<void>>();
  private running = new Set<string>();
  private active = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly onError: (key: string, error: unknown) => void,
  ) {}

  add(key: string, job: () => Promise<void>) {
    this.pending.set(key, job);
    this.pump();
  }

  /** Drops the jobs not yet started; resolves once the running ones have finished. */
  drain() {
    this.pending.clear();
    if (this.active === 0) return Promise.resolve();
    return new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private pump() {
    for (const [key, job] of this.pending) {
      if (this.active >= this.concurrency) return;
      if (this.running.has(key)) continue;
      this.pending.delete(key);
      this.running.add(key);
      this.active++;
      job()
        .catch((error) => this.onError(key, error))
        .finally(() => {
          this.running.delete(key);
          this.active--;
          this.pump();
          if (this.active === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
        });
    }
  }
}
