import type { CoreV1Api, V1Pod } from "@kubernetes/client-node";
import { describe, expect, test } from "vitest";
import { ContainerConfigError, resolvePodEnv } from "./container-env";

const b64 = (s: string) => Buffer.from(s).toString("base64");

/** A CoreV1Api stand-in holding some Secrets and ConfigMaps of namespace "ns"; counts reads. */
function fakeCore(secrets: Record<string, Record<string, string>>, configMaps: Record<string, Record<string, string>> = {}) {
  const reads: string[] = [];
  const notFound = () => Object.assign(new Error("not found"), { code: 404 });
  const core = {
    async readNamespacedSecret({ name, namespace }: { name: string; namespace: string }) {
      reads.push(`secret/${namespace}/${name}`);
      if (namespace !== "ns" || !secrets[name]) throw notFound();
      return { data: Object.fromEntries(Object.entries(secrets[name]).map(([k, v]) => [k, b64(v)])) };
    },
    async readNamespacedConfigMap({ name, namespace }: { name: string; namespace: string }) {
      reads.push(`configmap/${namespace}/${name}`);
      if (namespace !== "ns" || !configMaps[name]) throw notFound();
      return { data: configMaps[name] };
    },
  };
  return { core: core as unknown as CoreV1Api, reads };
}

const pod = (env: object[], envFrom: object[] = []): V1Pod => ({
  metadata: { name: "p", namespace: "ns", uid: "u-1", labels: { app: "x" } },
  spec: { nodeName: "n1", containers: [{ name: "c", image: "i", env, envFrom }] as never },
  status: { podIP: "10.0.0.5" },
});

describe("container env as the kubelet builds it", () => {
  test("values, Secret and ConfigMap keys, pod fields and envFrom with prefix; each object read once", async () => {
    const { core, reads } = fakeCore({ s: { id: "AK", secret: "SK" } }, { cm: { region: "cn-hangzhou" } });
    const env = await resolvePodEnv(
      core,
      pod(
        [
          { name: "PLAIN", value: "v" },
          { name: "ID", valueFrom: { secretKeyRef: { name: "s", key: "id" } } },
          { name: "SECRET", valueFrom: { secretKeyRef: { name: "s", key: "secret" } } },
          { name: "REGION", valueFrom: { configMapKeyRef: { name: "cm", key: "region" } } },
          { name: "POD", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
          { name: "APP", valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
          { name: "IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
        ],
        [{ secretRef: { name: "s" }, prefix: "S_" }],
      ),
    );
    expect(env.c).toEqual({ env: { S_id: "AK", S_secret: "SK", PLAIN: "v", ID: "AK", SECRET: "SK", REGION: "cn-hangzhou", POD: "p", APP: "x", IP: "10.0.0.5" }, skipped: [] });
    expect(reads).toEqual(["secret/ns/s", "configmap/ns/cm"]);
  });

  test("optional references that do not resolve leave the variable out and say why", async () => {
    const { core } = fakeCore({ s: { id: "AK" } });
    const env = await resolvePodEnv(
      core,
      pod([
        { name: "ID", valueFrom: { secretKeyRef: { name: "s", key: "id", optional: true } } },
        { name: "SECRET", valueFrom: { secretKeyRef: { name: "s", key: "secret", optional: true } } },
        { name: "OTHER", valueFrom: { secretKeyRef: { name: "gone", key: "k", optional: true } } },
      ]),
    );
    expect(env.c.env).toEqual({ ID: "AK" });
    expect(env.c.skipped).toEqual([
      { variable: "SECRET", kind: "Secret", name: "s", key: "secret", why: "key not found" },
      { variable: "OTHER", kind: "Secret", name: "gone", key: "k", why: "not found" },
    ]);
  });

  test("a missing non-optional Secret, key or ConfigMap: CreateContainerConfigError with the kubelet's message", async () => {
    const { core } = fakeCore({ s: { id: "AK" } });
    const cases: [object, string][] = [
      [{ name: "X", valueFrom: { secretKeyRef: { name: "gone", key: "k" } } }, 'secret "gone" not found'],
      [{ name: "X", valueFrom: { secretKeyRef: { name: "s", key: "nope" } } }, "couldn't find key nope in Secret ns/s"],
      [{ name: "X", valueFrom: { configMapKeyRef: { name: "cm", key: "k" } } }, 'configmap "cm" not found'],
    ];
    for (const [env, message] of cases) {
      const error = await resolvePodEnv(core, pod([env])).catch((e) => e);
      expect(error).toBeInstanceOf(ContainerConfigError);
      expect(error).toMatchObject({ reason: "CreateContainerConfigError", message });
    }
  });
});
