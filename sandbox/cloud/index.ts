// Local Alibaba Cloud OpenAPI emulator (RAM, ACK/CS, VPC, ECS, ECI) for the sandbox.
// The official @alicloud/* SDK clients talk to it unchanged; only the endpoint differs.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type AddonAgent, KubeAddonAgent } from "./addon-objects";
import { createCs, failInterruptedTasks } from "./cs";
import { eci } from "./eci";
import { ecs } from "./ecs";
import { Faults } from "./faults";
import { ram } from "./ram";
import { sts } from "./sts";
import { createRouter } from "./router";
import { DEFAULT_REGION, seedState, upsertClusters } from "./seed";
import { loadState, StateStore } from "./state";
import { vpc } from "./vpc";

export interface CloudClusterSeed {
  clusterId?: string;
  name: string;
  kubeconfigPath: string;
  regionId?: string;
  webhookUrl?: string;
  webhookCaBundle?: string;
}

export interface CloudEmulator {
  endpoint: string; // "127.0.0.1:PORT"
  accessKeyId: string;
  accessKeySecret: string;
  regionId: string;
  clusters: { clusterId: string; name: string; regionId: string }[];
  close(): Promise<void>;
}

export interface StartCloudEmulatorOptions {
  stateDir: string;
  fresh?: boolean;
  port?: number; // 0 = free port
  clusters: CloudClusterSeed[];
  log?: (line: string) => void;
  /** For tests only: replaces the Kubernetes-backed add-on agent. */
  addonAgent?: AddonAgent;
  /** For tests only: the emulator's clock (ms since epoch) for x-acs-date checks. */
  now?: () => number;
}

export async function startCloudEmulator(opts: StartCloudEmulatorOptions): Promise<CloudEmulator> {
  const log = opts.log ?? (() => undefined);
  let state = await loadState(opts.stateDir, opts.fresh ?? false);
  let created = false;
  if (!state) {
    state = seedState().state;
    created = true;
  }
  failInterruptedTasks(state);
  const clusters = upsertClusters(state, opts.clusters);
  const store = new StateStore(opts.stateDir, state);
  await store.save();

  const faults = new Faults();
  const cs = createCs({ agent: opts.addonAgent ?? new KubeAddonAgent(), store, log, taskDelayMs: () => faults.config.addonTaskMs ?? 0 });
  const handle = createRouter({ products: [ram, vpc, ecs, eci, cs, sts], store, faults, log, now: opts.now });
  const server = createServer((req, res) => void handle(req, res));
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const root = state.accessKeys[state.rootAccessKeyId];
  log(
    `cloud: emulator listening on 127.0.0.1:${port} (${created ? "seeded new account" : "state loaded"} ${state.accountId}; admin AccessKey ${root.accessKeyId}; clusters ${clusters.map((c) => `${c.name}=${c.clusterId}`).join(", ") || "none"})`,
  );

  return {
    endpoint: `127.0.0.1:${port}`,
    accessKeyId: root.accessKeyId,
    accessKeySecret: root.accessKeySecret,
    regionId: DEFAULT_REGION,
    clusters: clusters.map((c) => ({ clusterId: c.clusterId, name: c.name, regionId: c.regionId })),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store.close();
    },
  };
}
