import { describe, expect, it } from "vitest";
import { WorkQueue } from "./work-queue";

/** A job that runs until `finish` is called. */
function gate() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { done, finish };
}

describe("WorkQueue.drain", () => {
  it("drops the jobs not yet started and resolves once the running ones finish", async () => {
    const queue = new WorkQueue(2, () => {});
    const ran: string[] = [];
    const gates = { a: gate(), b: gate() };
    queue.add("a", async () => {
      ran.push("a");
      await gates.a.done;
    });
    queue.add("b", async () => {
      ran.push("b");
      await gates.b.done;
    });
    queue.add("c", async () => {
      ran.push("c");
    });
    let drained = false;
    const draining = queue.drain().then(() => (drained = true));
    gates.a.finish();
    await gates.a.done;
    await Promise.resolve();
    expect(drained).toBe(false);
    gates.b.finish();
    await draining;
    expect(ran).toEqual(["a", "b"]);
  });

  it("resolves at once when nothing runs", async () => {
    await expect(new WorkQueue(1, () => {}).drain()).resolves.toBeUndefined();
  });
});
