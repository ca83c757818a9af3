import type { ChangeLog } from "./change-log";
import { topicKey, type Topic } from "./topics";

/** React Query keys of live data; the stream writes them with setQueryData, pages read them with useQuery. */
export const liveKeys = {
  all: ["live"] as const,
  list: (topic: Topic) => ["live", "list", topicKey(topic)] as const,
  listByKey: (key: string) => ["live", "list", key] as const,
};

export interface LiveList<V> {
  /** Updated in place by each batch; a new wrapper object tells React Query the data changed. */
  byUid: Record<string, V>;
  /** Which uids each batch since the snapshot changed: readers that derive from thousands of items update only those. */
  changes?: ChangeLog;
}
