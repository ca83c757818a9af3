// The Kubernetes objects of the ack-virtual-node add-on in a registered cluster, and the agent
// that applies/removes them through the cluster's kubeconfig (as ack-cluster-agent would).
// Names and RBAC follow ../shared/docs/ack-virtual-node.md §1.
import { KubeConfig, KubernetesObjectApi, PatchStrategy, type KubernetesObject } from "@kubernetes/client-node";

export const ADDON_NAME = "ack-virtual-node";
export const ADDON_VERSION = "v2.13.0";
export const NAMESPACE = "kube-system";
export const FIELD_MANAGER = "ack-cluster-agent";
/** Placeholder used when the caller gave no webhook URL: nothing listens there, and failurePolicy is Ignore. */
export const PLACEHOLDER_WEBHOOK_URL = "https://127.0.0.1:1/mutate";
const labels = (version: string) => ({ "app.kubernetes.io/name": ADDON_NAME, "app.kubernetes.io/managed-by": FIELD_MANAGER, "app.kubernetes.io/version": version });

export interface AddonParams {
  clusterId: string;
  regionId: string;
  version: string;
  vpcId: string;
  vSwitchIds: string[];
  securityGroupId: string;
  webhookUrl?: string;
  webhookCaBundle?: string;
}

export function controllerImage(regionId: string, version: string): string {
  // Registered over the public network: no "-vpc" in the registry host.
  return `registry.${regionId}.aliyuncs.com/acs/virtual-nodes-eci:${version}-aliyun`;
}

function metaFor(version: string) {
  return (name: string, namespaced: boolean, extra: Record<string, string> = {}) => ({
    name,
    ...(namespaced ? { namespace: NAMESPACE } : {}),
    labels: { ...labels(version), ...extra },
  });
}

export function eciProfileData(p: AddonParams): Record<string, string> {
  return {
    enableClusterIp: "true",
    enableHybridMode: "false",
    enableLinuxArm64Node: "false",
    enableLogController: "false",
    enablePVCController: "false",
    enablePrivateZone: "false",
    enableReuseSSLKey: "false",
    featureGates: "WaitForFirstConsumer=false",
    resourceGroupId: "",
    securityGroupId: p.securityGroupId,
    selectors: "",
    slsMachineGroup: "",
    vSwitchIds: p.vSwitchIds.join(","),
    vpcId: p.vpcId,
  };
}

/** ConfigMap kube-system/eci-profile. Created once; a re-install never overwrites the user's edits. */
export function eciProfile(p: AddonParams): KubernetesObject & { data: Record<string, string> } {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: metaFor(p.version)("eci-profile", true), data: eciProfileData(p) };
}

/** Everything but eci-profile, in apply order. */
export function addonObjects(p: AddonParams): KubernetesObject[] {
  const meta = metaFor(p.version);
  const selector = { app: "ack-virtual-node-controller" };
  const webhook = (name: string, sel: "objectSelector" | "namespaceSelector") => ({
    name,
    admissionReviewVersions: ["v1"],
    sideEffects: "None",
    // Ignore: a missing webhook server must not block pod creation in the cluster.
    failurePolicy: "Ignore",
    timeoutSeconds: 5,
    // The sandbox apiserver runs on loopback and pods never really run, so the webhook is reached by URL,
    // not through the vk-webhook Service. Without a URL from the caller, a placeholder is used.
    clientConfig: { url: p.webhookUrl ?? PLACEHOLDER_WEBHOOK_URL, ...(p.webhookCaBundle ? { caBundle: p.webhookCaBundle } : {}) },
    rules: [{ operations: ["CREATE"], apiGroups: [""], apiVersions: ["v1"], resources: ["pods"], scope: "Namespaced" }],
    [sel]: { matchLabels: { "alibabacloud.com/eci": "true" } },
  });
  return [
    { apiVersion: "v1", kind: "ServiceAccount", metadata: meta("virtual-kubelet", true) },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: meta("ack-virtual-node-clusterrole", false),
      rules: [
        { apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch", "patch", "delete"] },
        { apiGroups: [""], resources: ["pods/status"], verbs: ["update", "patch"] },
        { apiGroups: [""], resources: ["pods/binding"], verbs: ["create"] },
        { apiGroups: [""], resources: ["nodes"], verbs: ["get", "list", "watch", "create", "delete", "update", "patch"] },
        { apiGroups: [""], resources: ["nodes/status"], verbs: ["update", "patch"] },
        {
          apiGroups: [""],
          resources: ["configmaps", "secrets", "services", "endpoints", "namespaces", "persistentvolumes", "persistentvolumeclaims"],
          verbs: ["get", "list", "watch"],
        },
        { apiGroups: [""], resources: ["events"], verbs: ["create", "patch", "update"] },
        { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: ["get", "list", "watch"] },
        { apiGroups: ["coordination.k8s.io"], resources: ["leases"], verbs: ["get", "list", "watch", "create", "update", "patch"] },
        { apiGroups: ["certificates.k8s.io"], resources: ["certificatesigningrequests"], verbs: ["get", "list", "watch", "create", "delete"] },
        {
          apiGroups: ["certificates.k8s.io"],
          resources: ["certificatesigningrequests/approval", "certificatesigningrequests/signerName", "certificatesigningrequests/status"],
          verbs: ["update", "patch"],
        },
        {
          apiGroups: ["admissionregistration.k8s.io"],
          resources: ["mutatingwebhookconfigurations"],
          resourceNames: ["vk-webhook"],
          verbs: ["get", "list", "watch", "delete", "patch"],
        },
        { apiGroups: ["admissionregistration.k8s.io"], resources: ["mutatingwebhookconfigurations"], verbs: ["create"] },
      ],
    } as KubernetesObject,
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: meta("virtual-kubelet", false),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "ack-virtual-node-clusterrole" },
      subjects: [{ kind: "ServiceAccount", name: "virtual-kubelet", namespace: NAMESPACE }],
    } as KubernetesObject,
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: meta("ack-virtual-node-controller", true, selector),
      spec: {
        replicas: 1,
        selector: { matchLabels: selector },
        template: {
          metadata: { labels: { ...selector, "app.kubernetes.io/name": ADDON_NAME } },
          spec: {
            serviceAccountName: "virtual-kubelet",
            nodeSelector: { "kubernetes.io/os": "linux" },
            affinity: {
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "type", operator: "NotIn", values: ["virtual-kubelet"] }] }] },
              },
            },
            containers: [
              {
                name: "ack-virtual-node-controller",
                image: controllerImage(p.regionId, p.version),
                ports: [
                  { name: "webhook", containerPort: 8443 },
                  { name: "kubelet", containerPort: 10250 },
                ],
                env: [
                  { name: "ALIYUN_CLUSTERID", value: p.clusterId },
                  { name: "ECI_REGION", value: p.regionId },
                  { name: "ECI_VPC", value: p.vpcId },
                  { name: "ECI_VSWITCH", value: p.vSwitchIds.join(",") },
                  { name: "ECI_SECURITY_GROUP", value: p.securityGroupId },
                  { name: "ECI_ACCESS_KEY", valueFrom: { secretKeyRef: { name: "alibaba-addon-secret", key: "access-key-id", optional: true } } },
                  { name: "ECI_SECRET_KEY", valueFrom: { secretKeyRef: { name: "alibaba-addon-secret", key: "access-key-secret", optional: true } } },
                ],
                resources: { requests: { cpu: "100m", memory: "200Mi" }, limits: { cpu: "2", memory: "4Gi" } },
              },
            ],
          },
        },
      },
    } as KubernetesObject,
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: meta("vk-webhook", true),
      spec: { type: "ClusterIP", selector, ports: [{ name: "webhook", port: 443, targetPort: 8443, protocol: "TCP" }] },
    } as KubernetesObject,
    {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "MutatingWebhookConfiguration",
      metadata: meta("vk-webhook", false),
      webhooks: [webhook("vk-webhook-pod.eci.aliyun.com", "objectSelector"), webhook("vk-webhook-ns.eci.aliyun.com", "namespaceSelector")],
    } as KubernetesObject,
  ];
}

