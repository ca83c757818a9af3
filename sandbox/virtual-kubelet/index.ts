// The sandbox's stand-in for ack-virtual-node's controller. The simulated kubelet "runs" the add-on's Deployment
// pod like any other; while a kube-system pod labelled app=ack-virtual-node-controller is Running and Ready, this
// implementation of the controller is active, configured from the same objects the real one reads (its env,
// eci-profile); when the pod goes away (uninstall), it stops: leases stop, vk-webhook stops answering, ECI
// instances stay where they are.
//
// The AccessKey reaches the real controller as env (ECI_ACCESS_KEY / ECI_SECRET_KEY, secretKeyRef to
// kube-system/alibaba-addon-secret, optional), which the kubelet resolves once when the container starts. So here:
// the credentials are resolved once per controller pod (UID), when that pod is first seen Ready, and kept in
// <stateDir>/virtual-kubelet/containers/<uid>.json (0600) so a restarted simulation does not re-read them. A Secret
// changed later does not reach the running pod; `kubectl -n kube-system rollout restart deploy/ack-virtual-node-controller`
// makes the controller-manager roll a new ReplicaSet, whose pod reads the Secret when it starts; the controller
// switches to it when the old pod is gone and the new one is Ready (one active instance, as with leader election).
// A Secret missing at pod start: the references are optional, so the pod starts without the variables and the
// controller reports SecretNotFound until a restart after the Secret exists. (A non-optional reference would keep the
// pod in CreateContainerConfigError: the simulated kubelet does that, see ../kubelet/container-env.ts.)
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { CoreV1Api, type KubeConfig, makeInformer, VersionApi, type V1Pod } from "@kubernetes/client-node";
import { apiErrorMessage } from "../kubelet/api-error";
import { resolveContainerEnv, type ContainerEnv } from "../kubelet/container-env";
import { keepInformerRunning } from "../kubelet/resilient-informer";
import { freePort } from "../ports";
import type { AccessKey } from "./cloud-client";
import { ADDON_SECRET, CONTROLLER_DEPLOYMENT, CONTROLLER_LABEL, NAMESPACE } from "./constants";
import { VirtualNodeController } from "./controller";
import type { Readiness } from "./virtual-nodes";
import { EventRecorder } from "./events";
import { WebhookServer } from "./webhook-server";
import { ensureWebhookTls } from "./webhook-tls";

export interface VirtualKubeletOptions {
  kubeConfig: KubeConfig;
  /** The cloud emulator, "127.0.0.1:PORT" (what startCloudEmulator returns as `endpoint`). */
  cloudEndpoint: string;
  stateDir: string;
  log?: (line: string) => void;
}

export interface VirtualKubeletSimulation {
  /** What to give the cloud emulator's cluster seed (`webhookUrl`, `webhookCaBundle`), so its install points vk-webhook here. */
  webhookUrl: string;
  webhookCaBundle: string;
  /** Whether the controller is active now, and the virtual nodes it keeps alive. */
  status(): { active: boolean; controllerPod?: string; controllerPodUid?: string; accessKeyId?: string; virtualNodes: string[] };
  stop(): Promise<void>;
}

/** Running and Ready, not being deleted: the pod whose container has started. */
const isRunning = (pod: V1Pod) =>
  pod.status?.phase === "Running" && !pod.metadata?.deletionTimestamp && Boolean(pod.status.conditions?.some((c) => c.type === "Ready" && c.status === "True"));
const CONTAINER = "ack-virtual-node-controller";
/** The env names of the installed Deployment (../cloud/addon-objects.ts). */
const KEY_ID_ENV = "ECI_ACCESS_KEY";
const KEY_SECRET_ENV = "ECI_SECRET_KEY";

