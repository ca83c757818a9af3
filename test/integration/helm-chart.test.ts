// The Helm chart (deploy/helm/vnode-console) with the real helm (built from the Go module proxy) and the sandbox's
// real apiserver: `helm lint --strict` is clean, the chart renders with the defaults and with every optional feature,
// the rendered objects pass `kubectl apply --dry-run=server`, and the RBAC it applies gives the console's
// ServiceAccount what the console calls and nothing more (asked of the apiserver as that ServiceAccount).
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { ensureHelmBinary } from "@/sandbox/helm/binary";
import { eventually, kubectl } from "./kubectl";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const chart = path.join(root, "deploy/helm/vnode-console");
const allFeatures = path.join(root, "deploy/helm/examples/all-features.values.yaml");

type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [k: string]: any }; [k: string]: any };

let helmBin = "";
let helmHome = "";
const sandbox = inject("sandbox");
const namespace = `helm-${process.pid}-${Date.now().toString(36)}`;
const release = "console";
const serviceAccount = `system:serviceaccount:${namespace}:${release}-vnode-console`;

async function helm(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  const env = { ...process.env, HELM_CACHE_HOME: path.join(helmHome, "cache"), HELM_CONFIG_HOME: path.join(helmHome, "config"), HELM_DATA_HOME: path.join(helmHome, "data") };
  try {
    return await run(helmBin, args, { env, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`helm ${args.join(" ")} failed: ${e.stderr || e.stdout || e.message}`);
  }
}

async function render(...args: string[]): Promise<{ yaml: string; objects: K8sObject[] }> {
  const { stdout } = await helm("template", release, chart, "--namespace", namespace, ...args);
  const objects = parseAllDocuments(stdout)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
  return { yaml: stdout, objects };
}

const find = (objects: K8sObject[], kind: string, name?: string) => objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
const one = (objects: K8sObject[], kind: string) => {
  const found = find(objects, kind);
  expect(found, `one ${kind}`).toHaveLength(1);
  return found[0];
};
const envOf = (deployment: K8sObject) =>
  Object.fromEntries((deployment.spec.template.spec.containers[0].env as { name: string; value?: string; valueFrom?: unknown }[]).map((e) => [e.name, e.value ?? e.valueFrom]));

async function dryRunServer(yaml: string) {
  const file = path.join(helmHome, `rendered-${Date.now()}.yaml`);
  await writeFile(file, yaml);
  return kubectl(sandbox.kubeconfig, "apply", "--dry-run=server", "-f", file);
}

beforeAll(async () => {
  helmHome = await mkdtemp(path.join(os.tmpdir(), "vnode-helm-"));
  // Cached after the first build (scripts/test.sh builds it before the tests); a cold build takes minutes.
  helmBin = await ensureHelmBinary((line) => console.error(`[helm] ${line}`));
  await kubectl(sandbox.kubeconfig, "create", "namespace", namespace);
}, 30 * 60_000);

afterAll(async () => {
  await kubectl(sandbox.kubeconfig, "delete", "namespace", namespace, "--wait=false").catch(() => {});
  if (helmHome) await rm(helmHome, { recursive: true, force: true });
});

describe("helm", () => {
  it("is the v4.3.2 built from the Go module proxy", async () => {
    const { stdout } = await helm("version", "--template", "{{.Version}}");
    expect(stdout.trim()).toBe("v4.3.2");
  });
});

describe("helm lint --strict", () => {
  for (const [label, args] of [
    ["default values", []],
    ["every optional feature", ["--values", allFeatures]],
    [
      "ECS RAM role credentials, kubeconfigs only",
      [
        "--set",
        "cloud.credentials.mode=ecsRamRole,cloud.credentials.ecsRamRole.roleName=vnode-console,clusters.inCluster.enabled=false,clusters.kubeconfigSecrets[0].secretName=prod",
      ],
    ],
  ] as const) {
    it(`is clean with ${label}`, async () => {
      const { stdout, stderr } = await helm("lint", "--strict", "--namespace", namespace, chart, ...args);
      expect(stdout).toContain("1 chart(s) linted, 0 chart(s) failed");
      // No warning or error; the one informational note is the icon, which needs a public URL the project does not have yet.
      const findings = (stdout + stderr).split("\n").filter((l) => /^\[[A-Z]+\]/.test(l));
      expect(findings).toEqual(["[INFO] Chart.yaml: icon is recommended"]);
    });
  }
});

describe("helm template with the default values", () => {
  let objects: K8sObject[];
  beforeAll(async () => ({ objects } = await render()));

  it("renders a hardened Deployment of 2 replicas with probes, resources and topology spread", () => {
    const d = one(objects, "Deployment");
    expect(d.metadata.namespace).toBe(namespace);
    expect(d.spec.replicas).toBe(2);
    const pod = d.spec.template.spec;
    const c = pod.containers[0];
    expect(c.livenessProbe.httpGet).toEqual({ path: "/healthz", port: "http" });
    expect(c.readinessProbe.httpGet).toEqual({ path: "/readyz", port: "http" });
    expect(c.ports).toEqual([{ name: "http", containerPort: 3000, protocol: "TCP" }]);
    expect(c.resources.requests).toEqual({ cpu: "100m", memory: "256Mi" });
    expect(c.resources.limits.memory).toBe("768Mi");
    expect(c.securityContext).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
    // The root filesystem is read-only: every path the console writes to is an emptyDir.
    expect(c.volumeMounts.map((m: { mountPath: string }) => m.mountPath)).toEqual(["/tmp", "/app/.next/cache", "/var/lib/vnode-console"]);
    expect(pod.volumes.every((v: { emptyDir?: unknown }) => v.emptyDir)).toBe(true);
    expect(pod.topologySpreadConstraints.map((t: { topologyKey: string }) => t.topologyKey)).toEqual(["kubernetes.io/hostname", "topology.kubernetes.io/zone"]);
    expect(pod.topologySpreadConstraints[0].labelSelector.matchLabels).toEqual(d.spec.selector.matchLabels);
    expect(pod.serviceAccountName).toBe(`${release}-vnode-console`);
    expect(pod.automountServiceAccountToken).toBe(true);
  });

  it("configures the in-cluster mode, the shared session key and no cloud credentials", () => {
    const env = envOf(one(objects, "Deployment"));
    expect(env).toMatchObject({
      PORT: "3000",
      HOSTNAME: "0.0.0.0",
      VNODE_IN_CLUSTER: "1",
      VNODE_IN_CLUSTER_NAME: "in-cluster",
      VNODE_SECURE_COOKIES: "1",
      ALIBABA_CLOUD_REGION_ID: "cn-hangzhou",
    });
    expect(env.VNODE_SESSION_SECRET).toEqual({ secretKeyRef: { name: `${release}-vnode-console-session`, key: "session-key" } });
    expect(env.VNODE_STATE_NAMESPACE).toEqual({ fieldRef: { fieldPath: "metadata.namespace" } });
    // The shared state's object names and the session Secret holding the key ring (lib/server/state).
    expect(env).toMatchObject({
      VNODE_STATE_PREFIX: `${release}-vnode-console`,
      VNODE_SESSION_SECRET_NAME: `${release}-vnode-console-session`,
      VNODE_SESSION_SECRET_KEY: "session-key",
    });
    expect(env.VNODE_POD_NAME).toEqual({ fieldRef: { fieldPath: "metadata.name" } });
    for (const name of [
      "KUBECONFIG",
      "VNODE_PUBLIC_URL",
      "ALIBABA_CLOUD_ACCESS_KEY_ID",
      "ALIBABA_CLOUD_ROLE_ARN",
      "ALIBABA_CLOUD_ECS_METADATA",
      "VNODE_OIDC_ISSUER",
      "VNODE_CONSOLE_TOKEN",
    ])
      expect(env).not.toHaveProperty(name);
    const secret = one(objects, "Secret");
    expect(secret.metadata.annotations["helm.sh/resource-policy"]).toBe("keep");
    expect(Buffer.from(secret.data["session-key"], "base64").toString()).toMatch(/^[A-Za-z0-9]{64}$/);
  });

  it("renders the Service, PodDisruptionBudget, NetworkPolicy, ServiceAccount and RBAC, and no Ingress", () => {
    const kinds = objects.map((o) => o.kind).sort();
    expect(kinds).toEqual(
      [
        "ClusterRole",
        "ClusterRoleBinding",
        "Deployment",
        "NetworkPolicy",
        "PodDisruptionBudget",
        "Role",
        "Role",
        "Role",
        "RoleBinding",
        "RoleBinding",
        "RoleBinding",
        "Secret",
        "Service",
        "ServiceAccount",
        "ValidatingAdmissionPolicy",
        "ValidatingAdmissionPolicyBinding",
      ].sort(),
    );
    const service = one(objects, "Service");
    expect(service.spec.ports).toEqual([{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }]);
    expect(one(objects, "PodDisruptionBudget").spec.minAvailable).toBe(1);
    const policy = one(objects, "NetworkPolicy");
    expect(policy.spec.policyTypes).toEqual(["Ingress", "Egress"]);
    expect(policy.spec.ingress).toEqual([{ ports: [{ port: "http", protocol: "TCP" }] }]);
    // apiserver, DNS, HTTPS; no metadata-service rule without ecsRamRole.
    expect(policy.spec.egress).toHaveLength(3);
    expect(JSON.stringify(policy.spec.egress)).not.toContain("100.100.100.200");
  });

  it("passes kubectl apply --dry-run=server on the sandbox apiserver", async () => {
    const { yaml } = await render();
    const out = await dryRunServer(yaml);
    expect(out.trim().split("\n")).toHaveLength(objects.length);
    expect(out).toMatch(/deployment\.apps\/console-vnode-console created \(server dry run\)/);
  });
});

describe("helm template with every optional feature", () => {
  let rendered: { yaml: string; objects: K8sObject[] };
  beforeAll(async () => {
    rendered = await render("--values", allFeatures);
  });

  it("renders the Ingress with TLS, OIDC, RRSA, kubeconfig Secrets, the token and the extra env", () => {
    const { objects } = rendered;
    const ingress = one(objects, "Ingress");
    expect(ingress.spec.ingressClassName).toBe("nginx");
    expect(ingress.spec.tls).toEqual([{ hosts: ["vnode.example.com"], secretName: "vnode-console-tls" }]);
    expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({ name: "console-vnode-console", port: { name: "http" } });
    const d = one(objects, "Deployment");
    expect(d.spec.replicas).toBe(3);
    const env = envOf(d);
    expect(env).toMatchObject({
      VNODE_OIDC_ISSUER: "https://idaas.example.com/oidc",
      VNODE_OIDC_CLIENT_ID: "vnode-console",
      VNODE_OIDC_GROUPS_CLAIM: "groups",
      VNODE_OIDC_SCOPES: "openid profile email groups",
      VNODE_PUBLIC_URL: "https://vnode.example.com",
      ALIBABA_CLOUD_REGION_ID: "cn-beijing",
      ALIBABA_CLOUD_ROLE_ARN: "acs:ram::1234567890123456:role/vnode-console",
      ALIBABA_CLOUD_OIDC_PROVIDER_ARN: "acs:ram::1234567890123456:oidc-provider/ack-rrsa-c0123456789abcdef",
      ALIBABA_CLOUD_OIDC_TOKEN_FILE: "/var/run/secrets/ack.alibabacloud.com/rrsa-tokens/token",
      KUBECONFIG: "/etc/vnode-console/kubeconfigs/beijing-prod-kubeconfig/kubeconfig:/etc/vnode-console/kubeconfigs/idc-shanghai-kubeconfig/config",
      VNODE_KUBE_TIMEOUT_MS: "15000",
    });
    expect(env.VNODE_OIDC_CLIENT_SECRET).toEqual({ secretKeyRef: { name: "vnode-console-oidc", key: "client-secret" } });
    expect(env.VNODE_CONSOLE_TOKEN).toEqual({ secretKeyRef: { name: "vnode-console-token", key: "token" } });
    expect(env.VNODE_SESSION_SECRET).toEqual({ secretKeyRef: { name: "vnode-console-session", key: "session-key" } });
    // An existing session Secret is used as it is: the chart makes none.
    expect(find(objects, "Secret")).toHaveLength(0);
    const pod = d.spec.template.spec;
    const rrsa = pod.volumes.find((v: { name: string }) => v.name === "rrsa-token");
    expect(rrsa.projected.sources[0].serviceAccountToken).toEqual({ audience: "sts.aliyuncs.com", expirationSeconds: 3600, path: "token" });
    expect(pod.volumes.filter((v: { secret?: unknown }) => v.secret).map((v: { secret: unknown }) => v.secret)).toEqual([
      { secretName: "beijing-prod-kubeconfig", defaultMode: 0o440, items: [{ key: "kubeconfig", path: "kubeconfig" }] },
      { secretName: "idc-shanghai-kubeconfig", defaultMode: 0o440, items: [{ key: "config", path: "config" }] },
    ]);
    expect(pod.containers[0].envFrom).toEqual([{ configMapRef: { name: "vnode-console-extra" } }]);
    expect(pod.imagePullSecrets).toEqual([{ name: "registry-credentials" }]);
    expect(pod.containers[0].image).toBe("registry.example.com/platform/vnode-console:0.1.0");
    const policy = one(objects, "NetworkPolicy");
    expect(policy.spec.ingress[0].from).toEqual([{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } }]);
    expect(policy.spec.egress.at(-1)).toEqual({ to: [{ ipBlock: { cidr: "10.10.0.0/16" } }], ports: [{ port: 8443, protocol: "TCP" }] });
  });

  it("passes kubectl apply --dry-run=server on the sandbox apiserver", async () => {
    const out = await dryRunServer(rendered.yaml);
    expect(out.trim().split("\n")).toHaveLength(rendered.objects.length);
    expect(out).toMatch(/ingress\.networking\.k8s\.io\/console-vnode-console created \(server dry run\)/);
  });

  it("with ECS RAM role credentials and kubeconfigs only: the metadata service is reachable, the token still reaches the shared state", async () => {
    const { yaml, objects } = await render(
      "--set",
      "cloud.credentials.mode=ecsRamRole,cloud.credentials.ecsRamRole.roleName=vnode-console,clusters.inCluster.enabled=false,clusters.kubeconfigSecrets[0].secretName=prod",
    );
    const d = one(objects, "Deployment");
    const env = envOf(d);
    expect(env.ALIBABA_CLOUD_ECS_METADATA).toBe("vnode-console");
    expect(env.KUBECONFIG).toBe("/etc/vnode-console/kubeconfigs/prod/kubeconfig");
    expect(env).not.toHaveProperty("VNODE_IN_CLUSTER");
    // Not for a managed cluster: for the shared state in the release namespace.
    expect(d.spec.template.spec.automountServiceAccountToken).toBe(true);
    expect(env.VNODE_STATE_NAMESPACE).toEqual({ fieldRef: { fieldPath: "metadata.namespace" } });
    expect(one(objects, "NetworkPolicy").spec.egress).toContainEqual({ to: [{ ipBlock: { cidr: "100.100.100.200/32" } }], ports: [{ port: 80, protocol: "TCP" }] });
    await dryRunServer(yaml);
  });

  it("with one replica: no PodDisruptionBudget, which would block every drain", async () => {
    const { objects } = await render("--set", "replicaCount=1");
    expect(one(objects, "Deployment").spec.replicas).toBe(1);
    expect(find(objects, "PodDisruptionBudget")).toEqual([]);
  });

  it("with an AccessKey Secret: both keys come from it", async () => {
    const { objects } = await render("--set", "cloud.credentials.mode=secret,cloud.credentials.secret.name=cloud-keys");
    const env = envOf(one(objects, "Deployment"));
    expect(env.ALIBABA_CLOUD_ACCESS_KEY_ID).toEqual({ secretKeyRef: { name: "cloud-keys", key: "ALIBABA_CLOUD_ACCESS_KEY_ID" } });
    expect(env.ALIBABA_CLOUD_ACCESS_KEY_SECRET).toEqual({ secretKeyRef: { name: "cloud-keys", key: "ALIBABA_CLOUD_ACCESS_KEY_SECRET" } });
  });

  it("refuses incomplete values with a message saying what is missing", async () => {
    await expect(render("--set", "cloud.credentials.mode=rrsa")).rejects.toThrow(/cloud\.credentials\.rrsa\.roleArn is required/);
    await expect(render("--set", "cloud.credentials.mode=secret")).rejects.toThrow(/cloud\.credentials\.secret\.name is required/);
    await expect(render("--set", "cloud.credentials.mode=password")).rejects.toThrow(/cloud\.credentials\.mode/);
    await expect(render("--set", "auth.oidc.enabled=true,auth.oidc.clientId=x")).rejects.toThrow(/auth\.oidc\.issuer is required/);
    await expect(render("--set", "auth.oidc.enabled=true,auth.oidc.issuer=https://id.example.com,auth.oidc.clientId=x")).rejects.toThrow(
      /publicUrl \(or ingress\.enabled with ingress\.host\) is required/,
    );
    await expect(render("--set", "clusters.inCluster.enabled=false")).rejects.toThrow(/no cluster to manage/);
    await expect(render("--set", "clusters.kubeconfigSecrets[0].secretName=a,clusters.kubeconfigSecrets[1].secretName=a")).rejects.toThrow(/names Secret a twice/);
  });
});

