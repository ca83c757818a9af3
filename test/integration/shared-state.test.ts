// State shared by replicas, in Kubernetes: two stores stand for two console replicas (A and B). They reach the
// sandbox's apiserver as the chart's own ServiceAccount, with a minted token and only the chart's rendered state
// Role, so every call below is also proof that the Role grants what the shared state needs.
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { CoordinationV1Api, KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { parseAllDocuments } from "yaml";
import { z } from "zod";
import { ensureHelmBinary } from "@/sandbox/helm/binary";
import { pointConsoleAtSandbox } from "./console-env";
import { eventually, kubectl, kubectlJson } from "./kubectl";
import type { ConsoleStateStore, KubernetesStateOptions } from "@/lib/server/state";

const jar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined), set: () => undefined, delete: () => undefined }),
  headers: async () => new Headers(),
}));

const run = promisify(execFile);
const sandbox = inject("sandbox");
const cluster = pointConsoleAtSandbox(sandbox, "shared-state");
const ns = `state-${Date.now().toString(36)}`;
const release = "console";
const prefix = `${release}-vnode-console`;
const chart = path.resolve(import.meta.dirname, "../../deploy/helm/vnode-console");
const savedEnv = { ...process.env };

let saKubeConfig: KubeConfig;
let A: ConsoleStateStore;
let B: ConsoleStateStore;
let seedKey = "";

async function replica(holder: string, extra: Partial<KubernetesStateOptions> = {}) {
  const { kubernetesState } = await import("@/lib/server/state");
  return kubernetesState({
    kubeConfig: saKubeConfig,
    namespace: ns,
    holder,
    prefix,
    sessionSecretName: `${prefix}-session`,
    leaseSeconds: 2,
    cacheMs: 300,
    activityMaxEntries: 5,
    ...extra,
  });
}

beforeAll(async () => {
  // The chart's ServiceAccount, state Role, binding and session Secret, rendered by the real helm for this namespace.
  const helm = await ensureHelmBinary((line) => console.error(`[helm] ${line}`));
  const { stdout } = await run(helm, ["template", release, chart, "--namespace", ns], { maxBuffer: 16 * 1024 * 1024 });
  const objects = parseAllDocuments(stdout)
    .map((d) => d.toJS())
    .filter((o) => o && ["ServiceAccount", "Role", "RoleBinding", "Secret"].includes(o.kind) && o.metadata.namespace === ns);
  expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
    `Role/${prefix}-state`,
    `RoleBinding/${prefix}-state`,
    `Secret/${prefix}-session`,
    `ServiceAccount/${prefix}`,
  ]);
  seedKey = Buffer.from(objects.find((o) => o.kind === "Secret").data["session-key"], "base64").toString();
  await kubectl(sandbox.kubeconfig, "create", "namespace", ns);
  const manifest = path.join(sandbox.stateDir, `${ns}.json`);
  await writeFile(manifest, JSON.stringify({ apiVersion: "v1", kind: "List", items: objects }));
  await kubectl(sandbox.kubeconfig, "apply", "-f", manifest);

  // The token as the kubelet would mount it in the console's pod.
  const dir = await mkdtemp(path.join(sandbox.stateDir, "state-sa-"));
  const admin = new KubeConfig();
  admin.loadFromFile(sandbox.kubeconfig);
  await writeFile(path.join(dir, "token"), (await kubectl(sandbox.kubeconfig, "-n", ns, "create", "token", prefix, "--duration=1h")).trim());
  await writeFile(path.join(dir, "ca.crt"), Buffer.from(admin.getCurrentCluster()!.caData!, "base64"));
  await writeFile(path.join(dir, "namespace"), ns);
  const server = new URL(sandbox.apiserver);
  Object.assign(process.env, { KUBERNETES_SERVICE_HOST: server.hostname, KUBERNETES_SERVICE_PORT: server.port });
  const { serviceAccountKubeConfig } = await import("@/lib/k8s/kubeconfig");
  saKubeConfig = serviceAccountKubeConfig("state", dir);
  A = await replica("console-a");
  B = await replica("console-b");
}, 10 * 60_000);

afterAll(async () => {
  A?.close();
  B?.close();
  (await import("@/lib/server/state")).replaceConsoleState(undefined);
  process.env = savedEnv;
  await kubectl(sandbox.kubeconfig, "delete", "namespace", ns, "--wait=false");
});

/** A Lease time as the apiserver wants it (microseconds); client-node would send milliseconds. */
class MicroTime extends Date {
  toJSON() {
    return this.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
  }
}

const link = (n: number) => ({ ackClusterId: `c${String(n).padStart(12, "0")}`, regionId: "cn-hangzhou", linkedBy: "user" as const });