/** What the controller gets from its container's env: the AccessKey, or why it is absent. Never logs the secret. */
function credentialsFrom(resolved: ContainerEnv, pod: string): AccessKey | Readiness {
  const accessKeyId = resolved.env[KEY_ID_ENV]?.trim();
  const accessKeySecret = resolved.env[KEY_SECRET_ENV]?.trim();
  if (accessKeyId && accessKeySecret) return { accessKeyId, accessKeySecret };
  const restart = `kubectl -n ${NAMESPACE} rollout restart deploy/${CONTROLLER_DEPLOYMENT}`;
  if (resolved.skipped.some((s) => s.kind === "Secret" && s.name === ADDON_SECRET && s.why === "not found"))
    return { ready: false, reason: "SecretNotFound", message: `Secret ${NAMESPACE}/${ADDON_SECRET} not found when the controller pod ${pod} started, so it runs without ${KEY_ID_ENV}/${KEY_SECRET_ENV}: create the Secret with the keys access-key-id and access-key-secret of a RAM user allowed to use ECI, then ${restart}` };
  return { ready: false, reason: "SecretInvalid", message: `Secret ${NAMESPACE}/${ADDON_SECRET} lacked access-key-id or access-key-secret when the controller pod ${pod} started: fix the Secret, then ${restart}` };
}

/** The webhook port is kept in the state dir, so a restarted sandbox serves vk-webhook at the same URL. */
async function stablePort(dir: string) {
  const file = path.join(dir, "webhook.port");
  const saved = Number(await readFile(file, "utf8").catch(() => ""));
  const port = saved || (await freePort());
  await writeFile(file, String(port));
  return port;
}

async function webhookSetup(stateDir: string) {
  const dir = path.join(path.resolve(stateDir), "virtual-kubelet");
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return { tls: await ensureWebhookTls(path.join(dir, "pki")), port: await stablePort(dir) };
}

/**
 * vk-webhook's URL and caBundle for a state dir, before the simulation starts: the cloud emulator's cluster seed
 * takes them, so its InstallClusterAddons creates vk-webhook pointing here. (The controller also patches them into
 * vk-webhook whenever it runs, so a placeholder from the install is corrected within moments.)
 */
export async function virtualKubeletWebhook(stateDir: string) {
  const { tls, port } = await webhookSetup(stateDir);
  return { webhookUrl: new WebhookServer(tls, port, () => {}).url, webhookCaBundle: tls.caBundle };
}

const simulationPidFile = (stateDir: string) => path.join(path.resolve(stateDir), "virtual-kubelet", "simulation.pid");

