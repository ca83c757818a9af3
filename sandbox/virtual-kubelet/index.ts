// The sandbox's stand-in for ack-virtual-node's controller. The simulated kubelet "runs" the add-on's Deployment
// pods like any other; every kube-system pod labelled app=ack-virtual-node-controller that is Running and Ready is a
// replica of this implementation, configured from the same objects the real one reads (its env, eci-profile). As
// behind the real vk-webhook Service, any Ready replica answers vk-webhook; one replica leads (the real add-on's
// virtual-kubelet elects one leader): it keeps the virtual nodes alive and runs the ECI pods. When the last pod goes
// away (uninstall), leases stop, vk-webhook stops answering, ECI instances stay where they are.
//
// A roll (`kubectl rollout restart`, RollingUpdate with maxSurge 1 / maxUnavailable 0 for the one replica) hands over
// without a gap: the new pod answers vk-webhook from its Readiness (the old one until then), and the lead passes to
// the newest Ready pod: the old leader finishes the ECI creations it has in flight and leaves the rest; the new leader
// lists every pod bound to the virtual nodes, starts the Pending ones (looking up by UID tag any instance a previous
// leader may have created) and adopts the Running ones. Nothing is deleted in a hand-over.
//
// The AccessKey reaches the real controller as env (ECI_ACCESS_KEY / ECI_SECRET_KEY, secretKeyRef to
// kube-system/alibaba-addon-secret, optional), which the kubelet resolves once when the container starts. So here:
// the credentials are resolved once per controller pod (UID), when that pod is first seen Ready, and kept in
// <stateDir>/virtual-kubelet/containers/<uid>.json (0600) so a restarted simulation does not re-read them. A Secret
// changed later does not reach the running pod; `kubectl -n kube-system rollout restart deploy/ack-virtual-node-controller`
// makes the controller-manager roll a new ReplicaSet, whose pod reads the Secret when it starts; ECI calls switch to
// its key when it is Ready and takes the lead.
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
import { type Mutator, WebhookServer } from "./webhook-server";
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
    return {
      ready: false,
      reason: "SecretNotFound",
      message: `Secret ${NAMESPACE}/${ADDON_SECRET} not found when the controller pod ${pod} started, so it runs without ${KEY_ID_ENV}/${KEY_SECRET_ENV}: create the Secret with the keys access-key-id and access-key-secret of a RAM user allowed to use ECI, then ${restart}`,
    };
  return {
    ready: false,
    reason: "SecretInvalid",
    message: `Secret ${NAMESPACE}/${ADDON_SECRET} lacked access-key-id or access-key-secret when the controller pod ${pod} started: fix the Secret, then ${restart}`,
  };
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

  /** One simulated controller per Ready controller pod (by UID). */
  interface Replica {
    pod: string;
    uid: string;
    created: number;
    accessKeyId?: string;
    controller: VirtualNodeController;
  }
  const replicas = new Map<string, Replica>();
  let leader: Replica | undefined;
  /** When the last leader stopped taking on pods: how long ECI creation paused in a hand-over is logged from it. */
  let leaderlessSince: number | undefined;
  let seq = 0;
  const containersDir = path.join(path.resolve(opts.stateDir), "virtual-kubelet", "containers");
  await mkdir(containersDir, { recursive: true, mode: 0o700 });

  /** Controller containers' env by pod UID, as of their start. */
  const envs = new Map<string, ContainerEnv>();
  /** When each controller pod was first seen Ready (its env captured): among pods created in the same second, the later one is newer. */
  const seen = new Map<string, number>();
  /** Fixes a controller pod's env the first time it is seen Ready (whether or not it becomes the active one), then reuses it. */
  const captureEnv = async (pod: V1Pod) => {
    const uid = pod.metadata!.uid!;
    if (envs.has(uid)) return;
    const file = path.join(containersDir, `${uid}.json`);
    let resolved = await readFile(file, "utf8").then(
      (t) => JSON.parse(t) as ContainerEnv,
      () => undefined,
    );
    if (!resolved) {
      const container = pod.spec?.containers?.find((c) => c.name === CONTAINER) ?? pod.spec!.containers[0];
      resolved = await resolveContainerEnv(core, pod, container);
      await writeFile(file, JSON.stringify(resolved), { mode: 0o600 });
    }
    envs.set(uid, resolved);
    seen.set(uid, seq++);
  };
  /** Forgets the env of controller pods that no longer exist. */
  const pruneContainers = async () => {
    const live = new Set(informer.list(NAMESPACE).map((p) => p.metadata?.uid));
    for (const uid of envs.keys()) if (!live.has(uid)) envs.delete(uid);
    for (const f of await readdir(containersDir).catch(() => [] as string[])) if (!live.has(f.replace(/\.json$/, ""))) await rm(path.join(containersDir, f), { force: true });
  };
  let chain = Promise.resolve();
  let stopped = false;

  const informer = makeInformer<V1Pod>(
    opts.kubeConfig,
    `/api/v1/namespaces/${NAMESPACE}/pods`,
    () => core.listNamespacedPod({ namespace: NAMESPACE, labelSelector: CONTROLLER_LABEL }),
    CONTROLLER_LABEL,
  );

  /** The newest replica first: the one vk-webhook calls go to, and the one that leads. */
  const createdAt = (pod: V1Pod) => Date.parse(String(pod.metadata?.creationTimestamp ?? "")) || 0;
  const newer = (a: { uid: string; created: number }, b: { uid: string; created: number }) => b.created - a.created || (seen.get(b.uid) ?? -1) - (seen.get(a.uid) ?? -1);
  const newestFirst = <T extends { uid: string; created: number }>(list: T[]) => [...list].sort(newer);
  const runningUids = () =>
    new Set(
      informer
        .list(NAMESPACE)
        .filter(isRunning)
        .map((p) => p.metadata!.uid!),
    );
  /**
   * vk-webhook behind its Service: any Ready replica answers. The newest Ready one is asked; while it is still filling
   * its caches, or while the last replica's pod is terminating, one that is still up answers, as the old pod serves
   * until its endpoint goes. With no replica left the server closes: connection refused, and failurePolicy Ignore.
   */
  const mutate: Mutator = (pod, namespace, matched) => {
    const up = [...replicas.values()].filter((r) => r.controller.prepared);
    const running = runningUids();
    const replica = newestFirst(up.filter((r) => running.has(r.uid)))[0] ?? newestFirst(up)[0];
    if (!replica) throw new Error("no ack-virtual-node controller replica is up");
    return replica.controller.mutate(pod, namespace, matched);
  };

  const newReplica = async (pod: V1Pod): Promise<Replica> => {
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
    return { pod: podName, uid: pod.metadata!.uid!, created: createdAt(pod), accessKeyId: "accessKeyId" in credentials ? credentials.accessKeyId : undefined, controller };
  };
  const keyOf = (r?: Replica) => (r?.accessKeyId ? `${r.accessKeyId.slice(0, 6)}****` : "absent");

  /**
   * Every Ready controller pod gets a replica (its env fixed at that moment), which answers vk-webhook once its caches
   * are filled. The newest Ready replica leads: the previous leader steps down (its in-flight ECI starts finish, the
   * rest is left), then the new one takes the virtual nodes over and runs every pod bound to them with the AccessKey of
   * its own env. Replicas whose pod is gone stop, after the new one is up, so vk-webhook never goes unanswered in a roll.
   */
  const evaluate = () => {
    chain = chain
      .then(async () => {
        const running = stopped ? [] : informer.list(NAMESPACE).filter(isRunning);
        for (const p of running) {
          try {
            await captureEnv(p);
          } catch (error) {
            log(`ack-virtual-node controller pod ${p.metadata?.name}: cannot read its env (${apiErrorMessage(error)}); retrying`);
            setTimeout(evaluate, 2_000).unref();
          }
        }
        // The newest Ready pod leads. A leader that is not it stops taking on pods at once (while the new replica
        // fills its caches), and lets the ECI creations it has in flight finish.
        const candidates = running.filter((p) => envs.has(p.metadata!.uid!)).map((p) => ({ pod: p, uid: p.metadata!.uid!, created: createdAt(p) }));
        const nextUid = newestFirst(candidates)[0]?.uid;
        let steppingDown: Promise<void> | undefined;
        if (leader && leader.uid !== nextUid) {
          const previous = leader;
          leader = undefined;
          const since = Date.now();
          leaderlessSince = since;
          const successor = candidates.find((c) => c.uid === nextUid)?.pod.metadata?.name;
          log(`ack-virtual-node controller pod ${previous.pod} ${successor ? `hands over to ${successor}` : "is gone"}: it stops leading`);
          steppingDown = previous.controller.stepDown().then(() => log(`${previous.pod} stepped down: its ECI starts in flight finished within ${Date.now() - since} ms`));
        }
        for (const { pod: p } of candidates.filter((c) => !replicas.has(c.uid))) {
          const replica = await newReplica(p);
          try {
            await replica.controller.prepare();
            replicas.set(replica.uid, replica);
            log(`ack-virtual-node controller pod ${replica.pod} is Ready: it answers vk-webhook (AccessKey ${keyOf(replica)} from its env)`);
          } catch (error) {
            log(`ack-virtual-node controller pod ${replica.pod} failed to start: ${apiErrorMessage(error)}; retrying`);
            await replica.controller.stop().catch(() => {});
            setTimeout(evaluate, 2_000).unref();
          }
        }
        if (replicas.size) await webhook.listen(mutate);
        await steppingDown;

        const live = runningUids();
        const next = nextUid && live.has(nextUid) ? replicas.get(nextUid) : undefined;
        if (!leader && next) {
          leader = next;
          log(`ack-virtual-node controller pod ${next.pod} leads: the virtual nodes and their pods run with AccessKey ${keyOf(next)} from its env`);
          try {
            await next.controller.lead();
            if (leaderlessSince !== undefined) log(`${next.pod} took the lead ${Date.now() - leaderlessSince} ms after the previous leader stopped taking on pods`);
            leaderlessSince = undefined;
          } catch (error) {
            log(`ack-virtual-node controller pod ${next.pod} failed to take the lead: ${apiErrorMessage(error)}; retrying`);
            leader = undefined;
            await next.controller.stepDown().catch(() => {});
            setTimeout(evaluate, 2_000).unref();
          }
        }

        for (const r of [...replicas.values()].filter((r) => !live.has(r.uid) || stopped)) {
          replicas.delete(r.uid);
          await r.controller.stop();
          log(`ack-virtual-node controller pod ${r.pod} is gone: its replica stops`);
        }
        if (!replicas.size) await webhook.close();
      })
      .catch((error) => log(`ack-virtual-node controller: ${apiErrorMessage(error)}`));
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
    status: () => ({
      active: Boolean(leader),
      controllerPod: leader?.pod,
      controllerPodUid: leader?.uid,
      accessKeyId: leader?.accessKeyId,
      virtualNodes: leader?.controller.virtualNodes ?? [],
    }),
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
