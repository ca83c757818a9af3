import { describe, expect, it } from "vitest";
import { groupPlacement, parseLabelFilter } from "@/lib/live/placement";
import { translatorFor } from "@/lib/i18n/translator";
import type { PodView } from "@/lib/live/pod-view";
import { nodeSummary as node, podView } from "../support/live-views";

const pod = (name: string, nodeName?: string, labels: Record<string, string> = {}): PodView => podView(name, nodeName, { labels });

describe("groupPlacement", () => {
  it("puts pods in the lane of their node, virtual nodes apart, unscheduled pods aside", () => {
    const placement = groupPlacement(
      [node("virtual-kubelet-cn-hangzhou-b", true), node("cn-hangzhou.192.168.0.10", false)],
      [pod("b", "virtual-kubelet-cn-hangzhou-b"), pod("a", "cn-hangzhou.192.168.0.10"), pod("pending"), pod("orphan", "gone-node")],
    );
    expect(placement.virtual.map((l) => [l.node.name, l.pods.map((p) => p.name)])).toEqual([["virtual-kubelet-cn-hangzhou-b", ["b"]]]);
    expect(placement.datacenter.map((l) => [l.node.name, l.pods.map((p) => p.name)])).toEqual([["cn-hangzhou.192.168.0.10", ["a"]]]);
    expect(placement.unplaced.map((p) => p.name)).toEqual(["orphan", "pending"]);
  });
});

describe("parseLabelFilter", () => {
  it("supports =, ==, !=, key and !key like kubectl -l", () => {
    const filter = parseLabelFilter("app=web, tier!=db, alibabacloud.com/eci, !canary");
    if (!filter.ok) throw new Error(filter.error);
    expect(filter.test({ app: "web", tier: "fe", "alibabacloud.com/eci": "true" })).toBe(true);
    expect(filter.test({ app: "web", "alibabacloud.com/eci": "true", canary: "1" })).toBe(false);
    expect(filter.test({ app: "web", tier: "db", "alibabacloud.com/eci": "true" })).toBe(false);
  });
  it("says what is wrong with a bad term", () => {
    expect(parseLabelFilter("app in (a,b)")).toEqual({ ok: false, error: expect.stringContaining('"app in (a" is not a label selector term') });
  });
});

describe("label filter errors in Simplified Chinese", () => {
  it("quotes the term and keeps the selector syntax", () => {
    const zh = translatorFor("zh-CN");
    expect(parseLabelFilter("a=b=c", zh)).toEqual({ ok: false, error: "“a=b=c”不是标签选择器条件：请使用 key=value、key!=value、key 或 !key。" });
    expect(parseLabelFilter("!a=b", zh)).toEqual({ ok: false, error: "“!a=b”：!key 不能带值。" });
  });
});
