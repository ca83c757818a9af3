/**
 * Probes of many clusters at once, as the Clusters page runs them: at most `concurrency` in flight, each with its own
 * deadline, and the stragglers cut short once no probe has answered for `graceMs` — so a few unreachable (silent)
 * clusters never hold the page much longer than the slowest one that answers. Pure scheduling: the probe
 * itself is passed in and must honour its AbortSignal.
 */
export interface ProbePoolOptions {
  concurrency: number;
  /** The most one probe may take. */
  timeoutMs: number;
  /** After the latest answer (with none left waiting for a slot), how long the probes still running may go on. */
  graceMs: number;
}

export class ProbeCutShort extends Error {
  constructor(readonly afterMs: number) {
    super(`no answer within ${Math.round(afterMs / 100) / 10} s`);
    this.name = "TimeoutError";
  }
}

export function probePool<T>(ids: readonly string[], probe: (id: string, signal: AbortSignal) => Promise<T>, options: ProbePoolOptions): Map<string, Promise<T>> {
  const results = new Map<string, Promise<T>>();
  const running = new Map<string, { controller: AbortController; started: number }>();
  const waiting: (() => void)[] = [];
  let unsettled = ids.length;
  let inFlight = 0;
  let graceTimer: ReturnType<typeof setTimeout> | undefined;

  const cutStragglers = () => {
    for (const { controller, started } of running.values()) controller.abort(new ProbeCutShort(Date.now() - started));
  };
  // Each answer restarts the grace: once no answer came for graceMs and nothing waits for a slot, the probes still
  // running are taken for silent clusters (the full timeout still applies before any probe answered).
  const restartGrace = () => {
    clearTimeout(graceTimer);
    if (unsettled > 0 && waiting.length === 0) graceTimer = setTimeout(cutStragglers, options.graceMs);
  };

  for (const id of ids) {
    const result = new Promise<T>((resolve, reject) => {
      const start = () => {
        inFlight++;
        const controller = new AbortController();
        running.set(id, { controller, started: Date.now() });
        const deadline = setTimeout(() => controller.abort(new ProbeCutShort(options.timeoutMs)), options.timeoutMs);
        probe(id, controller.signal)
          .then(resolve, reject)
          .finally(() => {
            clearTimeout(deadline);
            running.delete(id);
            inFlight--;
            unsettled--;
            waiting.shift()?.();
            restartGrace();
          });
      };
      if (inFlight < options.concurrency) start();
      else waiting.push(start);
    });
    // A page that stops rendering (the browser left) never awaits some cards: their failures are not unhandled.
    result.catch(() => {});
    results.set(id, result);
  }
  return results;
}
