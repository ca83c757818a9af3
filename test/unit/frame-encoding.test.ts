import { describe, expect, it } from "vitest";
import { changeFrame, encodeFrame, snapshotFrames } from "@/lib/live/frame-encoding";
import { FrameQueue } from "@/lib/live/frame-queue";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const data = (bytes: Uint8Array) => JSON.parse(/^data: (.*)$/m.exec(text(bytes))![1]);

describe("snapshotFrames (a large snapshot in parts)", () => {
  it("cuts 1,201 items into 3 parts of at most 500, in order, that add up to the list", () => {
    const items = Array.from({ length: 1_201 }, (_, i) => ({ uid: `u${i}` }));
    const frames = [...snapshotFrames("t", items, (item) => JSON.stringify(item), false, 500)].map(data);
    expect(frames.map((f) => [f.part, f.parts, f.items.length])).toEqual([
      [0, 3, 500],
      [1, 3, 500],
      [2, 3, 201],
    ]);
    expect(frames.flatMap((f) => f.items)).toEqual(items);
    expect(frames[0]).toMatchObject({ kind: "snapshot", topic: "t", resync: false });
  });
  it("sends an empty list as one frame, and is an SSE event named snapshot", () => {
    const [only, ...rest] = [...snapshotFrames("t", [], String, true)];
    expect(rest).toEqual([]);
    expect(text(only)).toMatch(/^event: snapshot\ndata: .*\n\n$/);
    expect(data(only)).toEqual({ kind: "snapshot", topic: "t", resync: true, parts: 1, part: 0, items: [] });
  });
  it("turns items into JSON lazily, one part at a time", () => {
    let projected = 0;
    const series = snapshotFrames(
      "t",
      [1, 2, 3, 4],
      (n) => {
        projected++;
        return String(n);
      },
      false,
      2,
    );
    series.next();
    expect(projected).toBe(2);
  });
});

describe("projected and serialised once", () => {
  it("gives every client of a topic the same bytes for one change", () => {
    const event = { kind: "change" };
    const a = changeFrame(event, "t", "ADDED", () => '{"uid":"1"}');
    const b = changeFrame(event, "t", "ADDED", () => {
      throw new Error("serialised twice");
    });
    expect(b).toBe(a);
    expect(data(a)).toEqual({ kind: "change", topic: "t", type: "ADDED", item: { uid: "1" } });
    expect(text(encodeFrame({ kind: "heartbeat", now: 1 }))).toBe('event: heartbeat\ndata: {"kind":"heartbeat","now":1}\n\n');
  });
});

describe("FrameQueue (a stream's outbox)", () => {
  it("writes plain frames at once, and queues what comes during a snapshot behind its parts, yielding between parts", async () => {
    const written: string[] = [];
    let release: () => void = () => {};
    const yields: number[] = [];
    const queue = new FrameQueue<string>(
      (frame, snapshot) => written.push(snapshot ? `[${frame}]` : frame),
      () => {
        yields.push(written.length);
        return new Promise<void>((resolve) => (release = resolve));
      },
    );
    queue.push("hello");
    queue.push(["s0", "s1", "s2"], true);
    queue.push("change");
    expect(written).toEqual(["hello", "[s0]"]);
    expect(queue.busy).toBe(true);
    for (let i = 0; i < 3; i++) {
      release();
      await Promise.resolve();
      await Promise.resolve();
    }
    expect(written).toEqual(["hello", "[s0]", "[s1]", "[s2]", "change"]);
    expect(yields).toEqual([2, 3, 4]);
  });
  it("writes nothing more once stopped", () => {
    const written: string[] = [];
    const queue = new FrameQueue<string>(
      (f) => written.push(f),
      () => new Promise(() => {}),
    );
    queue.push(["a", "b"], true);
    queue.stop();
    queue.push("c");
    expect(written).toEqual(["a"]);
  });
});
