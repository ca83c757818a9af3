import { translatorFor, type Translator } from "@/lib/i18n/translator";

/**
 * How the browser's stream client changes its streams when the wanted topics change, without disturbing what is
 * already served: topics that stay keep their stream (nothing is re-sent for them), topics that go are removed from
 * their stream, new topics fill the room left in open streams before a new stream is opened. Pure bookkeeping.
 */
export interface StreamPlan<C> {
  /** Per kept stream: topic keys to add and to remove (either may be empty; streams with no change are left out). */
  change: Map<C, { add: string[]; remove: string[] }>;
  /** Streams to close: none of their topics is wanted any more. */
  close: C[];
  /** New streams to open, by topic keys. */
  open: string[][];
}

export function planStreams<C>(streams: { stream: C; keys: ReadonlySet<string> }[], wanted: ReadonlySet<string>, maxTopics: number): StreamPlan<C> {
  const plan: StreamPlan<C> = { change: new Map(), close: [], open: [] };
  const kept: { stream: C; size: number; add: string[]; remove: string[] }[] = [];
  const served = new Set<string>();
  for (const { stream, keys } of streams) {
    const remove = [...keys].filter((key) => !wanted.has(key));
    if (remove.length === keys.size) {
      plan.close.push(stream);
      continue;
    }
    for (const key of keys) if (wanted.has(key)) served.add(key);
    kept.push({ stream, size: keys.size - remove.length, add: [], remove });
  }
  const fresh = [...wanted].filter((key) => !served.has(key)).sort();
  let next = 0;
  for (const k of kept) {
    while (next < fresh.length && k.size < maxTopics) {
      k.add.push(fresh[next++]);
      k.size++;
    }
    if (k.add.length || k.remove.length) plan.change.set(k.stream, { add: k.add, remove: k.remove });
  }
  for (; next < fresh.length; next += maxTopics) plan.open.push(fresh.slice(next, next + maxTopics));
  return plan;
}

/** The server's side: a stream's topic keys after `add` and `remove`, or why the change is refused. */
export function applyTopicChange(
  current: ReadonlySet<string>,
  add: string[],
  remove: string[],
  maxTopics: number,
  t: Translator = translatorFor("en"),
): { keys: Set<string> } | { error: string } {
  const keys = new Set(current);
  for (const key of remove) keys.delete(key);
  for (const key of add) keys.add(key);
  if (keys.size > maxTopics) return { error: t("live.topicLimit", { max: maxTopics, size: keys.size }) };
  return { keys };
}
