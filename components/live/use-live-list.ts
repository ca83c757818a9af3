"use client";

import { skipToken, useQuery } from "@tanstack/react-query";
import { liveKeys, type LiveList } from "@/lib/live/query-keys";
import type { LiveResource, Topic } from "@/lib/live/topics";
import type { ViewByResource } from "@/lib/live/views";
import { useLiveTopic } from "./live-stream-provider";

/** Live items of a topic, kept current by the tab's stream. `undefined` until the first snapshot arrives. */
export function useLiveList<R extends LiveResource>(topic: Topic & { resource: R }): ViewByResource[R][] | undefined {
  useLiveTopic(topic);
  const { data } = useQuery<LiveList<ViewByResource[R]>, Error, ViewByResource[R][]>({
    queryKey: liveKeys.list(topic),
    queryFn: skipToken,
    staleTime: Infinity,
    gcTime: 60_000,
    // The stream already keeps unchanged items as the same objects; React Query's deep compare of thousands of
    // items on every batch would only cost time.
    structuralSharing: false,
    select: (list) => Object.values(list.byUid),
  });
  return data;
}