describe("the chart's RBAC, applied to the sandbox", () => {
  const canI = async (verb: string, resource: string, ns?: string) => {
    const args = ["auth", "can-i", verb, resource, `--as=${serviceAccount}`, ...(ns ? ["-n", ns] : [])];
    // `can-i` prints yes or no, and exits 1 for "no": read its answer, not its exit code.
    const { stdout } = await run("kubectl", args, { env: { ...process.env, KUBECONFIG: sandbox.kubeconfig } }).catch((e: { stdout?: string; stderr?: string }) =>
      e.stdout?.trim() === "no" ? { stdout: "no" } : Promise.reject(new Error(`kubectl ${args.join(" ")}: ${e.stderr}`)),
    );
    return stdout.trim();
  };
  let applied = "";

  beforeAll(async () => {
    const { objects } = await render();
    const rbacKinds = new Set([
      "ServiceAccount",
      "ClusterRole",
      "ClusterRoleBinding",
      "Role",
      "RoleBinding",
      "Secret",
      "ValidatingAdmissionPolicy",
      "ValidatingAdmissionPolicyBinding",
    ]);
    applied = path.join(helmHome, "rbac.json");
    await writeFile(applied, JSON.stringify({ apiVersion: "v1", kind: "List", items: objects.filter((o) => rbacKinds.has(o.kind)) }));
    await kubectl(sandbox.kubeconfig, "apply", "-f", applied);
  });

  afterAll(async () => {
    if (applied) await kubectl(sandbox.kubeconfig, "delete", "--ignore-not-found", "-f", applied).catch(() => {});
  });

  it("allows every call the console makes", async () => {
    const allowed: [string, string, string?][] = [
      ["list", "pods"],
      ["watch", "pods"],
      ["list", "pods", "team-a"],
      ["list", "nodes"],
      ["watch", "nodes"],
      ["get", "nodes"],
      ["delete", "nodes"],
      ["list", "namespaces"],
      ["watch", "namespaces"],
      ["patch", "namespaces"],
      ["create", "subjectaccessreviews.authorization.k8s.io"],
      ["impersonate", "users"],
      ["impersonate", "groups"],
      ["get", "deployments.apps/ack-virtual-node-controller", "kube-system"],
      ["patch", "deployments.apps/ack-virtual-node-controller", "kube-system"],
      ["get", "configmaps/eci-profile", "kube-system"],
      ["update", "configmaps/eci-profile", "kube-system"],
      ["get", "secrets/alibaba-addon-secret", "kube-system"],
      ["update", "secrets/alibaba-addon-secret", "kube-system"],
      ["create", "secrets", "kube-system"],
      ["create", "events", "kube-system"],
      ["list", "events", "kube-system"],
      ["create", "events", "default"],
      ["get", "leases.coordination.k8s.io", namespace],
      ["create", "leases.coordination.k8s.io", namespace],
      ["update", "leases.coordination.k8s.io", namespace],
      ["create", "configmaps", namespace],
      ...["config", "revocations", "activity"].flatMap((n): [string, string, string][] => [
        ["get", `configmaps/console-vnode-console-${n}`, namespace],
        ["update", `configmaps/console-vnode-console-${n}`, namespace],
      ]),
      ["get", "secrets/console-vnode-console-session", namespace],
      ["update", "secrets/console-vnode-console-session", namespace],
    ];
    const answers = await Promise.all(allowed.map(async ([verb, resource, ns]) => [`${verb} ${resource}${ns ? ` -n ${ns}` : ""}`, await canI(verb, resource, ns)]));
    expect(answers.filter(([, a]) => a !== "yes")).toEqual([]);
  });

  it("lets the live views list and watch the add-on's named objects by metadata.name, and nothing else there", async () => {
    const asConsole = (...args: string[]) => kubectl(sandbox.kubeconfig, ...args, `--as=${serviceAccount}`);
    // What the eci-profile form's live view asks for: list (then watch) with fieldSelector metadata.name=eci-profile.
    await asConsole("get", "configmaps", "-n", "kube-system", "--field-selector=metadata.name=eci-profile", "-o", "name");
    await asConsole("get", "deployments.apps", "-n", "kube-system", "--field-selector=metadata.name=ack-virtual-node-controller", "-o", "name");
    await expect(asConsole("get", "configmaps", "-n", "kube-system", "-o", "name")).rejects.toThrow(/forbidden/);
    await expect(asConsole("get", "configmaps", "-n", "kube-system", "--field-selector=metadata.name=kube-proxy", "-o", "name")).rejects.toThrow(/forbidden/);
  });

  it("refuses everything else that matters", async () => {
    const refused: [string, string, string?][] = [
      ["get", "secrets", "kube-system"],
      ["list", "secrets", "kube-system"],
      ["get", "secrets/other-secret", "kube-system"],
      ["list", "secrets", namespace],
      ["get", "secrets/some-other-secret", namespace],
      ["create", "secrets", namespace],
      ["list", "configmaps", namespace],
      ["get", "configmaps/kube-root-ca.crt", namespace],
      ["update", "configmaps/another-app", namespace],
      ["delete", "configmaps/console-vnode-console-config", namespace],
      ["list", "leases.coordination.k8s.io", namespace],
      ["delete", "leases.coordination.k8s.io", namespace],
      ["delete", "pods", "default"],
      ["create", "pods", "default"],
      ["get", "pods/log", "default"],
      ["create", "pods/exec", "default"],
      ["list", "configmaps", "kube-system"],
      ["update", "configmaps/kube-proxy", "kube-system"],
      ["patch", "deployments.apps/coredns", "kube-system"],
      ["create", "deployments.apps", "kube-system"],
      ["delete", "namespaces"],
      ["update", "namespaces"],
      ["create", "clusterrolebindings.rbac.authorization.k8s.io"],
      ["escalate", "clusterroles.rbac.authorization.k8s.io"],
      ["impersonate", "serviceaccounts", "kube-system"],
      ["create", "serviceaccounts/token", "kube-system"],
      ["deletecollection", "nodes"],
    ];
    const answers = await Promise.all(refused.map(async ([verb, resource, ns]) => [`${verb} ${resource}${ns ? ` -n ${ns}` : ""}`, await canI(verb, resource, ns)]));
    expect(answers.filter(([, a]) => a !== "no")).toEqual([]);
  });

  it("admits only alibaba-addon-secret among the Secrets it creates, and only virtual nodes among the nodes it deletes", async () => {
    const asConsole = (...args: string[]) => kubectl(sandbox.kubeconfig, ...args, `--as=${serviceAccount}`, "--dry-run=server");
    // The admission policy is active once the apiserver has loaded it: wait for its first refusal.
    const refusal = await eventually("the ValidatingAdmissionPolicy to refuse another Secret", () =>
      asConsole("create", "secret", "generic", "not-the-addon-secret", "-n", "kube-system", "--from-literal=k=v").then(
        () => undefined,
        (e: Error) => (/may create only/.test(e.message) ? e.message : Promise.reject(e)),
      ),
    );
    expect(refusal).toContain("the console may create only the Opaque Secret alibaba-addon-secret in kube-system");
    // A service-account token Secret would hand the console a kube-system identity: refused even under the right name.
    const tokenSecret = path.join(helmHome, "token-secret.json");
    await writeFile(
      tokenSecret,
      JSON.stringify({
        apiVersion: "v1",
        kind: "Secret",
        type: "kubernetes.io/service-account-token",
        metadata: { name: "alibaba-addon-secret", namespace: "kube-system", annotations: { "kubernetes.io/service-account.name": "default" } },
      }),
    );
    await expect(asConsole("create", "-f", tokenSecret)).rejects.toThrow(/may create only/);
    // Its own Secret is admitted (a dry run: created, or already there from an earlier grant).
    const own = await asConsole("create", "secret", "generic", "alibaba-addon-secret", "-n", "kube-system", "--from-literal=access-key-id=x").catch((e: Error) => e.message);
    expect(own).toMatch(/created \(server dry run\)|already exists/);
    const datacenterNode = sandbox.nodes[0];
    await expect(asConsole("delete", "node", datacenterNode)).rejects.toThrow(/may delete only virtual nodes/);
  });
});
