// The Activity log: survives a half-written line, stays bounded, and a failed write never fails the change it records.
import { mkdir, mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";

let dir: string;
const entry = (n: number) => ({ cluster: "c", who: "alice", action: "grant-ram", target: "secret/alibaba-addon-secret", result: "succeeded" as const, message: `record ${n}` });

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "vnode-audit-"));
  process.env.VNODE_CONSOLE_CONFIG = path.join(dir, "console.json");
  // No cluster: the Kubernetes Event write fails, which must not matter.
  process.env.KUBECONFIG = path.join(dir, "kubeconfig");
  await writeFile(process.env.KUBECONFIG, "apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts: []\n");
  delete process.env.VNODE_ACTIVITY_MAX_BYTES;
  vi.resetModules();
});

describe("activity log", () => {
  it("skips a half-written line and keeps every whole record", async () => {
    const { recordAudit, readActivity } = await import("@/lib/server/audit");
    await recordAudit(entry(1));
    await writeFile(path.join(dir, "activity.jsonl"), `${await readFile(path.join(dir, "activity.jsonl"), "utf8")}{"at":"2026-01-01T00:00:00Z","clus`, { flag: "w" });
    await writeFile(path.join(dir, "activity.jsonl"), "\n", { flag: "a" });
    await recordAudit(entry(2));
    expect((await readActivity()).map((e) => e.message)).toEqual(["record 2", "record 1"]);
  });

  it("is bounded: past its size it rotates, keeping the newest records readable", async () => {
    process.env.VNODE_ACTIVITY_MAX_BYTES = "2000";
    const { recordAudit, readActivity } = await import("@/lib/server/audit");
    for (let n = 1; n <= 40; n++) await recordAudit(entry(n));
    expect((await stat(path.join(dir, "activity.jsonl"))).size).toBeLessThanOrEqual(2000);
    expect((await stat(path.join(dir, "activity.1.jsonl"))).size).toBeLessThanOrEqual(2000);
    const newest = await readActivity(5);
    expect(newest.map((e) => e.message)).toEqual(["record 40", "record 39", "record 38", "record 37", "record 36"]);
  });

  it("never throws when the record cannot be written: the change already happened", async () => {
    const { recordAudit } = await import("@/lib/server/audit");
    await mkdir(path.join(dir, "activity.jsonl")); // a directory where the file should be: every append fails
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await expect(recordAudit(entry(1))).resolves.toBeUndefined();
    expect(errors).toHaveBeenCalledWith(expect.stringContaining("activity log: could not append"));
    errors.mockRestore();
  });
});
