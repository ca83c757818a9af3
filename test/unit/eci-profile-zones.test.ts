import { describe, expect, it } from "vitest";
import { expectedVirtualNodeNames, groupByZone, isZoneInRegion, splitZoneId, virtualNodeNameForZone, zoneOfVSwitch } from "@/lib/eci-profile/zones";

const vSwitches = [
  { vSwitchId: "vsw-j1", zoneId: "cn-hangzhou-j" },
  { vSwitchId: "vsw-b1", zoneId: "cn-hangzhou-b" },
  { vSwitchId: "vsw-j2", zoneId: "cn-hangzhou-j" },
  { vSwitchId: "vsw-sg", zoneId: "ap-southeast-1a" },
];

describe("zones", () => {
  it("names the virtual node of a zone like ack-virtual-node does", () => {
    expect(virtualNodeNameForZone("cn-hangzhou-b")).toBe("virtual-kubelet-cn-hangzhou-b");
    expect(virtualNodeNameForZone("cn-shanghai-k", "cn-shanghai")).toBe("virtual-kubelet-cn-shanghai-k");
    expect(virtualNodeNameForZone("ap-southeast-1a", "ap-southeast-1")).toBe("virtual-kubelet-ap-southeast-1-a");
    expect(() => virtualNodeNameForZone("cn-beijing-h", "cn-hangzhou")).toThrow('Cannot tell the region of zone "cn-beijing-h" in region cn-hangzhou');
  });

  it("splits zone IDs with and without a dash before the letter", () => {
    expect(splitZoneId("cn-hangzhou-b")).toEqual({ regionId: "cn-hangzhou", suffix: "b" });
    expect(splitZoneId("ap-southeast-1a")).toEqual({ regionId: "ap-southeast-1", suffix: "a" });
    expect(splitZoneId("cn-hangzhou-b", "cn-hangzhou")).toEqual({ regionId: "cn-hangzhou", suffix: "b" });
    expect(splitZoneId("cn-hangzhou", "cn-hangzhou")).toBeUndefined();
  });

  it("tells whether a zone is in a region without being fooled by a shared prefix", () => {
    expect(isZoneInRegion("cn-hangzhou-b", "cn-hangzhou")).toBe(true);
    expect(isZoneInRegion("ap-southeast-1a", "ap-southeast-1")).toBe(true);
    expect(isZoneInRegion("cn-shanghai-finance-1a", "cn-shanghai")).toBe(false);
    expect(isZoneInRegion("cn-shanghai-b", "cn-hangzhou")).toBe(false);
  });

  it("finds and groups vSwitch zones in order of first appearance", () => {
    expect(zoneOfVSwitch("vsw-b1", vSwitches)).toBe("cn-hangzhou-b");
    expect(zoneOfVSwitch("vsw-none", vSwitches)).toBeUndefined();
    expect(groupByZone(["vsw-j1", "vsw-b1", "vsw-x", "vsw-j2"], vSwitches)).toEqual({
      zones: [
        { zoneId: "cn-hangzhou-j", vSwitchIds: ["vsw-j1", "vsw-j2"] },
        { zoneId: "cn-hangzhou-b", vSwitchIds: ["vsw-b1"] },
      ],
      unknown: ["vsw-x"],
    });
  });

  it("lists one expected virtual node per zone of the region", () => {
    expect(expectedVirtualNodeNames(["vsw-j1", "vsw-b1", "vsw-j2", "vsw-sg"], vSwitches, "cn-hangzhou")).toEqual([
      "virtual-kubelet-cn-hangzhou-j",
      "virtual-kubelet-cn-hangzhou-b",
    ]);
  });
});
