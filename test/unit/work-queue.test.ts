import { describe, expect, it } from "vitest";
import { WorkQueue } from "@/sandbox/kubelet/work-queue";

describe("WorkQueue", () => {
  it("never runs more than its concurrency and runs a key re-queued while pending only once", async () => {
    let active = 0;
    let peak = 0;
    const ran: string[] = [];
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const queue = new WorkQueue(2, () => {});
    const job = (name: string) => async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setImmediate(r));
      ran.push(name);
      active--;
      if (ran.length === 4) finish();
    };
    queue.add("a", job("a1"));
    queue.add("b", job("b"));
    queue.add("c", job("c1"));
    queue.add("c", job("c2"));
    queue.add("d", job("d"));
    await done;
    expect(peak).toBe(2);
    expect(ran.sort()).toEqual(["a1", "b", "c2", "d"]);
  });
});
