// The simulated ack-virtual-node controller of one controller pod: reads the same objects the real one reads
// (eci-profile, its own env, where the AccessKey of alibaba-addon-secret arrives). Every Ready replica answers
// vk-webhook (the Service routes to any Ready endpoint: `prepare`, then `mutate`); only the leader registers the
// virtual nodes and runs ECI pods (`lead`, `stepDown`), as the real add-on's virtual-kubelet elects one leader.
import {
  AdmissionregistrationV1Api,
  CoreV1Api,
  type KubeConfig,
  makeInformer,
  type V1ConfigMap,
  type V1MutatingWebhookConfiguration,
  type V1Namespace,
  type V1ObjectReference,
  type V1Pod,
} from "@kubernetes/client-node";
import { apiErrorMessage } from "../kubelet/api-error";
import { PodRuntime } from "../kubelet/pod-runtime";
import { keepInformerRunning } from "../kubelet/resilient-informer";
import { CloudClient, isCredentialError, isPermissionError, type AccessKey } from "./cloud-client";
import { ADDON_SECRET, CONTROLLER_DEPLOYMENT, ECI_PROFILE, NAMESPACE, VIRTUAL_NODE_LABEL, WEBHOOK_CONFIG } from "./constants";
import { EciPodHost } from "./eci-pod-host";
import { type EciProfile, parseEciProfile } from "./eci-profile";
import type { EventRecorder } from "./events";
import { mutationFor, type WebhookMatch } from "./selectors";
import { type Readiness, VirtualNodes } from "./virtual-nodes";
import { desiredWebhooks, reconcileWebhookConfig } from "./webhook-config";
import type { WebhookServer } from "./webhook-server";

export interface ControllerOptions {
  kubeConfig: KubeConfig;
  cloudEndpoint: string;
  /** From the controller pod's env (ECI_REGION, ALIYUN_CLUSTERID) and status (podIP). */
  regionId: string;
  clusterId: string;
  podIP: string;
  /**
   * The AccessKey from the pod's env (ECI_ACCESS_KEY / ECI_SECRET_KEY, secretKeyRef to alibaba-addon-secret), as the
   * kubelet resolved it when the pod's container started, or why the variables are absent. Fixed for the pod's life.
   */
  credentials: AccessKey | Readiness;
  kubeletVersion: string;
  /** Where vk-webhook is served (the simulation owns the server and routes each call to a Ready replica). */
  webhook: WebhookServer;
  caBundle: string;
  events: EventRecorder;
  log: (line: string) => void;
}

const HEALTHY_RECHECK_MS = 30_000;
const TICK_MS = 3_000;

export class VirtualNodeController {
  private core: CoreV1Api;
  private informers;
  private caches;
  private runtime: PodRuntime;
  private nodes: VirtualNodes;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  /** No reconcile before every cache has listed: a half-filled cache would report a missing Secret. */
  private synced = false;
  private leading = false;
  private preparing?: Promise<void>;

  private profile?: EciProfile;
  private profileVersion?: string;
  private cloud?: CloudClient;
  private health: Readiness = { ready: false, reason: "Starting", message: "ack-virtual-node is starting" };
  private verifiedAt = 0;
  private recheck = true;
  /** vSwitch id → zone, as the cloud reported it. */
  private zones = new Map<string, string>();

  private running?: Promise<void>;
  private again = false;

  constructor(private readonly opts: ControllerOptions) {
    const { kubeConfig, log } = opts;
    this.core = kubeConfig.makeApiClient(CoreV1Api);
    const admission = kubeConfig.makeApiClient(AdmissionregistrationV1Api);
    const configMaps = makeInformer<V1ConfigMap>(kubeConfig, `/api/v1/namespaces/${NAMESPACE}/configmaps`, () => this.core.listNamespacedConfigMap({ namespace: NAMESPACE }));
    const webhooks = makeInformer<V1MutatingWebhookConfiguration>(kubeConfig, "/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations", () =>
      admission.listMutatingWebhookConfiguration(),
    );
    // Namespace labels for the webhook, from a cache: an admission burst (hundreds of pods at once) must not wait on
    // the apiserver, or the apiserver's 5 s webhook timeout lets pods through unmutated.
    const namespaces = makeInformer<V1Namespace>(kubeConfig, "/api/v1/namespaces", () => this.core.listNamespace());
    this.caches = { configMaps, webhooks, namespaces };
    // alibaba-addon-secret is not watched: the real controller gets the key through its env, which a running pod never
    // re-reads. A new key takes effect in a new pod (kubectl -n kube-system rollout restart deploy/ack-virtual-node-controller).
    const watched = [ECI_PROFILE, WEBHOOK_CONFIG];
    const onChange = (obj: { metadata?: { name?: string } }) => {
      if (watched.includes(obj.metadata?.name ?? "")) this.kick();
    };
    for (const event of ["add", "update", "delete"] as const) {
      configMaps.on(event, onChange);
      webhooks.on(event, onChange);
    }
    if (!("ready" in opts.credentials)) this.cloud = new CloudClient(opts.cloudEndpoint, opts.regionId, opts.credentials);
    this.informers = Object.entries(this.caches).map(([kind, informer]) => keepInformerRunning(informer as never, (line) => log(`${kind}: ${line}`)));
    this.nodes = new VirtualNodes(kubeConfig, { regionId: opts.regionId, kubeletVersion: opts.kubeletVersion, internalIP: opts.podIP }, opts.events, log);
    const host = new EciPodHost(
      kubeConfig,
      {
        client: () => (this.health.ready ? this.cloud : undefined),
        unusable: () => this.health.message,
        profile: () => this.profile,
        zonesOf: (ids) => this.zonesOf(ids),
        nodes: this.nodes,
        clusterId: opts.clusterId,
        events: opts.events,
        credentialsFailed: () => {
          this.recheck = true;
          this.kick();
        },
      },
      log,
    );
    // ECI creates instances in parallel; 32 pods in flight keeps a 500-pod burst well under a minute here without
    // overloading the in-process cloud emulator (64 gave cloud-call timeouts on a loaded 2-core machine).
    this.runtime = new PodRuntime(kubeConfig, host, (line) => log(`eci: ${line}`), 32);
  }

