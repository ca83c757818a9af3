// Zones of vSwitches and the virtual nodes they produce. ack-virtual-node creates one virtual node per
// zone covered by vSwitchIds, named virtual-kubelet-<regionId>-<zone letter>
// (e.g. virtual-kubelet-cn-hangzhou-j, as `kubectl get no` shows them).

export interface VSwitchZone {
  vSwitchId: string;
  zoneId: string;
}

export interface ZoneGroup {
  zoneId: string;
  vSwitchIds: string[];
}

/**
 * Splits a zone ID into region and zone suffix. Zone IDs are the region plus a letter, with a dash
 * ("cn-hangzhou-b") or without ("ap-southeast-1a"). Pass the region when known: it removes guessing.
 */
export function splitZoneId(zoneId: string, regionId?: string): { regionId: string; suffix: string } | undefined {
  if (regionId) {
    if (!zoneId.startsWith(regionId) || zoneId.length === regionId.length) return undefined;
    const suffix = zoneId.slice(regionId.length).replace(/^-/, "");
    return suffix ? { regionId, suffix } : undefined;
  }
  const m = /^(.+?)-?([a-z])$/.exec(zoneId);
  return m ? { regionId: m[1], suffix: m[2] } : undefined;
}

/** Whether `zoneId` belongs to `regionId` (cn-hangzhou-b is in cn-hangzhou, not in cn-hangzhou-finance). */
export function isZoneInRegion(zoneId: string, regionId: string): boolean {
  const split = splitZoneId(zoneId, regionId);
  return split !== undefined && /^[a-z]$/.test(split.suffix);
}

/**
 * Name of the virtual node ack-virtual-node creates for a zone: cn-hangzhou-b -> virtual-kubelet-cn-hangzhou-b.
 * For dash-less zones (ap-southeast-1a) the documented pattern gives virtual-kubelet-ap-southeast-1-a
 * (inferred from the pattern, not seen in a source).
 */
export function virtualNodeNameForZone(zoneId: string, regionId?: string): string {
  const split = splitZoneId(zoneId, regionId);
  // i18n-ignore: callers pass zones of the region (isZoneInRegion first); a programming mistake otherwise
  if (!split) throw new Error(`Cannot tell the region of zone "${zoneId}"${regionId ? ` in region ${regionId}` : ""}`);
  return `virtual-kubelet-${split.regionId}-${split.suffix}`;
}

/** Zone of a vSwitch, from DescribeVSwitches facts; undefined when the vSwitch is unknown. */
export function zoneOfVSwitch(vSwitchId: string, vSwitches: readonly VSwitchZone[]): string | undefined {
  return vSwitches.find((v) => v.vSwitchId === vSwitchId)?.zoneId;
}

/** Groups vSwitch IDs by zone, zones in order of first appearance (that order matters for VSwitchOrdered). */
export function groupByZone(vSwitchIds: readonly string[], vSwitches: readonly VSwitchZone[]): { zones: ZoneGroup[]; unknown: string[] } {
  const zones: ZoneGroup[] = [];
  const unknown: string[] = [];
  for (const id of vSwitchIds) {
    const zoneId = zoneOfVSwitch(id, vSwitches);
    if (zoneId === undefined) {
      unknown.push(id);
      continue;
    }
    const group = zones.find((z) => z.zoneId === zoneId);
    if (group) group.vSwitchIds.push(id);
    else zones.push({ zoneId, vSwitchIds: [id] });
  }
  return { zones, unknown };
}

/** The virtual node names the add-on should create for these vSwitches (ARM node not included). */
export function expectedVirtualNodeNames(vSwitchIds: readonly string[], vSwitches: readonly VSwitchZone[], regionId: string): string[] {
  return groupByZone(vSwitchIds, vSwitches)
    .zones.filter((z) => isZoneInRegion(z.zoneId, regionId))
    .map((z) => virtualNodeNameForZone(z.zoneId, regionId));
}