/** Whether a live process runs the simulation for this state dir (so a test does not start a second one). */
export async function simulationRunning(stateDir: string) {
  const pid = Number(await readFile(simulationPidFile(stateDir), "utf8").catch(() => ""));
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startVirtualKubeletSimulation(opts: VirtualKubeletOptions): Promise<VirtualKubeletSimulation> {
  const log = opts.log ?? (() => {});
  const { tls, port } = await webhookSetup(opts.stateDir);
  const webhook = new WebhookServer(tls, port, log);
  const core = opts.kubeConfig.makeApiClient(CoreV1Api);
  const events = new EventRecorder(opts.kubeConfig, "ack-virtual-node-controller", log);

  let active: { pod: string; uid: string; accessKeyId?: string; controller: VirtualNodeController } | undefined;
  const containersDir = path.join(path.resolve(opts.stateDir), "virtual-kubelet", "containers");
  await mkdir(containersDir, { recursive: true, mode: 0o700 });

  /** Controller containers' env by pod UID, as of their start. */
  const envs = new Map<string, ContainerEnv>();
  /** Fixes a controller pod's env the first time it is seen Ready (whether or not it becomes the active one), then reuses it. */
  const captureEnv = async (pod: V1Pod) => {
    const uid = pod.metadata!.uid!;
    if (envs.has(uid)) return;
    const file = path.join(containersDir, `${uid}.json`);
    let resolved = await readFile(file, "utf8").then((t) => JSON.parse(t) as ContainerEnv, () => undefined);
    if (!resolved) {
      const container = pod.spec?.containers?.find((c) => c.name === CONTAINER) ?? pod.spec!.containers[0];
      resolved = await resolveContainerEnv(core, pod, container);
      await writeFile(file, JSON.stringify(resolved), { mode: 0o600 });
    }
    envs.set(uid, resolved);
  };
  /** Forgets the env of controller pods that no longer exist. */
  const pruneContainers = async () => {
    const live = new Set(informer.list(NAMESPACE).map((p) => p.metadata?.uid));
    for (const uid of envs.keys()) if (!live.has(uid)) envs.delete(uid);
    for (const f of await readdir(containersDir).catch(() => [] as string[])) if (!live.has(f.replace(/\.json$/, ""))) await rm(path.join(containersDir, f), { force: true });
  };
  let chain = Promise.resolve();
  let stopped = false;

  const informer = makeInformer<V1Pod>(opts.kubeConfig, `/api/v1/namespaces/${NAMESPACE}/pods`, () => core.listNamespacedPod({ namespace: NAMESPACE, labelSelector: CONTROLLER_LABEL }), CONTROLLER_LABEL);

  /** Active iff some controller pod is Running (the real add-on elects one leader among its replicas). */
  const evaluate = () => {
    chain = chain.then(async () => {
      for (const p of stopped ? [] : informer.list(NAMESPACE).filter(isRunning)) {
        try {
          await captureEnv(p);
        } catch (error) {
          log(`ack-virtual-node controller pod ${p.metadata?.name}: cannot read its env (${apiErrorMessage(error)}); retrying`);
          setTimeout(evaluate, 2_000).unref();
        }
      }
      const pod = stopped ? undefined : informer.list(NAMESPACE).find((p) => isRunning(p) && envs.has(p.metadata!.uid!));
      if (active && (!pod || !informer.list(NAMESPACE).some((p) => p.metadata?.uid === active!.uid && isRunning(p)))) {
        log(`ack-virtual-node controller pod ${active.pod} is gone: the controller stops`);
        const { controller } = active;
        active = undefined;
        await controller.stop();
      }
      if (!active && pod) {
        const version = (await opts.kubeConfig.makeApiClient(VersionApi).getCode()).gitVersion;
        const podName = pod.metadata!.name!;
        const resolved = envs.get(pod.metadata!.uid!)!;
        const { env } = resolved;
        const credentials = credentialsFrom(resolved, podName);
        const controller = new VirtualNodeController({
          kubeConfig: opts.kubeConfig,
          cloudEndpoint: opts.cloudEndpoint,
          regionId: env.ECI_REGION || "cn-hangzhou",
          clusterId: env.ALIYUN_CLUSTERID ?? "",
          podIP: pod.status?.podIP ?? "127.0.0.1",
          credentials,
          kubeletVersion: `${version}-aliyun.1`,
          webhook,
          caBundle: tls.caBundle,
          events,
          log,
        });
        active = { pod: podName, uid: pod.metadata!.uid!, accessKeyId: "accessKeyId" in credentials ? credentials.accessKeyId : undefined, controller };
        log(`ack-virtual-node controller pod ${active.pod} is Running: the controller starts (AccessKey ${active.accessKeyId ? `${active.accessKeyId.slice(0, 6)}****` : "absent"} from its env)`);
        try {
          await controller.start();
        } catch (error) {
          log(`ack-virtual-node controller failed to start: ${apiErrorMessage(error)}; retrying`);
          active = undefined;
          await controller.stop().catch(() => {});
          setTimeout(evaluate, 2_000).unref();
        }
      }
    }).catch((error) => log(`ack-virtual-node controller: ${apiErrorMessage(error)}`));
  };
  for (const event of ["add", "update", "delete"] as const) informer.on(event, evaluate);
  informer.on("delete", () => void pruneContainers().catch(() => {}));
  const watch = keepInformerRunning(informer, (line) => log(`controller pods: ${line}`));
  await watch.start();
  await pruneContainers();
  const pidFile = simulationPidFile(opts.stateDir);
  await writeFile(pidFile, String(process.pid));

  return {
    webhookUrl: webhook.url,
    webhookCaBundle: tls.caBundle,
    status: () => ({ active: Boolean(active), controllerPod: active?.pod, controllerPodUid: active?.uid, accessKeyId: active?.accessKeyId, virtualNodes: active?.controller.virtualNodes ?? [] }),
    async stop() {
      stopped = true;
      await watch.stop();
      evaluate();
      await chain;
      await webhook.close();
      await rm(pidFile, { force: true });
    },
  };
}