  /** The pod's process has started: its caches are filled, so it can answer vk-webhook (`mutate`). */
  prepare() {
    this.preparing ??= Promise.all(this.informers.map((i) => i.start())).then(() => {
      this.synced = true;
    });
    return this.preparing;
  }

  get prepared() {
    return this.synced && !this.stopped;
  }

  /** vk-webhook's answer for a pod, with the eci-profile as this replica sees it now. */
  async mutate(pod: V1Pod, namespace: string, matched?: WebhookMatch) {
    this.readProfile(!this.leading);
    const ns = this.caches.namespaces.get(namespace) ?? (await this.core.readNamespace({ name: namespace }));
    return mutationFor(pod, ns.metadata?.labels, this.profile?.selectors ?? [], matched);
  }

  /**
   * This replica became the leader: registers (or takes over) the virtual nodes, then runs every pod bound to them,
   * as a newly elected virtual-kubelet does: its pod informer lists them all, starts the Pending ones and adopts the
   * Running ones.
   */
  async lead() {
    await this.prepare();
    this.leading = true;
    this.kick();
    await this.running;
    await this.runtime.start();
    this.timer = setInterval(() => this.kick(), TICK_MS);
  }

  /**
   * Leadership passes on: node leases and status stop, pods not yet started are left to the next leader, and the
   * starts in flight finish first (so the next leader never creates a second ECI instance for a pod). vk-webhook
   * answers on until `stop`.
   */
  async stepDown() {
    if (!this.leading) return;
    this.leading = false;
    clearInterval(this.timer);
    this.nodes.stop();
    await this.runtime.stop();
    await this.running?.catch(() => {});
  }

  get isLeader() {
    return this.leading;
  }

  /** The pod is gone. */
  async stop() {
    await this.stepDown();
    this.stopped = true;
    await Promise.all(this.informers.map((i) => i.stop()));
  }

  get virtualNodes() {
    return this.nodes.names;
  }

