import { describe, expect, it } from "vitest";
import { parseEciProfile, splitList, toConfigMapData } from "@/lib/eci-profile/parse";

// The template from the add-on docs, as `kubectl get cm eci-profile -o yaml` shows it, plus keys the form does not know.
const stored: Record<string, string> = {
  enableClusterIp: "true",
  enableHybridMode: "false",
  enableLinuxArm64Node: "false",
  enableLogController: "false",
  enablePVCController: "false",
  enablePrivateZone: "false",
  enableReuseSSLKey: "false",
  featureGates: "MetricsVpcNet=true,ProtectionFinalizers=false,WaitForFirstConsumer=false",
  resourceGroupId: "",
  securityGroupId: "sg-2zeeyaaxlkq9sppl0001",
  selectors: '[\n  {"name": "batch", "objectSelector": {"matchLabels": {"alibabacloud.com/eci": "true"}}, "effect": {"annotations": {"k8s.aliyun.com/eci-use-specs": "2-4Gi"}}}\n]',
  slsMachineGroup: "",
  vSwitchIds: "vsw-2ze23nqzig8inprou0001, vsw-2ze94pjtfuj9vaymf0002",
  vpcId: "vpc-2zeghwzptn5zii0w70001",
};

describe("eci-profile parse", () => {
  it("reads the known keys into typed values and keeps every unknown key", () => {
    const { profile, problems } = parseEciProfile(stored);
    expect(problems).toEqual([]);
    expect(profile.vSwitchIds).toEqual(["vsw-2ze23nqzig8inprou0001", "vsw-2ze94pjtfuj9vaymf0002"]);
    expect(profile.enableClusterIp).toBe(true);
    expect(profile.enablePrivateZone).toBe(false);
    expect(profile.vpcId).toBe("vpc-2zeghwzptn5zii0w70001");
    expect(profile.selectors).toEqual([
      { name: "batch", objectSelector: { matchLabels: { "alibabacloud.com/eci": "true" } }, effect: { annotations: { "k8s.aliyun.com/eci-use-specs": "2-4Gi" } } },
    ]);
    expect(profile.otherKeys).toEqual({
      enableLinuxArm64Node: "false",
      enableLogController: "false",
      enablePVCController: "false",
      enableReuseSSLKey: "false",
      featureGates: "MetricsVpcNet=true,ProtectionFinalizers=false,WaitForFirstConsumer=false",
      slsMachineGroup: "",
    });
  });

  it("treats an empty or missing selectors value as no selectors, and missing keys as the add-on defaults", () => {
    expect(parseEciProfile({ selectors: "" }).profile.selectors).toEqual([]);
    const { profile, problems } = parseEciProfile({});
    expect(problems).toEqual([]);
    expect(profile).toMatchObject({ vSwitchIds: [], selectors: [], enableClusterIp: true, enableHybridMode: false, resourceGroupId: "" });
    expect(parseEciProfile(undefined).profile.otherKeys).toEqual({});
  });

  it("splits vSwitchIds on commas, trimming spaces and dropping empty entries, in order", () => {
    expect(splitList(" vsw-b ,vsw-a,, vsw-c ,")).toEqual(["vsw-b", "vsw-a", "vsw-c"]);
  });

  it("reports unreadable values with their position instead of failing the whole profile", () => {
    const { profile, problems } = parseEciProfile({ ...stored, enableHybridMode: "yes", selectors: '[{"name": "a",}]' });
    expect(profile.enableHybridMode).toBe(false);
    expect(profile.selectors).toEqual([]);
    expect(profile.vpcId).toBe("vpc-2zeghwzptn5zii0w70001");
    expect(problems.map((p) => p.key)).toEqual(["enableHybridMode", "selectors"]);
    expect(problems[0].message).toContain('"yes"');
    expect(problems[1].message).toBe('selectors is not valid: line 1, column 14 ([0]): Remove the trailing comma before "}"');
    expect(problems[1].selectors?.[0]).toMatchObject({ line: 1, column: 14, kind: "syntax" });
  });
});

describe("eci-profile toConfigMapData", () => {
  it("round-trips an unchanged profile to byte-identical data, key order included", () => {
    const { profile } = parseEciProfile(stored);
    const written = toConfigMapData(profile, stored);
    expect(written).toEqual(stored);
    expect(Object.keys(written)).toEqual(Object.keys(stored));
    expect(JSON.stringify(written)).toBe(JSON.stringify(stored));
  });

  it("keeps differently spelled but equal values as they were (spaces after commas, True, reordered label keys)", () => {
    const data = { vSwitchIds: "vsw-a1 ,  vsw-b2", enableClusterIp: "True", selectors: '[{"name":"n","effect":{"labels":{"b":"2","a":"1"}}}]' };
    const { profile } = parseEciProfile(data);
    profile.selectors = [{ name: "n", effect: { labels: { a: "1", b: "2" } } }];
    expect(toConfigMapData(profile, data)).toEqual(data);
  });

  it("writes only the changed keys, in the add-on's string forms, leaving unknown keys byte-for-byte", () => {
    const { profile } = parseEciProfile(stored);
    const next = toConfigMapData(
      {
        ...profile,
        vSwitchIds: ["vsw-2ze94pjtfuj9vaymf0002", "vsw-2ze23nqzig8inprou0001", "vsw-2zeaaaaaaaaaaaaaa0003"],
        enablePrivateZone: true,
        resourceGroupId: "rg-acfmzw2jz2z0001",
      },
      stored,
    );
    const changed = Object.keys(next).filter((k) => next[k] !== stored[k]);
    expect(changed.sort()).toEqual(["enablePrivateZone", "resourceGroupId", "vSwitchIds"]);
    expect(next.vSwitchIds).toBe("vsw-2ze94pjtfuj9vaymf0002,vsw-2ze23nqzig8inprou0001,vsw-2zeaaaaaaaaaaaaaa0003");
    expect(next.enablePrivateZone).toBe("true");
    expect(next.featureGates).toBe(stored.featureGates);
    expect(next.selectors).toBe(stored.selectors);
  });

  it("writes selectors as indented JSON, and no selectors as the empty string", () => {
    const { profile } = parseEciProfile(stored);
    const added = toConfigMapData({ ...profile, selectors: [...profile.selectors, { name: "ns", namespaceSelector: { matchLabels: { eci: "true" } } }] }, stored);
    expect(JSON.parse(added.selectors)).toHaveLength(2);
    expect(added.selectors).toContain('\n  {\n    "name": "ns",');
    expect(toConfigMapData({ ...profile, selectors: [] }, stored).selectors).toBe("");
  });

  it("does not add absent keys unless they change, and keeps a broken value unless forced", () => {
    const data = { vpcId: "vpc-1", selectors: "[oops" };
    const { profile } = parseEciProfile(data);
    expect(toConfigMapData(profile, data)).toEqual(data);
    expect(toConfigMapData({ ...profile, enableHybridMode: true }, data)).toEqual({ ...data, enableHybridMode: "true" });
    expect(toConfigMapData(profile, data, { forceKeys: ["selectors"] })).toEqual({ vpcId: "vpc-1", selectors: "" });
  });
});
