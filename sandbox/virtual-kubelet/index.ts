// The sandbox's stand-in for ack-virtual-node's controller. The simulated kubelet "runs" the add-on's Deployment
// pod like any other; while a kube-system pod labelled app=ack-virtual-node-controller is Running, this
// implementation of the controller is active, configured from the same objects the real one reads (its env,
// eci-profile, alibaba-addon-secret); when the pod goes away (uninstall), it stops: leases stop, vk-webhook stops
// answering, ECI instances stay where they are.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { CoreV1Api, type KubeConfig, makeInformer, VersionApi, type V1Pod } from "@kubernetes/client-node";
import { apiErrorMessage } from "../kubelet/api-error";
import { keepInformerRunning } from "../kubelet/resilient-informer";
import { freePort } from "../ports";
import { CONTROLLER_LABEL, NAMESPACE } from "./constants";
import { VirtualNodeController } from "./controller";
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
  status(): { active: boolean; controllerPod?: string; virtualNodes: string[] };
  stop(): Promise<void>;
}

const isRunning = (pod: V1Pod) => pod.status?.phase === "Running" && !pod.metadata?.deletionTimestamp;
const env = (pod: V1Pod, name: string) => pod.spec?.containers?.flatMap((c) => c.env ?? []).find((e) => e.name === name)?.value;

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

  let active: { pod: string; controller: VirtualNodeController } | undefined;
  let chain = Promise.resolve();
  let stopped = false;

  const informer = makeInformer<V1Pod>(opts.kubeConfig, `/api/v1/namespaces/${NAMESPACE}/pods`, () => core.listNamespacedPod({ namespace: NAMESPACE, labelSelector: CONTROLLER_LABEL }), CONTROLLER_LABEL);

  /** Active iff some controller pod is Running (the real add-on elects one leader among its replicas). */
  const evaluate = () => {
    chain = chain.then(async () => {
      const pod = stopped ? undefined : informer.list(NAMESPACE).find(isRunning);
      if (active && (!pod || !informer.list(NAMESPACE).some((p) => p.metadata?.name === active!.pod && isRunning(p)))) {
        log(`ack-virtual-node controller pod ${active.pod} is gone: the controller stops`);
        const { controller } = active;
        active = undefined;
        await controller.stop();
      }
      if (!active && pod) {
        const version = (await opts.kubeConfig.makeApiClient(VersionApi).getCode()).gitVersion;
        const controller = new VirtualNodeController({
          kubeConfig: opts.kubeConfig,
          cloudEndpoint: opts.cloudEndpoint,
          regionId: env(pod, "ECI_REGION") || "cn-hangzhou",
          clusterId: env(pod, "ALIYUN_CLUSTERID") ?? "",
          podIP: pod.status?.podIP ?? "127.0.0.1",
          kubeletVersion: `${version}-aliyun.1`,
          webhook,
          caBundle: tls.caBundle,
          events,
          log,
        });
        active = { pod: pod.metadata!.name!, controller };
        log(`ack-virtual-node controller pod ${active.pod} is Running: the controller starts`);
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
  const watch = keepInformerRunning(informer, (line) => log(`controller pods: ${line}`));
  await watch.start();
  const pidFile = simulationPidFile(opts.stateDir);
  await writeFile(pidFile, String(process.pid));

  return {
    webhookUrl: webhook.url,
    webhookCaBundle: tls.caBundle,
    status: () => ({ active: Boolean(active), controllerPod: active?.pod, virtualNodes: active?.controller.virtualNodes ?? [] }),
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
