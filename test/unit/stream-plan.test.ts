import { describe, expect, it } from "vitest";
import { applyTopicChange, planStreams } from "@/lib/live/stream-plan";
import { translatorFor } from "@/lib/i18n/translator";

const streams = (...sets: string[][]) => sets.map((keys, i) => ({ stream: `s${i}`, keys: new Set(keys) }));

describe("planStreams (the browser's streams as topics come and go)", () => {
  it("opens streams of at most maxTopics for topics nobody serves yet", () => {
    const plan = planStreams([], new Set(["a", "b", "c", "d", "e"]), 2);
    expect(plan).toEqual({ change: new Map(), close: [], open: [["a", "b"], ["c", "d"], ["e"]] });
  });
  it("leaves streams whose topics are all still wanted alone", () => {
    const plan = planStreams(streams(["a", "b"]), new Set(["a", "b"]), 20);
    expect(plan).toEqual({ change: new Map(), close: [], open: [] });
  });
  it("adds new topics to the room left in open streams before opening another", () => {
    const plan = planStreams(streams(["a", "b"], ["c"]), new Set(["a", "b", "c", "d", "e", "f"]), 3);
    expect([...plan.change]).toEqual([
      ["s0", { add: ["d"], remove: [] }],
      ["s1", { add: ["e", "f"], remove: [] }],
    ]);
    expect(plan.open).toEqual([]);
  });
  it("removes topics no tab wants, and closes a stream left with none", () => {
    const plan = planStreams(streams(["a", "b"], ["c"]), new Set(["a", "x"]), 20);
    expect(plan.close).toEqual(["s1"]);
    expect([...plan.change]).toEqual([["s0", { add: ["x"], remove: ["b"] }]]);
  });
});

describe("applyTopicChange (the server's side of POST /api/stream/topics)", () => {
  it("applies removals before additions and keeps the per-stream bound", () => {
    expect(applyTopicChange(new Set(["a", "b"]), ["c"], ["a"], 2)).toEqual({ keys: new Set(["b", "c"]) });
    expect(applyTopicChange(new Set(["a", "b"]), ["c"], [], 2)).toEqual({ error: "a stream carries at most 2 topics; this change would make it 3." });
  });
});

describe("applyTopicChange in Simplified Chinese", () => {
  it("words the refusal with the same numbers", () => {
    expect(applyTopicChange(new Set(["a"]), ["b", "c"], [], 2, translatorFor("zh-CN"))).toEqual({ error: "一个数据流最多承载 2 个主题；此更改会使其达到 3 个。" });
  });
});
