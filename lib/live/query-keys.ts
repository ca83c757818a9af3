import { topicKey, type Topic } from "./topics";

/** React Query keys of live data; the stream writes them with setQueryData, pages read them with useQuery. */
export const liveKeys = {
  all: ["live"] as const,
  list: (topic: Topic) => ["live", "list", topicKey(topic)] as const,
  listByKey: (key: string) => ["live", "list", key] as const,
};

export interface LiveList<V> {
  byUid: Record<string, V>;
}
