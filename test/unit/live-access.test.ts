import { beforeEach, describe, expect, it, vi } from "vitest";

// Each SubjectAccessReview the class asks for waits here until the test answers it.
const reviews: { verb: string; namespace?: string; answer: (allowed: boolean) => void }[] = [];
vi.mock("@/lib/k8s/access-review", () => ({
  mayAccess: (_cluster: string, _who: unknown, attrs: { verb: string; namespace?: string }) =>
    new Promise<boolean>((answer) => reviews.push({ verb: attrs.verb, namespace: attrs.namespace, answer })),
}));

const { LiveAccess, LIVE_ACCESS_TTL_MS } = await import("@/lib/server/live-access");

const pod = { metadata: { uid: "u", name: "web", namespace: "team-a" } };
const who = { user: "ann", groups: ["team-a"] };
/** Answers every open review: cluster-wide ones with `clusterWide`, namespaced ones with `inNamespace`. */
const answerAll = async (clusterWide: boolean, inNamespace = clusterWide) => {
  for (let i = 0; i < 10 && reviews.length === 0; i++) await Promise.resolve();
  for (const r of reviews.splice(0)) r.answer(r.namespace ? inNamespace : clusterWide);
};
const settled = async <T>(promise: Promise<T>) => {
  let done = false;
  void promise.then(() => (done = true));
  for (let i = 0; i < 20; i++) await Promise.resolve();
  return done;
};

describe("LiveAccess: who may receive a shared watch's frames", () => {
  let now: number;
  let access: InstanceType<typeof LiveAccess>;
  beforeEach(() => {
    reviews.length = 0;
    now = 1_000_000;
    access = new LiveAccess("c", who, "pods", () => now);
  });
  /** The first frame: refused cluster-wide, allowed in team-a. */
  const allowedInTeamAOnly = async () => {
    const first = access.allows(pod);
    await answerAll(false, true);
    await answerAll(false, true);
    expect(await first).toBe(true);
  };

  it("asks list and watch once, then answers from the cache until it expires", async () => {
    await allowedInTeamAOnly();
    expect(await access.allows(pod)).toBe(true);
    expect(reviews).toHaveLength(0);
  });

  it("after expiry, an allowed answer is used at once while it is asked again (frames are not held for the review)", async () => {
    await allowedInTeamAOnly();
    now += LIVE_ACCESS_TTL_MS + 1;
    expect(await settled(access.allows(pod))).toBe(true);
    expect(await access.allows(pod)).toBe(true);
    // Both answers are asked again (cluster-wide and team-a), once each, while the frames went on.
    expect(reviews.map((r) => `${r.verb} ${r.namespace ?? "*"}`).sort()).toEqual(["list *", "list team-a", "watch *", "watch team-a"]);
  });

  it("a right refused when asked again refuses the next frames and makes recheck end the stream", async () => {
    await allowedInTeamAOnly();
    now += LIVE_ACCESS_TTL_MS + 1;
    await access.allows(pod);
    await answerAll(false, false);
    await answerAll(false, false);
    expect(await access.allows(pod)).toBe(false);
    expect(await access.recheck()).toBe(true);
  });

  it("an expired refusal is asked again before any frame goes (a refused frame would be lost)", async () => {
    const first = access.allows(pod);
    await answerAll(false, false);
    await answerAll(false, false);
    expect(await first).toBe(false);
    now += LIVE_ACCESS_TTL_MS + 1;
    const again = access.allows(pod);
    expect(await settled(again)).toBe(false);
    await answerAll(true);
    expect(await again).toBe(true);
  });

  it("an allowed answer older than twice the TTL is not used: the frame waits for the review", async () => {
    const first = access.allows(pod);
    await answerAll(true);
    await first;
    now += 2 * LIVE_ACCESS_TTL_MS + 1;
    const late = access.allows(pod);
    expect(await settled(late)).toBe(false);
    await answerAll(false, false);
    await answerAll(false, false);
    expect(await late).toBe(false);
  });

  it("recheck asks expired answers again and awaits them", async () => {
    const first = access.allows(pod);
    await answerAll(true);
    await first;
    now += LIVE_ACCESS_TTL_MS + 1;
    const check = access.recheck();
    expect(await settled(check)).toBe(false);
    await answerAll(true);
    expect(await check).toBe(false);
  });
});
