import type { AddonState } from "./state";

/** What the Add-ons page shows; plain data for the browser (the AccessKey id masked, never the secret). */
export interface AddonStatus {
  cluster: string;
  link?: { ackClusterId: string; regionId: string };
  cloudConfigured: boolean;
  state: AddonState;
  secret: { exists: boolean; accessKeyId?: string; writtenBy?: string; writtenAt?: string };
  virtualNodes: { name: string; ready: boolean; message?: string }[];
  taskId?: string;
  /** Recent Warning Events of the add-on's controller, e.g. a rejected AccessKey. */
  controllerWarnings: string[];
  /** The add-ons ACK offers for this cluster (ListAddons); empty without a link or credentials. */
  catalog: { name: string; version?: string; category?: string }[];
  /** What the console can learn of the cluster's egress (its nodes' external addresses), to prefill the source limit. */
  egressGuess: string[];
  /** Parts that could not be read, said plainly (the state is then derived from the rest). */
  problems: string[];
}
