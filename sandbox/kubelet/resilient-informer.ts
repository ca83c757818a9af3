import type { Informer, KubernetesObject } from "@kubernetes/client-node";

/**
 * client-node's ListWatch relists on 410 and reconnects after clean closes, but stops for good on any other
 * error (apiserver down, connection reset). Restart it with capped exponential backoff until stopped.
 */
export function keepInformerRunning<T extends KubernetesObject>(informer: Informer<T>, log: (line: string) => void) {
  let stopped = false;
  let delayMs = 250;
  let timer: NodeJS.Timeout | undefined;
  informer.on("connect", () => (delayMs = 250));
  informer.on("error", (error) => {
    if (stopped) return;
    log(`watch interrupted (${error?.code ?? error?.message ?? error}); retrying in ${delayMs} ms`);
    timer = setTimeout(() => informer.start().catch(() => {}), delayMs);
    delayMs = Math.min(delayMs * 2, 5_000);
  });
  return {
    start: () => informer.start(),
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await informer.stop();
    },
  };
}
