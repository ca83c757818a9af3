"use client";

import { LiveStreamClient, type ClientFrame } from "@/lib/live/stream-client";
import type { Topic } from "@/lib/live/topics";
import type { TabMessage } from "./live-stream.worker";

export type TransportFrame = ClientFrame;

/** How a tab receives its live frames: through the shared worker (one client per browser) or a client of its own. */
export interface Transport {
  setTopics(topics: Topic[]): void;
  close(): void;
}

/** One stream client for all tabs: browsers cap HTTP/1.1 connections per host at 6, so per-tab streams stall the 7th tab. */
export function sharedWorkerTransport(onFrame: (frame: TransportFrame) => void): Transport {
  // Next bundles the worker from TypeScript (the `new URL(…, import.meta.url)` form is what its bundler recognises).
  const worker = new SharedWorker(new URL("./live-stream.worker.ts", import.meta.url), { name: "vnode-console-live" });
  const port = worker.port;
  const post = (message: TabMessage) => port.postMessage(message);
  port.onmessage = ({ data }) => onFrame(data as TransportFrame);
  port.start();
  const ping = setInterval(() => post({ type: "ping" }), 10_000);
  const bye = () => post({ type: "bye" });
  window.addEventListener("pagehide", bye);
  return {
    setTopics: (topics) => post({ type: "subscribe", topics }),
    close() {
      clearInterval(ping);
      window.removeEventListener("pagehide", bye);
      bye();
      port.close();
    },
  };
}

/** Fallback where SharedWorker is missing: the same stream client, run by the tab for itself. */
export function tabTransport(onFrame: (frame: TransportFrame) => void): Transport {
  const client = new LiveStreamClient({
    EventSource,
    sessionStatus: () => fetch("/api/session", { cache: "no-store" }).then((answer) => answer.status),
  });
  const member = client.join(onFrame);
  return {
    setTopics: (topics) => member.setTopics(topics),
    close: () => client.close(),
  };
}
