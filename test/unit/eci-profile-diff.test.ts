import { describe, expect, it } from "vitest";
import { diffConfigMapData, merge, resolveConflicts } from "@/lib/eci-profile/diff";
import { diffLines } from "@/lib/eci-profile/line-diff";
import { parseEciProfile, toConfigMapData } from "@/lib/eci-profile/parse";

const base = {
  enableClusterIp: "true",
  featureGates: "WaitForFirstConsumer=false",
  securityGroupId: "sg-bp1main0001",
  selectors: '[\n  {\n    "name": "batch"\n  }\n]',
  vSwitchIds: "vsw-bp1a,vsw-bp1b",
  vpcId: "vpc-bp1main0001",
};

describe("ConfigMap diff for the confirm-before-save view", () => {
  it("lists added, removed and changed keys with old and new values, sorted by key", () => {
    const after = { ...base, vSwitchIds: "vsw-bp1a,vsw-bp1b,vsw-bp1c", enablePrivateZone: "true" } as Record<string, string>;
    delete after.featureGates;
    const changes = diffConfigMapData(base, after);
    expect(changes.map((c) => [c.key, c.kind])).toEqual([
      ["enablePrivateZone", "added"],
      ["featureGates", "removed"],
      ["vSwitchIds", "changed"],
    ]);
    expect(changes[2]).toMatchObject({ oldValue: "vsw-bp1a,vsw-bp1b", newValue: "vsw-bp1a,vsw-bp1b,vsw-bp1c" });
    expect(changes[0]).toMatchObject({ newValue: "true", lines: [{ op: "added", text: "true" }] });
    expect(changes[1]).toMatchObject({ oldValue: "WaitForFirstConsumer=false", lines: [{ op: "removed", text: "WaitForFirstConsumer=false" }] });
    expect(diffConfigMapData(base, { ...base })).toEqual([]);
  });

  it("diffs a multi-line selectors value line by line", () => {
    const { profile } = parseEciProfile(base);
    const after = toConfigMapData({ ...profile, selectors: [{ name: "batch", objectSelector: { matchLabels: { eci: "true" } } }] }, base);
    const [change] = diffConfigMapData(base, after);
    expect(change.key).toBe("selectors");
    expect(change.lines.filter((l) => l.op !== "same").map((l) => `${l.op === "added" ? "+" : "-"}${l.text}`)).toEqual([
      '-    "name": "batch"',
      '+    "name": "batch",',
      '+    "objectSelector": {',
      '+      "matchLabels": {',
      '+        "eci": "true"',
      "+      }",
      "+    }",
    ]);
  });

  it("produces a minimal line diff that rebuilds both sides", () => {
    const a = "a\nb\nc\nd";
    const b = "a\nc\nd\ne";
    const lines = diffLines(a, b);
    expect(lines).toEqual([
      { op: "same", text: "a" },
      { op: "removed", text: "b" },
      { op: "same", text: "c" },
      { op: "same", text: "d" },
      { op: "added", text: "e" },
    ]);
    expect(
      lines
        .filter((l) => l.op !== "added")
        .map((l) => l.text)
        .join("\n"),
    ).toBe(a);
    expect(
      lines
        .filter((l) => l.op !== "removed")
        .map((l) => l.text)
        .join("\n"),
    ).toBe(b);
  });
});

describe("three-way merge after a resourceVersion conflict", () => {
  it("merges keys changed on only one side, keeping both edits", () => {
    const mine = { ...base, enableClusterIp: "false" };
    const theirs = { ...base, vSwitchIds: "vsw-bp1a,vsw-bp1b,vsw-bp1c", slsMachineGroup: "k8s-group" };
    const result = merge(base, mine, theirs);
    expect(result.conflicts).toEqual([]);
    expect(result.merged).toEqual({ ...base, enableClusterIp: "false", vSwitchIds: "vsw-bp1a,vsw-bp1b,vsw-bp1c", slsMachineGroup: "k8s-group" });
    expect(result.fromMine).toEqual(["enableClusterIp"]);
    expect(result.fromTheirs.sort()).toEqual(["slsMachineGroup", "vSwitchIds"]);
  });

  it("takes identical changes on both sides without a conflict, and honours one-sided deletions", () => {
    const mine = { ...base, vpcId: "vpc-bp1new0002" } as Record<string, string>;
    const theirs = { ...base, vpcId: "vpc-bp1new0002" } as Record<string, string>;
    delete theirs.featureGates;
    const result = merge(base, mine, theirs);
    expect(result.conflicts).toEqual([]);
    expect(result.merged.vpcId).toBe("vpc-bp1new0002");
    expect("featureGates" in result.merged).toBe(false);
  });

  it("lists keys changed differently on both sides as conflicts and keeps their value until the user decides", () => {
    const mine = { ...base, vSwitchIds: "vsw-bp1a,vsw-bp1b,vsw-bp1mine", enableClusterIp: "false" } as Record<string, string>;
    const theirs = { ...base, vSwitchIds: "vsw-bp1a,vsw-bp1theirs" } as Record<string, string>;
    delete theirs.securityGroupId;
    mine.securityGroupId = "sg-bp1mine0003";
    const result = merge(base, mine, theirs);
    expect(result.conflicts).toEqual([
      { key: "vSwitchIds", base: "vsw-bp1a,vsw-bp1b", mine: "vsw-bp1a,vsw-bp1b,vsw-bp1mine", theirs: "vsw-bp1a,vsw-bp1theirs" },
      { key: "securityGroupId", base: "sg-bp1main0001", mine: "sg-bp1mine0003", theirs: undefined },
    ]);
    expect(result.merged.vSwitchIds).toBe("vsw-bp1a,vsw-bp1theirs");
    expect("securityGroupId" in result.merged).toBe(false);
    expect(result.merged.enableClusterIp).toBe("false");

    expect(() => resolveConflicts(result, { vSwitchIds: "mine" })).toThrow('No decision for conflicting key "securityGroupId"');
    const resolved = resolveConflicts(result, { vSwitchIds: { value: "vsw-bp1a,vsw-bp1theirs,vsw-bp1mine" }, securityGroupId: "mine" });
    expect(resolved).toMatchObject({ vSwitchIds: "vsw-bp1a,vsw-bp1theirs,vsw-bp1mine", securityGroupId: "sg-bp1mine0003", enableClusterIp: "false" });
    expect(resolveConflicts(result, { vSwitchIds: "theirs", securityGroupId: "theirs" })).toEqual(result.merged);
  });

  it("loses none of 100 concurrent scripted edits: each lands or is reported as a conflict", () => {
    // 100 scripted writers each change a different key of the same base; the form edits two keys,
    // one of which a writer also touched. Merging the form into the result keeps all 100 edits.
    let theirs: Record<string, string> = { ...base };
    for (let n = 0; n < 100; n++) theirs = merge(theirs, { ...theirs, [`script-${n}`]: `v${n}` }, theirs).merged;
    theirs.enableClusterIp = "false";
    const mine = { ...base, enableClusterIp: "False", vpcId: "vpc-bp1form0009" };
    const result = merge(base, mine, theirs);
    for (let n = 0; n < 100; n++) expect(result.merged[`script-${n}`]).toBe(`v${n}`);
    expect(result.fromTheirs).toHaveLength(100);
    expect(result.merged.vpcId).toBe("vpc-bp1form0009");
    expect(result.conflicts).toEqual([{ key: "enableClusterIp", base: "true", mine: "False", theirs: "false" }]);
  });
});
