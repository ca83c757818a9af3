import https from "node:https";
import { mkdir, readFile, rm, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { CoreV1Api, KubeConfig, VersionApi } from "@kubernetes/client-node";
import { ensureControlPlaneBinaries } from "./controlplane/binaries";
import { ensurePki, type Pki } from "./pki";
import { ManagedProcess, killLeftovers } from "./processes";
import { lockStateDir } from "./state-lock";
import { writeKubeconfig } from "./kubeconfig";
import { freePort, waitFor } from "./ports";
import { startDatacenterNodes } from "./kubelet/datacenter-nodes";
import { writeSandboxInfo, type SandboxInfo } from "./sandbox-info";
import { startCloudEmulator, type CloudEmulator } from "./cloud";
import { startVirtualKubeletSimulation, virtualKubeletWebhook, type VirtualKubeletSimulation } from "./virtual-kubelet";
import { startSandboxOidc, type SandboxOidc } from "./oidc/provider";
import { SANDBOX_GROUPS, sandboxUsers } from "./oidc/users";
import { applySandboxRbac } from "./rbac";

export interface SandboxOptions {
  stateDir: string;
  fresh?: boolean;
  nodes?: number;
  regionId?: string;
  zones?: string[];
  log?: (line: string) => void;
}

export interface Sandbox {
  info: SandboxInfo;
  /** Environment for a console pointed at this sandbox (cloud endpoint and credentials, once the cloud runs). */
  consoleEnv: Record<string, string>;
  kubeConfig: KubeConfig;
  /** Kills kube-apiserver (SIGKILL); the sandbox's supervisor starts it again on the same port. */
  restartApiserver(): Promise<void>;
  stop(): Promise<void>;
}

const PROCESS_NAMES = ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"];

function httpsOk(url: string, ca: Buffer, client?: { cert: Buffer; key: Buffer }) {
  return new Promise<boolean>((resolve) => {
    const req = https.get(url, { ca, ...client, timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("error", () => resolve(false));
    req.on("timeout", () => req.destroy());
  });
}

async function stablePort(stateDir: string, name: string) {
  const file = path.join(stateDir, "run", `${name}.port`);
  const saved = Number(await readFile(file, "utf8").catch(() => ""));
  const port = saved || (await freePort());
  await writeFile(file, String(port));
  return port;
}

/**
 * Starts a real control plane (etcd, kube-apiserver, kube-controller-manager, kube-scheduler) on loopback, plus the
 * simulated data-center nodes, and writes `<stateDir>/kubeconfig` and `<stateDir>/sandbox.json`.
 */
export async function startSandbox(opts: SandboxOptions): Promise<Sandbox> {
  const log = opts.log ?? (() => {});
  const stateDir = path.resolve(opts.stateDir);
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  const unlock = await lockStateDir(stateDir);
  const processes: ManagedProcess[] = [];
  let stopping = false;
  let datacenter: Awaited<ReturnType<typeof startDatacenterNodes>> | undefined;
  let cloud: CloudEmulator | undefined;
  let virtualKubelet: VirtualKubeletSimulation | undefined;
  let oidc: SandboxOidc | undefined;

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await oidc?.close().catch(() => {});
    await virtualKubelet?.stop().catch(() => {});
    await cloud?.close().catch(() => {});
    await datacenter?.stop().catch(() => {});
    for (const p of [...processes].reverse()) await p.stop();
    await unlock();
  };

  try {
    await killLeftovers(stateDir, PROCESS_NAMES);
    if (opts.fresh) {
      for (const entry of await readdir(stateDir)) if (entry !== "sandbox.lock") await rm(path.join(stateDir, entry), { recursive: true, force: true });
    }
    await mkdir(path.join(stateDir, "logs"), { recursive: true });
    await mkdir(path.join(stateDir, "run"), { recursive: true });
    const bin = await ensureControlPlaneBinaries(log);
    const pki = await ensurePki(stateDir);
    const ca = await readFile(pki.caCert);
    const logProcess = (line: string) => !stopping && log(line);

    const etcdPort = await stablePort(stateDir, "etcd");
    const etcdPeerPort = await stablePort(stateDir, "etcd-peer");
    const apiserverPort = await stablePort(stateDir, "kube-apiserver");
    const apiserver = `https://127.0.0.1:${apiserverPort}`;

    // Clients of etcd need a certificate of etcd's own CA (only the apiserver has one), over TLS, as in kubeadm.
    // Peer traffic stays plain http: a single member on loopback has no peers.
    const etcd = new ManagedProcess(
      "etcd",
      bin.etcd,
      [
        "--name=sandbox",
        `--data-dir=${path.join(stateDir, "etcd")}`,
        `--listen-client-urls=https://127.0.0.1:${etcdPort}`,
        `--advertise-client-urls=https://127.0.0.1:${etcdPort}`,
        `--cert-file=${pki.etcd.serverCert}`,
        `--key-file=${pki.etcd.serverKey}`,
        "--client-cert-auth=true",
        `--trusted-ca-file=${pki.etcd.caCert}`,
        `--listen-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
        `--initial-cluster=sandbox=http://127.0.0.1:${etcdPeerPort}`,
        "--unsafe-no-fsync=true",
        "--auto-compaction-mode=periodic",
        "--auto-compaction-retention=5m",
        "--quota-backend-bytes=2147483648",
        "--log-level=warn",
      ],
      stateDir,
    );
    processes.push(etcd);
    await etcd.start(logProcess);
    const etcdCa = await readFile(pki.etcd.caCert);
    const etcdClient = { cert: await readFile(pki.etcd.apiserverClientCert), key: await readFile(pki.etcd.apiserverClientKey) };
    await waitFor("etcd", () => httpsOk(`https://127.0.0.1:${etcdPort}/health`, etcdCa, etcdClient), 30_000);
    log("etcd ready");

    const auditLog = path.join(stateDir, "logs", "kube-apiserver-audit.log");
    const auditPolicy = path.join(stateDir, "run", "audit-policy.yaml");
    await writeFile(auditPolicy, AUDIT_POLICY);
    const kubeApiserver = new ManagedProcess(
      "kube-apiserver",
      bin.kubeApiserver,
      [...apiserverArgs(pki, etcdPort, apiserverPort), `--audit-policy-file=${auditPolicy}`, `--audit-log-path=${auditLog}`, "--audit-log-maxsize=50", "--audit-log-maxbackup=2"],
      stateDir,
    );
    processes.push(kubeApiserver);
    await kubeApiserver.start(logProcess);
    await waitFor("kube-apiserver /readyz", () => httpsOk(`${apiserver}/readyz`, ca), 120_000, 250);
    log("kube-apiserver ready");

    const kubeconfig = path.join(stateDir, "kubeconfig");
    const admin = pki.client("admin");
    await writeKubeconfig({ file: kubeconfig, server: apiserver, caCert: pki.caCert, user: "sandbox-admin", clientCert: admin.cert, clientKey: admin.key });
    for (const component of ["controller-manager", "scheduler"] as const) {
      const id = pki.client(component);
      await writeKubeconfig({
        file: path.join(stateDir, "run", `${component}.kubeconfig`),
        server: apiserver,
        caCert: pki.caCert,
        user: component,
        clientCert: id.cert,
        clientKey: id.key,
      });
    }

    const kcmKubeconfig = path.join(stateDir, "run", "controller-manager.kubeconfig");
    const kcm = new ManagedProcess(
      "kube-controller-manager",
      bin.kubeControllerManager,
      [
        `--kubeconfig=${kcmKubeconfig}`,
        `--authentication-kubeconfig=${kcmKubeconfig}`,
        `--authorization-kubeconfig=${kcmKubeconfig}`,
        "--bind-address=127.0.0.1",
        `--secure-port=${await freePort()}`,
        "--leader-elect=false",
        "--use-service-account-credentials=true",
        `--service-account-private-key-file=${pki.saKey}`,
        `--root-ca-file=${pki.caCert}`,
        `--cluster-signing-cert-file=${pki.caCert}`,
        `--cluster-signing-key-file=${pki.caKey}`,
        "--controllers=*",
        // Shortened from 5s/50s so a virtual node whose controller is gone turns NotReady within seconds here.
        "--node-monitor-period=2s",
        "--node-monitor-grace-period=16s",
        "--concurrent-deployment-syncs=10",
        "--concurrent-replicaset-syncs=10",
        "--kube-api-qps=200",
        "--kube-api-burst=400",
      ],
      stateDir,
    );
    processes.push(kcm);
    await kcm.start(logProcess);

    const schedulerConfig = path.join(stateDir, "run", "scheduler.yaml");
    await writeFile(
      schedulerConfig,
      [
        "apiVersion: kubescheduler.config.k8s.io/v1",
        "kind: KubeSchedulerConfiguration",
        "clientConnection:",
        `  kubeconfig: ${path.join(stateDir, "run", "scheduler.kubeconfig")}`,
        "  qps: 200",
        "  burst: 400",
        "leaderElection:",
        "  leaderElect: false",
        "",
      ].join("\n"),
    );
    const schedulerKubeconfig = path.join(stateDir, "run", "scheduler.kubeconfig");
    const scheduler = new ManagedProcess(
      "kube-scheduler",
      bin.kubeScheduler,
      [
        `--config=${schedulerConfig}`,
        `--authentication-kubeconfig=${schedulerKubeconfig}`,
        `--authorization-kubeconfig=${schedulerKubeconfig}`,
        "--bind-address=127.0.0.1",
        `--secure-port=${await freePort()}`,
      ],
      stateDir,
    );
    processes.push(scheduler);
    await scheduler.start(logProcess);

    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(kubeconfig);
    const kubernetesVersion = (await kubeConfig.makeApiClient(VersionApi).getCode()).gitVersion;

    await applySandboxRbac(kubeConfig);
    oidc = await startSandboxOidc({ port: await stablePort(stateDir, "oidc"), users: sandboxUsers() });
    log(`OIDC provider at ${oidc.issuer}`);

    const regionId = opts.regionId ?? "cn-hangzhou";
    datacenter = await startDatacenterNodes(
      kubeConfig,
      {
        count: opts.nodes ?? 2,
        regionId,
        zones: opts.zones ?? [`${regionId}-b`, `${regionId}-h`],
        kubeletVersion: kubernetesVersion,
      },
      (line) => log(`kubelet: ${line}`),
    );
    await waitForNodesSchedulable(kubeConfig, datacenter.nodeNames);
    log(`nodes ready: ${datacenter.nodeNames.join(", ")}`);

    // The registered cluster in the cloud is named like the kube context, so the console links the two by name.
    const context = kubeConfig.getCurrentContext();
    cloud = await startCloudEmulator({
      stateDir,
      port: await stablePort(stateDir, "cloud"),
      // vk-webhook's URL and CA, so ACK's install points the webhook at the simulated controller's server.
      clusters: [{ name: context, kubeconfigPath: kubeconfig, regionId, ...(await virtualKubeletWebhook(stateDir)) }],
      log: (line) => log(line),
    });
    log(`cloud emulator at ${cloud.endpoint}`);
    // Plays ack-virtual-node's controller whenever its Deployment's pod runs (after an install through ACK).
    virtualKubelet = await startVirtualKubeletSimulation({ kubeConfig, cloudEndpoint: cloud.endpoint, stateDir, log: (line) => log(`vk: ${line}`) });

    const info: SandboxInfo = {
      apiserver,
      kubeconfig,
      stateDir,
      pid: process.pid,
      kubernetesVersion,
      nodes: datacenter.nodeNames,
      cloud: { endpoint: cloud.endpoint, accessKeyId: cloud.accessKeyId, accessKeySecret: cloud.accessKeySecret, regionId: cloud.regionId },
      clusters: cloud.clusters.map((c) => ({ ...c, context })),
      oidc: {
        issuer: oidc.issuer,
        clientId: oidc.clientId,
        clientSecret: oidc.clientSecret,
        users: oidc.users.map(({ username, password, groups }) => ({ username, password, groups })),
      },
      auditLog,
    };
    await writeSandboxInfo(stateDir, info);
    // What a console pointed at this sandbox is configured with: the same settings a real deployment uses.
    const consoleEnv = {
      ALIBABA_CLOUD_ACCESS_KEY_ID: cloud.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: cloud.accessKeySecret,
      ALIBABA_CLOUD_REGION_ID: cloud.regionId,
      VNODE_ALIBABA_CLOUD_ENDPOINT: cloud.endpoint,
      VNODE_ALIBABA_CLOUD_PROTOCOL: "http",
      VNODE_OIDC_ISSUER: oidc.issuer,
      VNODE_OIDC_CLIENT_ID: oidc.clientId,
      VNODE_OIDC_CLIENT_SECRET: oidc.clientSecret,
      VNODE_OIDC_GROUPS_CLAIM: "groups",
      VNODE_OIDC_USERNAME_CLAIM: "preferred_username",
      VNODE_OIDC_SCOPES: "openid profile email groups",
      VNODE_ADMIN_GROUPS: SANDBOX_GROUPS.admins,
      VNODE_OPERATOR_GROUPS: SANDBOX_GROUPS.operators,
    };

    return {
      info,
      consoleEnv,
      kubeConfig,
      async restartApiserver() {
        // As a crash would: SIGKILL, then the supervisor starts it again.
        const pid = kubeApiserver.pid;
        if (pid) process.kill(pid, "SIGKILL");
        await waitFor("kube-apiserver to go down", async () => !(await httpsOk(`${apiserver}/readyz`, ca)), 10_000, 50);
        await waitFor("kube-apiserver /readyz after restart", () => httpsOk(`${apiserver}/readyz`, ca), 120_000, 250);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * What the apiserver's audit log keeps: requests of people and of the console (Metadata: who, as whom, what, answer),
 * not the steady traffic of the control plane's own components and the simulated kubelets.
 */
const AUDIT_POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: ["RequestReceived"]
rules:
  # The control plane's own chatter is left out; workloads' ServiceAccounts (the console's among them) are kept.
  - level: None
    userGroups: ["system:nodes", "system:serviceaccounts:kube-system"]
  - level: None
    users: ["system:kube-controller-manager", "system:kube-scheduler", "system:apiserver", "system:kube-proxy"]
  - level: None
    nonResourceURLs: ["/healthz*", "/readyz*", "/livez*", "/version", "/openapi*", "/api", "/apis*"]
  - level: None
    resources: [{ group: "coordination.k8s.io", resources: ["leases"] }]
    namespaces: ["kube-node-lease", "kube-system"]
  - level: Metadata
`;

function apiserverArgs(pki: Pki, etcdPort: number, port: number) {
  return [
    `--etcd-servers=https://127.0.0.1:${etcdPort}`,
    `--etcd-cafile=${pki.etcd.caCert}`,
    `--etcd-certfile=${pki.etcd.apiserverClientCert}`,
    `--etcd-keyfile=${pki.etcd.apiserverClientKey}`,
    "--bind-address=127.0.0.1",
    `--secure-port=${port}`,
    // Loopback cannot be an endpoint of the `kubernetes` Service, so the endpoint reconciler is off (as in kwok).
    "--advertise-address=127.0.0.1",
    "--endpoint-reconciler-type=none",
    `--tls-cert-file=${pki.apiserverCert}`,
    `--tls-private-key-file=${pki.apiserverKey}`,
    `--client-ca-file=${pki.caCert}`,
    "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
    `--service-account-key-file=${pki.saPub}`,
    `--service-account-signing-key-file=${pki.saKey}`,
    "--service-cluster-ip-range=10.0.0.0/24",
    "--authorization-mode=Node,RBAC",
    "--allow-privileged=true",
    "--profiling=false",
    "--max-requests-inflight=800",
    "--max-mutating-requests-inflight=400",
  ];
}

async function waitForNodesSchedulable(kubeConfig: KubeConfig, names: string[]) {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  // The node-lifecycle controller lifts the not-ready taint that admission puts on every new node.
  await waitFor(
    "nodes to become Ready and schedulable",
    async () => {
      const nodes = await Promise.all(names.map((name) => core.readNode({ name })));
      return nodes.every(
        (n) => n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") && !n.spec?.taints?.some((t) => t.key.startsWith("node.kubernetes.io/")),
      );
    },
    60_000,
    250,
  );
}
