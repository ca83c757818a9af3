// The cloud emulator plus the virtual-kubelet simulation against one sandbox cluster, started together: for the
// integration tests and the bench (and a model for wiring both into the launcher).
import path from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { startCloudEmulator, type CloudEmulator } from "../cloud/index";
import { startVirtualKubeletSimulation, virtualKubeletWebhook, type VirtualKubeletSimulation } from "./index";

export interface VirtualNodeStack {
  cloud: CloudEmulator;
  clusterId: string;
  simulation: VirtualKubeletSimulation;
  kubeConfig: KubeConfig;
  stop(): Promise<void>;
}

export async function startVirtualNodeStack(opts: { kubeconfigPath: string; stateDir: string; clusterName?: string; log?: (line: string) => void }): Promise<VirtualNodeStack> {
  const log = opts.log ?? (() => {});
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(opts.kubeconfigPath);
  const webhook = await virtualKubeletWebhook(opts.stateDir);
  const cloud = await startCloudEmulator({
    stateDir: opts.stateDir,
    fresh: true,
    port: 0,
    log,
    clusters: [{ name: opts.clusterName ?? "sandbox", kubeconfigPath: path.resolve(opts.kubeconfigPath), ...webhook }],
  });
  let simulation: VirtualKubeletSimulation;
  try {
    simulation = await startVirtualKubeletSimulation({ kubeConfig, cloudEndpoint: cloud.endpoint, stateDir: opts.stateDir, log });
  } catch (error) {
    await cloud.close();
    throw error;
  }
  return {
    cloud,
    clusterId: cloud.clusters[0].clusterId,
    simulation,
    kubeConfig,
    async stop() {
      await simulation.stop();
      await cloud.close();
    },
  };
}