describe("cluster links and settings in a ConfigMap", () => {
  it("a link written by A is read by B", async () => {
    await A.config.update((c) => ({ ...c, links: { ...c.links, prod: link(1) } }));
    expect((await B.config.read()).links.prod).toEqual(link(1));
    const cm = await kubectlJson(sandbox.kubeconfig, "-n", ns, "get", "configmap", `${prefix}-config`);
    expect(JSON.parse(cm.data["console.json"]).links.prod).toEqual(link(1));
  });

  it("keeps every one of many simultaneous writes from both replicas (conflicts are retried, none is lost)", async () => {
    let applied = 0;
    const writes = Array.from({ length: 16 }, (_, i) =>
      (i % 2 ? A : B).config.update((c) => {
        applied++;
        return { ...c, links: { ...c.links, [`ctx-${i}`]: link(100 + i) } };
      }),
    );
    await Promise.all(writes);
    const { links } = await A.config.read();
    expect(
      Object.keys(links)
        .filter((k) => k.startsWith("ctx-"))
        .sort(),
    ).toEqual(Array.from({ length: 16 }, (_, i) => `ctx-${i}`).sort());
    expect(links.prod).toEqual(link(1));
    // More applications than writes: some writes met a 409 Conflict and were re-applied to the newer copy.
    expect(applied).toBeGreaterThan(16);
  });
});

describe("session cookies across replicas", () => {
  const sessionOf = (value: string) => JSON.parse(Buffer.from(value.split(".")[0], "base64url").toString()) as { sid: string; exp: number };

  it("a cookie signed by A verifies on B, also after a key rotation", async () => {
    const { createSessionCookieValue, verifySessionCookieValue } = await import("@/lib/auth/session-cookie");
    const { replaceConsoleState } = await import("@/lib/server/state");
    const { verifySession } = await import("@/lib/auth/verify-session");
    // Until the first rotation the chart's random key signs.
    expect(await A.sessionKeys.signing()).toBe(seedKey);
    const before = createSessionCookieValue("alice", await A.sessionKeys.signing());
    expect(verifySessionCookieValue(before, await B.sessionKeys.verifying())).toMatchObject({ sub: "alice" });

    await A.sessionKeys.rotate();
    const rotatedKey = await A.sessionKeys.signing();
    expect(rotatedKey).not.toBe(seedKey);
    const after = createSessionCookieValue("bob", rotatedKey);
    replaceConsoleState(B);
    // B cached the keys before the rotation: the unknown key makes it re-read them (at most once a second).
    expect(await eventually("B to accept the cookie signed with the new key", async () => (await verifySession(after)) ?? undefined, 5000)).toMatchObject({ sub: "bob" });
    // Sessions made before the rotation still work on both: nobody is signed out.
    expect(await verifySession(before)).toMatchObject({ sub: "alice" });
    expect(verifySessionCookieValue(before, await A.sessionKeys.verifying())).toMatchObject({ sub: "alice" });
    expect(await B.sessionKeys.signing()).toBe(rotatedKey);
    const secret = await kubectlJson(sandbox.kubeconfig, "-n", ns, "get", "secret", `${prefix}-session`);
    const ring = JSON.parse(Buffer.from(secret.data["keyring.json"], "base64").toString()) as { secret: string }[];
    expect(ring.map((k) => k.secret)).toEqual([rotatedKey, seedKey]);
  });

  it("a sign-out on A refuses the cookie on B", async () => {
    const { createSessionCookieValue } = await import("@/lib/auth/session-cookie");
    const { replaceConsoleState } = await import("@/lib/server/state");
    const { verifySession } = await import("@/lib/auth/verify-session");
    const cookie = createSessionCookieValue("carol", await A.sessionKeys.signing());
    replaceConsoleState(B);
    expect(await verifySession(cookie)).toMatchObject({ sub: "carol" });
    const { sid, exp } = sessionOf(cookie);
    await A.revocations.revoke(sid, exp);
    expect(await A.revocations.isRevoked(sid)).toBe(true);
    await eventually("B to refuse the signed-out cookie", async () => ((await verifySession(cookie)) === null ? true : undefined), 5000);
    // A replica started later sees it too.
    expect(await (await replica("console-c")).revocations.isRevoked(sid)).toBe(true);
  });
});

