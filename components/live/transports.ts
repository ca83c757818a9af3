"use client";

import type { StreamFrame } from "@/lib/live/stream-protocol";
import { topicKey, type Topic } from "@/lib/live/topics";
import type { ConnectionState } from "./stream-health-store";

export type TransportFrame = StreamFrame | { kind: "connection"; state: ConnectionState };

/** How a tab receives its live frames: through the shared worker (one stream per browser) or its own EventSource. */
export interface Transport {
  setTopics(topics: Topic[]): void;
  close(): void;
}

const FRAME_KINDS = ["snapshot", "change", "status", "heartbeat"] as const;

/** One stream for all tabs: browsers cap HTTP/1.1 connections per host at 6, so per-tab streams stall the 7th tab. */
export function sharedWorkerTransport(onFrame: (frame: TransportFrame) => void): Transport {
  const worker = new SharedWorker("/live-stream-worker.js", { name: "vnode-console-live" });
  const port = worker.port;
  port.onmessage = ({ data }) => onFrame(data as TransportFrame);
  port.start();
  const ping = setInterval(() => port.postMessage({ type: "ping" }), 10_000);
  const bye = () => port.postMessage({ type: "bye" });
  window.addEventListener("pagehide", bye);
  return {
    setTopics: (topics) => port.postMessage({ type: "subscribe", topics: topics.map((topic) => ({ key: topicKey(topic), topic })) }),
    close() {
      clearInterval(ping);
      window.removeEventListener("pagehide", bye);
      bye();
      port.close();
    },
  };
}

/** Fallback where SharedWorker is missing: the tab's own EventSource. */
export function eventSourceTransport(onFrame: (frame: TransportFrame) => void): Transport {
  let source: EventSource | undefined;
  let current: Topic[] = [];
  let retry: ReturnType<typeof setTimeout> | undefined;
  const open = () => {
    source?.close();
    clearTimeout(retry);
    if (current.length === 0) return;
    const es = new EventSource(`/api/stream?topics=${encodeURIComponent(JSON.stringify(current))}`);
    source = es;
    onFrame({ kind: "connection", state: "connecting" });
    es.onopen = () => onFrame({ kind: "connection", state: "open" });
    es.onerror = async () => {
      if (es !== source) return;
      if (es.readyState !== EventSource.CLOSED) return onFrame({ kind: "connection", state: "reconnecting" });
      const answer = await fetch("/api/session").catch(() => null);
      onFrame({ kind: "connection", state: answer?.status === 401 ? "signed-out" : "reconnecting" });
      if (answer?.status !== 401) retry = setTimeout(() => es === source && open(), 2_000);
    };
    for (const kind of FRAME_KINDS) es.addEventListener(kind, (e) => es === source && onFrame(JSON.parse((e as MessageEvent).data)));
  };
  return {
    setTopics(topics) {
      current = topics;
      open();
    },
    close() {
      clearTimeout(retry);
      source?.close();
    },
  };
}
