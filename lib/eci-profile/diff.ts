// What a save would change (shown before writing) and the three-way merge used when the ConfigMap
// changed since it was read (resourceVersion conflict). Keys are the unit: a key changed on only one
// side merges cleanly; a key changed differently on both sides is a conflict for the user to decide.
import { diffLines, type DiffLine } from "./line-diff";

export type ConfigMapData = Readonly<Record<string, string>>;

export type KeyChange =
  | { key: string; kind: "added"; newValue: string; lines: DiffLine[] }
  | { key: string; kind: "removed"; oldValue: string; lines: DiffLine[] }
  | { key: string; kind: "changed"; oldValue: string; newValue: string; lines: DiffLine[] };

const has = (data: ConfigMapData | undefined, key: string) => data !== undefined && Object.hasOwn(data, key);
const valueAt = (data: ConfigMapData | undefined, key: string) => (has(data, key) ? data![key] : undefined);

/** Per-key changes from `before` to `after`, sorted by key; unchanged keys are left out. */
export function diffConfigMapData(before: ConfigMapData | undefined, after: ConfigMapData | undefined): KeyChange[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort();
  const changes: KeyChange[] = [];
  for (const key of keys) {
    const oldValue = valueAt(before, key);
    const newValue = valueAt(after, key);
    if (oldValue === newValue) continue;
    if (oldValue === undefined) changes.push({ key, kind: "added", newValue: newValue!, lines: diffLines("", newValue!) });
    else if (newValue === undefined) changes.push({ key, kind: "removed", oldValue, lines: diffLines(oldValue, "") });
    else changes.push({ key, kind: "changed", oldValue, newValue, lines: diffLines(oldValue, newValue) });
  }
  return changes;
}

/** A key both sides changed, differently. `undefined` means the side deleted the key. */
export interface MergeConflict {
  key: string;
  base?: string;
  mine?: string;
  theirs?: string;
}

export interface MergeResult {
  /** Clean merge of both sides; conflicting keys hold THEIR value until the user resolves them. */
  merged: Record<string, string>;
  conflicts: MergeConflict[];
  /** Keys taken from my side (what my save would still change on top of theirs). */
  fromMine: string[];
  /** Keys taken from their side (the other change the user should see). */
  fromTheirs: string[];
}

/**
 * Three-way merge per key. `base` is the data the form was loaded from, `mine` what the form wants to
 * write, `theirs` the current data in the cluster.
 */
export function merge(base: ConfigMapData | undefined, mine: ConfigMapData | undefined, theirs: ConfigMapData | undefined): MergeResult {
  const merged: Record<string, string> = {};
  const conflicts: MergeConflict[] = [];
  const fromMine: string[] = [];
  const fromTheirs: string[] = [];
  // Their key order first: the written object then reads like the current one.
  const keys = [...new Set([...Object.keys(theirs ?? {}), ...Object.keys(mine ?? {}), ...Object.keys(base ?? {})])];
  for (const key of keys) {
    const b = valueAt(base, key);
    const m = valueAt(mine, key);
    const t = valueAt(theirs, key);
    // Theirs is the current state: it stays unless only my side changed the key.
    let chosen = t;
    if (m !== t) {
      if (m === b) fromTheirs.push(key);
      else if (t === b) {
        chosen = m;
        fromMine.push(key);
      } else conflicts.push({ key, base: b, mine: m, theirs: t });
    }
    if (chosen !== undefined) merged[key] = chosen;
  }
  return { merged, conflicts, fromMine, fromTheirs };
}

export type ConflictChoice = "mine" | "theirs" | { value: string | undefined };

/** Applies the user's decision for every conflict; throws if one is left undecided (never guess). */
export function resolveConflicts(result: MergeResult, choices: Readonly<Record<string, ConflictChoice>>): Record<string, string> {
  const data = { ...result.merged };
  for (const conflict of result.conflicts) {
    const choice = choices[conflict.key];
    // i18n-ignore: a programming mistake (the form lets no merge through undecided)
    if (choice === undefined) throw new Error(`No decision for conflicting key "${conflict.key}"`);
    const value = choice === "mine" ? conflict.mine : choice === "theirs" ? conflict.theirs : choice.value;
    if (value === undefined) delete data[conflict.key];
    else data[conflict.key] = value;
  }
  return data;
}
