// Sending kube-system to ECI would put ack-virtual-node's own controller and webhook behind themselves.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "vnode-ns-"));
  process.env.KUBECONFIG = path.join(dir, "kubeconfig");
  await writeFile(process.env.KUBECONFIG, "apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts: []\n");
});

describe("the alibabacloud.com/eci=true namespace toggle", () => {
  it.each(["kube-system", "kube-public", "kube-node-lease"])("refuses %s with the reason, before any Kubernetes call", async (namespace) => {
    const { setNamespaceEci } = await import("@/lib/server/namespaces");
    await expect(setNamespaceEci("any", namespace, true)).rejects.toMatchObject({ code: "SystemNamespace", whatToDo: expect.stringContaining("ack-virtual-node's controller") });
  });
});
