"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { streamHealthStore } from "./stream-health-store";

const STALE_AFTER_MS = 25_000; // the server sends a heartbeat every 10 s

/** Live, reconnecting, or stale (with the time since the last event) — so nobody trusts a frozen list. */
export function StreamHealthBadge() {
  const health = useSyncExternalStore(streamHealthStore.subscribe, streamHealthStore.get, streamHealthStore.get);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const age = Math.max(0, Math.round((now - health.lastEventAt) / 1000));
  const topicTrouble = Object.values(health.topics).find((t) => t.state !== "live");
  let label: string;
  let tone: string;
  if (health.connection === "signed-out") {
    label = "signed out — sign in again";
    tone = "bg-red-100 text-red-800";
  } else if (health.connection === "reconnecting" || topicTrouble?.state === "reconnecting") {
    label = `reconnecting${topicTrouble?.error ? ` (${topicTrouble.error})` : ""}, last event ${age}s ago`;
    tone = "bg-amber-100 text-amber-900";
  } else if (health.connection === "connecting" || topicTrouble) {
    label = "connecting…";
    tone = "bg-slate-100 text-slate-700";
  } else if (now - health.lastEventAt > STALE_AFTER_MS) {
    label = `stale: no event for ${age}s`;
    tone = "bg-amber-100 text-amber-900";
  } else {
    label = "live";
    tone = "bg-emerald-100 text-emerald-800";
  }
  return (
    <span role="status" aria-live="polite" data-testid="stream-health" data-state={label.split(/[ :—(]/)[0]} className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ${tone}`}>
      <span aria-hidden className="h-2 w-2 rounded-full bg-current opacity-70" />
      {label}
    </span>
  );
}
