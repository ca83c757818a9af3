// An apiserver that never answers, or is not there: every call ends within its timeout with words a person can act
// on, never a hang and never raw library text ("fetch failed", "The operation was aborted due to timeout").
import { mkdtemp, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let blackHole: net.Server;
const sockets = new Set<net.Socket>();
let closedPort: number;

beforeAll(async () => {
  // Accepts TCP connections and never says a word: what a firewall that drops packets after the handshake looks like.
  blackHole = net.createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => blackHole.listen(0, "127.0.0.1", resolve));
  const spare = net.createServer();
  await new Promise<void>((resolve) => spare.listen(0, "127.0.0.1", resolve));
  closedPort = (spare.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => spare.close(() => resolve()));
  const dir = await mkdtemp(path.join(os.tmpdir(), "vnode-unreachable-"));
  const cluster = (name: string, port: number) => `- name: ${name}\n  cluster:\n    server: https://127.0.0.1:${port}\n    insecure-skip-tls-verify: true\n`;
  const kubeconfig = `apiVersion: v1\nkind: Config\nclusters:\n${cluster("silent", (blackHole.address() as net.AddressInfo).port)}${cluster("gone", closedPort)}users:\n- name: u\n  user:\n    token: t\ncontexts:\n- name: silent\n  context: { cluster: silent, user: u }\n- name: gone\n  context: { cluster: gone, user: u }\ncurrent-context: silent\n`;
  await writeFile(path.join(dir, "kubeconfig"), kubeconfig);
  process.env.KUBECONFIG = path.join(dir, "kubeconfig");
  process.env.VNODE_KUBE_TIMEOUT_MS = "1500";
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => blackHole.close(() => resolve()));
});

describe("Kubernetes calls to an unreachable apiserver", () => {
  it("give up within the timeout and say there was no answer, naming the server", async () => {
    const { readAddonSecretInfo } = await import("@/lib/k8s/addon-secret");
    const { explainError } = await import("@/lib/errors");
    const started = Date.now();
    const error = await readAddonSecretInfo("silent").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    const explained = explainError(error, { endpoint: "the API server of silent", timeoutSeconds: 1.5 });
    expect(explained).toMatchObject({ source: "network", title: "No answer from the API server of silent within 1.5 s", retryable: true });
  });

  it("say the connection was refused when nothing listens", async () => {
    const { readAddonSecretInfo } = await import("@/lib/k8s/addon-secret");
    const { explainError } = await import("@/lib/errors");
    const error = await readAddonSecretInfo("gone").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(explainError(error, { endpoint: "the API server of gone" })).toMatchObject({ code: "ECONNREFUSED", title: "Connection refused by the API server of gone" });
  });

  it("word the Clusters page probe's failure the same way", async () => {
    const { probeCluster } = await import("@/lib/k8s/cluster-probe");
    const { explainError } = await import("@/lib/errors");
    const probe = await probeCluster("gone");
    expect(probe.reachable).toBe(false);
    const words = explainError(probe.failure, { endpoint: "the API server of gone" });
    expect(words.title).toBe("Connection refused by the API server of gone");
    expect(`${words.title} ${words.whatToDo}`).not.toMatch(/fetch failed|aborted due to timeout/);
  });
});
