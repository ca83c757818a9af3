"use client";

import { createContext, useContext, useEffect, useRef, useState } from "react";
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { liveKeys, type LiveList } from "@/lib/live/query-keys";
import type { StreamFrame } from "@/lib/live/stream-protocol";
import { topicKey, type Topic } from "@/lib/live/topics";
import { streamHealthStore } from "./stream-health-store";

type Register = (topic: Topic) => () => void;
const RegisterContext = createContext<Register | null>(null);

const FLUSH_MS = 16; // one frame: coalesces bursts of watch events into one cache write per topic

type Change = Extract<StreamFrame, { kind: "change" }>;

/** Applies buffered changes to the React Query cache, one setQueryData per topic per flush. */
function applyChanges(queryClient: QueryClient, pending: Map<string, Change[]>) {
  for (const [key, changes] of pending) {
    queryClient.setQueryData<LiveList<{ uid: string }>>(liveKeys.listByKey(key), (old) => {
      if (!old) return old; // no snapshot yet: the snapshot will carry these
      const byUid = { ...old.byUid };
      for (const change of changes) {
        if (change.type === "DELETED") delete byUid[change.item.uid];
        else byUid[change.item.uid] = change.item;
      }
      return { byUid };
    });
  }
  pending.clear();
}

/**
 * Owns the tab's single EventSource. Components register the topics they show; the provider reopens the stream when
 * the set changes, and writes snapshots and changes into React Query's cache.
 */
export function LiveStreamProvider({ children }: { children: React.ReactNode }) {
  const queryClient = useQueryClient();
  const refs = useRef(new Map<string, { topic: Topic; count: number }>());
  const [topicsParam, setTopicsParam] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0); // bumped to reopen a stream the browser gave up on

  const register: Register = (topic) => {
    const key = topicKey(topic);
    const entry = refs.current.get(key) ?? { topic, count: 0 };
    entry.count++;
    refs.current.set(key, entry);
    setTopicsParam(JSON.stringify([...refs.current.values()].map((e) => e.topic)));
    return () => {
      entry.count--;
      if (entry.count === 0) refs.current.delete(key);
      setTopicsParam(refs.current.size ? JSON.stringify([...refs.current.values()].map((e) => e.topic)) : null);
    };
  };

  useEffect(() => {
    if (!topicsParam) return;
    const source = new EventSource(`/api/stream?topics=${encodeURIComponent(topicsParam)}`);
    const pending = new Map<string, Change[]>();
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    const touch = () => streamHealthStore.set({ lastEventAt: Date.now() });
    streamHealthStore.set({ connection: "connecting" });

    source.onopen = () => streamHealthStore.set({ connection: "open", lastEventAt: Date.now() });
    source.onerror = async () => {
      if (source.readyState === EventSource.CLOSED) {
        // The browser gives up on a non-200 answer; find out whether the session ended.
        const answer = await fetch("/api/session").catch(() => null);
        streamHealthStore.set({ connection: answer?.status === 401 ? "signed-out" : "reconnecting" });
        if (answer?.status !== 401) setTimeout(() => setAttempt((n) => n + 1), 2_000);
      } else {
        streamHealthStore.set({ connection: "reconnecting" });
      }
    };
    source.addEventListener("snapshot", (e) => {
      const frame = JSON.parse((e as MessageEvent).data) as Extract<StreamFrame, { kind: "snapshot" }>;
      pending.delete(frame.topic);
      const byUid: Record<string, unknown> = {};
      for (const item of frame.items) byUid[item.uid] = item;
      queryClient.setQueryData(liveKeys.listByKey(frame.topic), { byUid });
      touch();
    });
    source.addEventListener("change", (e) => {
      const frame = JSON.parse((e as MessageEvent).data) as Change;
      pending.set(frame.topic, [...(pending.get(frame.topic) ?? []), frame]);
      flushTimer ??= setTimeout(() => {
        flushTimer = undefined;
        applyChanges(queryClient, pending);
      }, FLUSH_MS);
      touch();
    });
    source.addEventListener("status", (e) => {
      const frame = JSON.parse((e as MessageEvent).data) as Extract<StreamFrame, { kind: "status" }>;
      const topics = { ...streamHealthStore.get().topics, [frame.topic]: { state: frame.state, error: frame.error } };
      streamHealthStore.set({ topics, connection: "open" });
    });
    source.addEventListener("heartbeat", touch);
    return () => {
      clearTimeout(flushTimer);
      source.close();
    };
  }, [topicsParam, attempt, queryClient]);

  return <RegisterContext.Provider value={register}>{children}</RegisterContext.Provider>;
}

/** Subscribes the tab's stream to `topic` while the calling component is mounted. */
export function useLiveTopic(topic: Topic) {
  const register = useContext(RegisterContext);
  if (!register) throw new Error("useLiveTopic needs a LiveStreamProvider above it");
  const key = topicKey(topic);
  useEffect(() => register(topic), [key]); // eslint-disable-line react-hooks/exhaustive-deps -- key captures topic
}
