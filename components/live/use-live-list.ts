"use client";

import { skipToken, useQuery } from "@tanstack/react-query";
import { liveKeys, type LiveList } from "@/lib/live/query-keys";
import type { LiveResource, Topic } from "@/lib/live/topics";
import type { ViewByResource } from "@/lib/live/views";
import { useLiveTopic } from "./live-stream-provider";

/**
 * One function for every list: React Query runs `select` again whenever its identity changes, so an inline one would
 * give a new array on every render and every memo depending on it (the lanes) would start over.
 */
const itemsOf = <V>(list: LiveList<V>): V[] => Object.values(list.byUid);

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
    select: itemsOf,
  });
  return data;
}

/**
 * A topic's live list itself (items by uid, updated in place, and the log of which changed), for views that derive
 * from thousands of items incrementally instead of reading them all on every batch.
 */
export function useLiveListData<R extends LiveResource>(topic: Topic & { resource: R }): LiveList<ViewByResource[R]> | undefined {
  useLiveTopic(topic);
  const { data } = useQuery<LiveList<ViewByResource[R]>>({
    queryKey: liveKeys.list(topic),
    queryFn: skipToken,
    staleTime: Infinity,
    gcTime: 60_000,
    structuralSharing: false,
  });
  return data;
}
