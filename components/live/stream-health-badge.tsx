"use client";

import { useTranslations } from "next-intl";
import { memo, useEffect, useState, useSyncExternalStore } from "react";
import { healthLabel, type HealthTone } from "@/lib/live/health-label";
import { streamHealthStore } from "./stream-health-store";

const TONES: Record<HealthTone, string> = {
  live: "bg-emerald-100 text-emerald-800",
  muted: "bg-slate-100 text-slate-700",
  warn: "bg-amber-100 text-amber-900",
  bad: "bg-red-100 text-red-800",
};

/** Live, reconnecting, failed or stale (with the time since the last event, if any came) — so nobody trusts a frozen list. */
// Memoised: it has no props and follows its own store; the page around it renders on every live batch.
export const StreamHealthBadge = memo(StreamHealthBadgeView);

function StreamHealthBadgeView() {
  const health = useSyncExternalStore(streamHealthStore.subscribe, streamHealthStore.get, streamHealthStore.get);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const t = useTranslations();
  const { state, label, tone } = healthLabel(health, now, t);
  return (
    <span
      role="status"
      aria-live="polite"
      data-testid="stream-health"
      data-state={state}
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ${TONES[tone]}`}
    >
      <span aria-hidden className="h-2 w-2 rounded-full bg-current opacity-70" />
      {label}
    </span>
  );
}
