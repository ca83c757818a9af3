// One grant, install or uninstall at a time per cluster: a second click (or a second user) is told it is running.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { kubectl } from "./kubectl";
import { pointConsoleAtSandbox } from "./console-env";

const jar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined), set: () => undefined, delete: () => undefined }),
  headers: async () => new Headers(),
}));

const { kubeconfig, clusters, stateDir } = inject("sandbox");
pointConsoleAtSandbox(inject("sandbox"), "console-lock");
process.env.VNODE_SESSION_SECRET = "action-lock-test-secret-0123456789abcdef";
const cluster = clusters![0].context;

beforeAll(async () => {
  const { SESSION_COOKIE, createSessionCookieValue } = await import("@/lib/auth/session-cookie");
  jar.set(SESSION_COOKIE, createSessionCookieValue("it-user", process.env.VNODE_SESSION_SECRET!));
  await kubectl(kubeconfig, "-n", "kube-system", "delete", "secret", "alibaba-addon-secret", "--ignore-not-found");
});
afterAll(async () => {
  await kubectl(kubeconfig, "-n", "kube-system", "delete", "secret", "alibaba-addon-secret", "--ignore-not-found");
});

describe("per-cluster action lock", () => {
  it("runs one of two simultaneous grants and tells the other it is already running", async () => {
    const { grantAutomatically } = await import("@/app/clusters/[cluster]/addons/actions");
    const results = await Promise.all([grantAutomatically({ cluster }), grantAutomatically({ cluster })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([expect.objectContaining({ error: expect.objectContaining({ code: "AlreadyRunning", retryable: true }) })]);
    // Once the first is done the cluster is free again: a repeat runs (and changes nothing).
    expect(await grantAutomatically({ cluster })).toMatchObject({ ok: true, message: expect.stringContaining("Nothing to change") });
  });

  it("refuses to delete a node that is not virtual, saying so plainly (not 'Something went wrong')", async () => {
    const { deleteVirtualNodes } = await import("@/app/clusters/[cluster]/addons/actions");
    const name = `virtual-kubelet-impostor-${Date.now()}`;
    const manifest = path.join(stateDir, `${name}.json`);
    // Named like a virtual node, but without the type=virtual-kubelet label: a data-center node by every other sign.
    await writeFile(manifest, JSON.stringify({ apiVersion: "v1", kind: "Node", metadata: { name, labels: { "kubernetes.io/hostname": name } } }));
    await kubectl(kubeconfig, "create", "-f", manifest);
    try {
      const result = await deleteVirtualNodes({ cluster, names: [name] });
      expect(result).toMatchObject({ ok: false, error: { code: "NotAVirtualNode", title: `${name} is not a virtual node (it has no type=virtual-kubelet label)` } });
      expect(result.ok ? "" : result.message).toContain("Nothing was deleted.");
      expect(await kubectl(kubeconfig, "get", "node", name, "-o", "name")).toBe(`node/${name}\n`);
    } finally {
      await kubectl(kubeconfig, "delete", "node", name, "--ignore-not-found");
    }
  });
});