describe("one action at a time per cluster, across replicas", () => {
  it("of two simultaneous exclusive actions on A and B, exactly one runs", async () => {
    const [a, b] = await Promise.all([A.actionLocks.tryAcquire("prod"), B.actionLocks.tryAcquire("prod")]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    const holder = a ? "console-a" : "console-b";
    const lease = await kubectlJson(sandbox.kubeconfig, "-n", ns, "get", "leases.coordination.k8s.io", "-l", "app.kubernetes.io/component=state");
    expect(lease.items.map((l: { spec: { holderIdentity: string } }) => l.spec.holderIdentity)).toEqual([holder]);
    await (a ?? b)!();
    // Released: the other replica may start one now.
    const next = await (a ? B : A).actionLocks.tryAcquire("prod");
    expect(next).toBeTypeOf("function");
    await next!();
  });

  it("refuses an action through the guard with the clear 'already running' answer while B runs one", async () => {
    const { SESSION_COOKIE, createSessionCookieValue } = await import("@/lib/auth/session-cookie");
    const { replaceConsoleState } = await import("@/lib/server/state");
    const { defineAction } = await import("@/lib/server/guard");
    let ran = 0;
    const install = defineAction({
      action: "test-install",
      permission: "operate",
      schema: z.object({ cluster: z.string() }),
      target: () => "cluster/test",
      exclusive: true,
      run: async () => {
        ran++;
        return { data: null, message: "Installed." };
      },
    });
    jar.set(SESSION_COOKIE, createSessionCookieValue("dave", await A.sessionKeys.signing()));
    const onB = await B.actionLocks.tryAcquire(cluster);
    expect(onB).toBeTypeOf("function");
    replaceConsoleState(A);
    expect(await install({ cluster })).toMatchObject({
      ok: false,
      error: { code: "AlreadyRunning", title: `Another grant, install or uninstall is already running on ${cluster}`, retryable: true },
    });
    expect(ran).toBe(0);
    await onB!();
    expect(await install({ cluster })).toMatchObject({ ok: true, message: "Installed." });
    expect(ran).toBe(1);
    // Its Activity record is in the shared store, readable from B.
    expect((await B.activity.read(1))[0]).toMatchObject({ cluster, who: "token-user", action: "test-install", result: "succeeded", message: "Installed." });
  });

  it("keeps the Lease while the action runs (renewed), and takes over the Lease of a holder that died", async () => {
    const held = await A.actionLocks.tryAcquire("staging");
    expect(held).toBeTypeOf("function");
    const coordination = saKubeConfig.makeApiClient(CoordinationV1Api);
    const { actionLeaseName } = await import("@/lib/state/lease");
    const name = actionLeaseName(prefix, "staging");
    const first = await coordination.readNamespacedLease({ name, namespace: ns });
    // Past its 2 s duration, still renewed by A: B cannot take it.
    await eventually(
      "A to renew its Lease past the first duration",
      async () => {
        const l = await coordination.readNamespacedLease({ name, namespace: ns });
        // client-node hands MicroTime back as a string (typed Date).
        return new Date(l.spec!.renewTime!).getTime() >= new Date(first.spec!.acquireTime!).getTime() + 2500 ? l : undefined;
      },
      10_000,
      200,
    );
    expect(await B.actionLocks.tryAcquire("staging")).toBeNull();
    await held!();

    // A replica that died mid-action: its Lease stays, renewed no more.
    const dead = "console-dead";
    const current = await coordination.readNamespacedLease({ name, namespace: ns });
    await coordination.replaceNamespacedLease({
      name,
      namespace: ns,
      body: { ...current, spec: { ...current.spec, holderIdentity: dead, acquireTime: new MicroTime(), renewTime: new MicroTime(), leaseDurationSeconds: 2 } },
    });
    expect(await B.actionLocks.tryAcquire("staging")).toBeNull();
    const started = Date.now();
    const takeOver = await eventually("B to take over the expired Lease", async () => (await B.actionLocks.tryAcquire("staging")) ?? undefined, 10_000, 200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const taken = await coordination.readNamespacedLease({ name, namespace: ns });
    expect(taken.spec).toMatchObject({ holderIdentity: "console-b", leaseTransitions: (current.spec!.leaseTransitions ?? 0) + 1 });
    await takeOver();
    expect((await coordination.readNamespacedLease({ name, namespace: ns })).spec!.holderIdentity).toBeUndefined();
  });
});

describe("the Activity trail in the cluster", () => {
  it("is readable from any replica and bounded to the newest entries", async () => {
    const entry = (n: number) => ({
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
      cluster: "prod",
      who: "erin",
      action: "grant-ram",
      target: "secret/x",
      result: "succeeded" as const,
      message: `record ${n}`,
    });
    for (let n = 1; n <= 7; n++) await (n % 2 ? A : B).activity.append(entry(n));
    expect((await B.activity.read(100)).map((e) => e.message)).toEqual(["record 7", "record 6", "record 5", "record 4", "record 3"]);
    expect((await A.activity.read(2)).map((e) => e.message)).toEqual(["record 7", "record 6"]);
  });
});