export interface AddonStatus {
  installed: boolean;
  version?: string;
  missing: string[];
}

/** What ACK's side needs from a registered cluster. Injectable so unit tests run without Kubernetes. */
export interface AddonAgent {
  status(kubeconfigPath: string): Promise<AddonStatus>;
  install(kubeconfigPath: string, p: AddonParams): Promise<void>;
  uninstall(kubeconfigPath: string): Promise<void>;
}

function isNotFound(e: unknown): boolean {
  const err = e as { code?: number; statusCode?: number; body?: unknown };
  return err?.code === 404 || err?.statusCode === 404;
}

function objectRefs(): KubernetesObject[] {
  const p: AddonParams = { clusterId: "", regionId: "cn-hangzhou", version: ADDON_VERSION, vpcId: "", vSwitchIds: [], securityGroupId: "" };
  return [...addonObjects(p), eciProfile(p)].map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.metadata!.name, namespace: o.metadata!.namespace } }));
}

/** Applies with server-side apply (field manager "ack-cluster-agent"), so installs are idempotent. */
export class KubeAddonAgent implements AddonAgent {
  private client(kubeconfigPath: string): KubernetesObjectApi {
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfigPath);
    return KubernetesObjectApi.makeApiClient(kc);
  }

  async status(kubeconfigPath: string): Promise<AddonStatus> {
    const api = this.client(kubeconfigPath);
    const missing: string[] = [];
    let version: string | undefined;
    for (const ref of objectRefs()) {
      try {
        const obj = await api.read(ref as KubernetesObject & { metadata: { name: string } });
        if (ref.kind === "Deployment") version = obj.metadata?.labels?.["app.kubernetes.io/version"];
      } catch (e) {
        if (!isNotFound(e)) throw e;
        missing.push(`${ref.kind}/${ref.metadata!.name}`);
      }
    }
    return { installed: missing.length === 0, version: missing.length === 0 ? version : undefined, missing };
  }

  async install(kubeconfigPath: string, p: AddonParams): Promise<void> {
    const api = this.client(kubeconfigPath);
    for (const obj of addonObjects(p)) await api.patch(obj, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
    try {
      await api.create(eciProfile(p), undefined, undefined, FIELD_MANAGER);
    } catch (e) {
      if ((e as { code?: number }).code !== 409) throw e;
    }
  }

  async uninstall(kubeconfigPath: string): Promise<void> {
    const api = this.client(kubeconfigPath);
    // Never alibaba-addon-secret (shared with other add-ons), never ECI instances.
    for (const ref of objectRefs().reverse()) {
      try {
        await api.delete(ref, undefined, undefined, undefined, undefined, "Background");
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
  }
}
