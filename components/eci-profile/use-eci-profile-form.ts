"use client";
// The form's state against the ConfigMap it edits: the base (data + resourceVersion it was loaded at, the merge
// base for conflicts), the edited fields, and what the cluster holds now from the live stream. With no unsaved
// edits the form follows the cluster; with edits, a newer cluster version is kept aside for the user to review.
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import { useLiveList } from "@/components/live/use-live-list";
import { parseEciProfile, sameValue, type EciProfileFields, type KnownKey, type ReadProblem } from "@/lib/eci-profile";
import type { EciProfileSnapshot } from "@/lib/eci-profile";

export type Snapshot = EciProfileSnapshot;

/** The form's fields of ConfigMap data. Unknown keys are not form state: every write takes them from its base. */
export function fieldsOf(data: Record<string, string>, t?: Parameters<typeof parseEciProfile>[1]): { fields: EciProfileFields; problems: ReadProblem[] } {
  const { profile, problems } = parseEciProfile(data, t);
  const { otherKeys, ...fields } = profile;
  void otherKeys;
  return { fields, problems };
}

export function useEciProfileForm(cluster: string, initial: Snapshot) {
  const [base, setBase] = useState(initial);
  const t = useTranslations();
  const loaded = useMemo(() => fieldsOf(base.data, t), [base, t]);
  const [fields, setFields] = useState(loaded.fields);
  const [forceKeys, setForceKeys] = useState<KnownKey[]>([]);
  /** A newer version seen in the cluster while the user had unsaved edits. */
  const [remote, setRemote] = useState<Snapshot | null>(null);
  /** Set when the ConfigMap disappeared (uninstall) while the page is open. */
  const [deleted, setDeleted] = useState(false);
  const [followedAt, setFollowedAt] = useState<string | null>(null);
  // Versions this tab replaced itself: a late watch event for one of them is not "someone else's change".
  const superseded = useRef(new Set<string>());

  const dirty = forceKeys.length > 0 || !sameValue(fields, loaded.fields);

  const reset = (snapshot: Snapshot, fieldsOverride?: EciProfileFields) => {
    setBase(snapshot);
    setFields(fieldsOverride ?? fieldsOf(snapshot.data).fields);
    setForceKeys([]);
    setRemote(null);
    setDeleted(false);
  };

  const live = useLiveList({ cluster, resource: "configmaps", namespace: "kube-system", fieldSelector: "metadata.name=eci-profile" });
  const current = live?.find((cm) => cm.name === "eci-profile");
  const currentVersion = current?.resourceVersion;
  // Only a new cluster version (or the edit state) should re-run this, not every render of the same item.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the version and edit state are the triggers, on purpose
  useEffect(() => {
    if (live === undefined) return; // no snapshot from the stream yet
    if (!current) {
      setDeleted(true);
      return;
    }
    setDeleted(false);
    if (current.resourceVersion === base.resourceVersion || superseded.current.has(current.resourceVersion)) {
      setRemote(null);
      return;
    }
    const snapshot = { resourceVersion: current.resourceVersion, data: current.data };
    if (dirty) setRemote(snapshot);
    else {
      reset(snapshot);
      setFollowedAt(new Date().toLocaleTimeString());
    }
  }, [live === undefined, currentVersion, base.resourceVersion, dirty]);

  /** After a successful write: the new version becomes the base; the version it replaced is ours, not theirs. */
  const saved = (snapshot: Snapshot) => {
    superseded.current.add(base.resourceVersion);
    reset(snapshot);
  };

  /** After a merge: the merged fields are unsaved edits on top of their version. */
  const rebase = (theirs: Snapshot, merged: EciProfileFields) => reset(theirs, merged);

  return { base, fields, setFields, problems: loaded.problems, forceKeys, setForceKeys, dirty, remote, deleted, followedAt, reset, saved, rebase };
}
