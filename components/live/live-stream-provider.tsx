"use client";

import { createContext, useContext, useEffect, useRef, useState } from "react";
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { ChangeLog } from "@/lib/live/change-log";
import { liveKeys, type LiveList } from "@/lib/live/query-keys";
import type { StreamFrame } from "@/lib/live/stream-protocol";
import { topicKey, type Topic } from "@/lib/live/topics";
import { FlushScheduler } from "./flush-scheduler";
import { streamHealthStore } from "./stream-health-store";
import { sharedWorkerTransport, tabTransport, type Transport, type TransportFrame } from "./transports";

type Register = (topic: Topic) => () => void;
const RegisterContext = createContext<Register | null>(null);

type Change = Extract<StreamFrame, { kind: "change" }>;

/** Applies buffered changes to the React Query cache, one setQueryData per topic per flush. */
function applyChanges(queryClient: QueryClient, pending: Map<string, Change[]>) {
  for (const [key, changes] of pending) {
    queryClient.setQueryData<LiveList<{ uid: string }>>(liveKeys.listByKey(key), (old) => {
      if (!old) return old; // no snapshot yet: the snapshot will carry these
      // In place: copying 10,000 entries per batch cost more than the batch. The new wrapper is what tells React
      // Query (and the lists selected from it) that the data changed; nothing keeps the previous wrapper's items.
      const byUid = old.byUid;
      for (const change of changes) {
        if (change.type === "DELETED") delete byUid[change.item.uid];
        else byUid[change.item.uid] = change.item;
      }
      old.changes?.record(changes.map((change) => change.item.uid));
      return { byUid, changes: old.changes };
    });
  }
  pending.clear();
}

/**
 * Feeds React Query's cache from the live stream. Components register the topics they show; the transport (the
 * browser-wide shared worker, or the tab's own EventSource where SharedWorker is missing) follows that set.
 */
export function LiveStreamProvider({ children }: { children: React.ReactNode }) {
  const queryClient = useQueryClient();
  const refs = useRef(new Map<string, { topic: Topic; count: number }>());
  const transport = useRef<Transport | null>(null);
  const [topics, setTopics] = useState<Topic[]>([]);

  const register: Register = (topic) => {
    const key = topicKey(topic);
    const entry = refs.current.get(key) ?? { topic, count: 0 };
    entry.count++;
    refs.current.set(key, entry);
    setTopics([...refs.current.values()].map((e) => e.topic));
    return () => {
      entry.count--;
      if (entry.count === 0) refs.current.delete(key);
      setTopics([...refs.current.values()].map((e) => e.topic));
    };
  };

  useEffect(() => {
    const pending = new Map<string, Change[]>();
    // Buffered changes are applied per frame, at most half of the main thread's time (see FlushScheduler).
    const flusher = new FlushScheduler(() => applyChanges(queryClient, pending));
    const touch = () => streamHealthStore.touch();
    const onFrame = (frame: TransportFrame) => {
      switch (frame.kind) {
        case "connection":
          // Only frames are events: an opened connection is not one (no "last event" is made up).
          streamHealthStore.set({ connection: frame.state });
          return;
        case "snapshot": {
          pending.delete(frame.topic);
          const byUid: Record<string, unknown> = {};
          for (const item of frame.items) byUid[item.uid] = item;
          queryClient.setQueryData(liveKeys.listByKey(frame.topic), { byUid, changes: new ChangeLog() });
          return touch();
        }
        case "change": {
          const changes = pending.get(frame.topic);
          if (changes) changes.push(frame);
          else pending.set(frame.topic, [frame]);
          flusher.request();
          return touch();
        }
        case "status":
          streamHealthStore.set({ topics: { ...streamHealthStore.get().topics, [frame.topic]: { state: frame.state, error: frame.error, lastEventAt: frame.lastEventAt } } });
          return;
        case "heartbeat":
          return touch();
      }
    };
    transport.current = typeof SharedWorker === "function" ? sharedWorkerTransport(onFrame) : tabTransport(onFrame);
    return () => {
      flusher.cancel();
      transport.current?.close();
      transport.current = null;
    };
  }, [queryClient]);

  useEffect(() => {
    // Debounced by React's batching: a page registering three topics sends one subscription.
    const timer = setTimeout(() => {
      transport.current?.setTopics(topics);
      const keys = new Set(topics.map(topicKey));
      const health = streamHealthStore.get().topics;
      streamHealthStore.set({ topics: Object.fromEntries(Object.entries(health).filter(([key]) => keys.has(key))) });
    }, 0);
    return () => clearTimeout(timer);
  }, [topics]);

  return <RegisterContext.Provider value={register}>{children}</RegisterContext.Provider>;
}

/** Subscribes the tab's stream to `topic` while the calling component is mounted. */
export function useLiveTopic(topic: Topic) {
  const register = useContext(RegisterContext);
  // i18n-ignore: a programming mistake, seen by developers only
  if (!register) throw new Error("useLiveTopic needs a LiveStreamProvider above it");
  const key = topicKey(topic);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key captures the topic; a new object with the same key is the same topic
  useEffect(() => register(topic), [key]);
}