  /** Coalesced, serialized reconciles. */
  private kick() {
    if (this.stopped || !this.synced || !this.leading) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.reconcileNow()
      .catch((e) => this.opts.log(`virtual-kubelet reconcile: ${apiErrorMessage(e)}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async reconcileNow() {
    this.readProfile();
    await this.checkCloud();
    let zones: string[] = [];
    if (this.profile) {
      let readiness = this.health;
      try {
        if (this.health.ready) await this.zonesOf(this.profile.vSwitchIds);
      } catch (error) {
        readiness = this.problem(error, "vpc:DescribeVSwitches", "resolve the zones of eci-profile vSwitchIds");
      }
      const unknown = this.profile.vSwitchIds.filter((id) => !this.zones.has(id));
      if (unknown.length && readiness.ready)
        this.warnProfile("VSwitchNotFound", `vSwitch ${unknown.join(", ")} in eci-profile vSwitchIds does not exist in ${this.opts.regionId}; no virtual node for it`);
      zones = [...new Set(this.profile.vSwitchIds.map((id) => this.zones.get(id)).filter((z): z is string => Boolean(z)))];
      // Without a usable key the vSwitches' zones cannot be looked up: keep the virtual nodes a previous controller
      // pod registered, so they say why they are NotReady instead of just going silent.
      if (!readiness.ready && zones.length === 0) zones = await this.registeredZones();
      await this.nodes.sync(zones, readiness);
    }
    if (!this.stopped && this.leading) {
      const desired = desiredWebhooks(this.opts.webhook.url, this.opts.caBundle, this.profile?.selectors ?? []);
      if (await reconcileWebhookConfig(this.opts.kubeConfig, this.caches.webhooks.get(WEBHOOK_CONFIG), desired))
        this.opts.log(`vk-webhook configuration updated (${desired.length} webhooks)`);
    }
  }

  /** A profile with a format error is not applied; the previous one stays in effect, and an Event says why. */
  private readProfile(quiet = false) {
    const cm = this.caches.configMaps.get(ECI_PROFILE, NAMESPACE);
    if (!cm || cm.metadata?.resourceVersion === this.profileVersion) return;
    this.profileVersion = cm.metadata?.resourceVersion;
    try {
      this.profile = parseEciProfile(cm.data);
      if (!quiet) this.opts.log(`eci-profile applied: vSwitchIds ${this.profile.vSwitchIds.join(",")}, ${this.profile.selectors.length} selectors`);
    } catch (error) {
      // A replica that does not lead keeps quiet: the leader reports it once.
      if (!quiet) this.warnProfile("InvalidEciProfile", `eci-profile not applied: ${(error as Error).message}. The previous configuration stays in effect.`);
    }
  }

  private warnProfile(reason: string, message: string) {
    const cm = this.caches.configMaps.get(ECI_PROFILE, NAMESPACE);
    this.opts.events.emit({ kind: "ConfigMap", namespace: NAMESPACE, name: ECI_PROFILE, uid: cm?.metadata?.uid, apiVersion: "v1" }, "Warning", reason, message);
  }

  private async checkCloud() {
    const { credentials } = this.opts;
    if ("ready" in credentials) return this.setHealth(credentials);
    if (!this.recheck && this.health.ready && Date.now() - this.verifiedAt < HEALTHY_RECHECK_MS) return;
    if (!this.recheck && !this.health.ready && Date.now() - this.verifiedAt < TICK_MS) return;
    this.recheck = false;
    this.verifiedAt = Date.now();
    try {
      await this.cloud!.checkEciAccess();
      this.setHealth({ ready: true, reason: "KubeletReady", message: "ECI is reachable with the AccessKey of alibaba-addon-secret (as of the controller pod's start)" });
    } catch (error) {
      this.setHealth(this.problem(error, "eci:DescribeContainerGroups", "use ECI"));
    }
  }

  /** The condition message for a failed cloud call; never includes the key itself. */
  private problem(error: unknown, action: string, what: string): Readiness {
    const detail = `${(error as { code?: string }).code ?? "Error"}: ${(error as Error).message}`;
    if (isCredentialError(error))
      return {
        ready: false,
        reason: "InvalidAccessKey",
        message: `Alibaba Cloud rejected the AccessKey in Secret ${NAMESPACE}/${ADDON_SECRET} (${detail}); the controller reads the Secret when its pod starts: after fixing it, kubectl -n ${NAMESPACE} rollout restart deploy/${CONTROLLER_DEPLOYMENT}`,
      };
    if (isPermissionError(error))
      return {
        ready: false,
        reason: "NoPermission",
        message: `the AccessKey in Secret ${NAMESPACE}/${ADDON_SECRET} may not ${what}: ${action} was denied (${detail}); grant the RAM user AliyunECIFullAccess or the ack-virtual-node policy`,
      };
    return { ready: false, reason: "CloudUnreachable", message: `cannot ${what} (${detail})` };
  }

  private setHealth(next: Readiness) {
    const changed = next.ready !== this.health.ready || next.message !== this.health.message;
    this.health = next;
    if (!changed) return;
    this.opts.log(`virtual-kubelet: ${next.ready ? "ECI credentials OK" : `${next.reason}: ${next.message}`}`);
    const ref: V1ObjectReference = { kind: "Deployment", namespace: NAMESPACE, name: CONTROLLER_DEPLOYMENT, apiVersion: "apps/v1" };
    if (!next.ready) this.opts.events.emit(ref, "Warning", next.reason, next.message);
  }

  /** Zones of the virtual nodes of this region already in the cluster. */
  private async registeredZones() {
    const nodes = await this.core.listNode({ labelSelector: `${VIRTUAL_NODE_LABEL.key}=${VIRTUAL_NODE_LABEL.value}` });
    return [
      ...new Set(
        nodes.items
          .filter((n) => n.metadata?.labels?.["topology.kubernetes.io/region"] === this.opts.regionId)
          .map((n) => n.metadata?.labels?.["topology.kubernetes.io/zone"])
          .filter((z): z is string => Boolean(z)),
      ),
    ];
  }

  private async zonesOf(ids: string[]) {
    const missing = ids.filter((id) => !this.zones.has(id));
    if (missing.length && this.cloud) {
      for (const v of await this.cloud.describeVSwitches(missing)) this.zones.set(v.vSwitchId, v.zoneId);
    }
    return this.zones;
  }
}
