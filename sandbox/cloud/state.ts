// The emulated account's persistent state and its atomic storage in <stateDir>/cloud/state.json.
import { mkdir, readFile, rename, writeFile, rm } from "node:fs/promises";
import path from "node:path";

export const STATE_VERSION = 1;

export interface Region {
  regionId: string;
  localName: string;
  endpoint: string;
}
export interface Zone {
  zoneId: string;
  regionId: string;
  localName: string;
}
export interface Vpc {
  vpcId: string;
  regionId: string;
  vpcName: string;
  cidrBlock: string;
  isDefault: boolean;
  creationTime: string;
  vRouterId: string;
  description: string;
}
export interface VSwitch {
  vSwitchId: string;
  vpcId: string;
  regionId: string;
  zoneId: string;
  vSwitchName: string;
  cidrBlock: string;
  totalIps: number;
  usedIps: number;
  isDefault: boolean;
  creationTime: string;
  description: string;
}
export interface SecurityGroup {
  securityGroupId: string;
  vpcId: string;
  regionId: string;
  securityGroupName: string;
  description: string;
  creationTime: string;
}

export interface RamUser {
  userId: string;
  userName: string;
  displayName: string;
  mobilePhone: string;
  email: string;
  comments: string;
  createDate: string;
  updateDate: string;
}
export interface PolicyVersion {
  versionId: string;
  document: string;
  createDate: string;
}
export interface CustomPolicy {
  policyName: string;
  description: string;
  createDate: string;
  updateDate: string;
  defaultVersion: string;
  nextVersion: number;
  versions: PolicyVersion[];
}
export interface Attachment {
  userName: string;
  policyName: string;
  policyType: "System" | "Custom";
  attachDate: string;
}
export interface AccessKey {
  accessKeyId: string;
  accessKeySecret: string;
  userName: string | null /* null = root account */;
  status: "Active" | "Inactive";
  createDate: string;
}

export interface Cluster {
  clusterId: string;
  name: string;
  regionId: string;
  kubeconfigPath: string;
  created: string;
  updated: string;
  vpcId: string;
  vswitchIds: string[];
  securityGroupId: string;
  webhookUrl?: string;
  webhookCaBundle?: string;
}
export interface TaskState {
  taskId: string;
  clusterId: string;
  taskType: "cluster_addon_install" | "cluster_addon_uninstall";
  state: "running" | "success" | "fail";
  created: string;
  updated: string;
  addons: { name: string; version?: string; config?: string; cleanupCloudResources?: boolean }[];
  error?: { code: string; message: string };
  events: { action: string; level: string; message: string; reason: string; source: string; timestamp: string }[];
}
export interface ContainerGroup {
  containerGroupId: string;
  containerGroupName: string;
  regionId: string;
  zoneId: string;
  vSwitchId: string;
  vpcId: string;
  securityGroupId: string;
  status: string;
  cpu: number;
  memory: number;
  instanceType: string;
  intranetIp: string;
  creationTime: string;
  containers: { name: string; image: string; cpu: number; memory: number }[];
  tags: { key: string; value: string }[];
}

export interface CloudState {
  version: number;
  accountId: string;
  rootAccessKeyId: string;
  regions: Region[];
  zones: Zone[];
  vpcs: Vpc[];
  vswitches: VSwitch[];
  securityGroups: SecurityGroup[];
  users: Record<string, RamUser>;
  policies: Record<string, CustomPolicy>;
  attachments: Attachment[];
  accessKeys: Record<string, AccessKey>;
  clusters: Record<string, Cluster>;
  tasks: Record<string, TaskState>;
  containerGroups: Record<string, ContainerGroup>;
}

export function statePath(stateDir: string): string {
  return path.join(stateDir, "cloud", "state.json");
}

export async function loadState(stateDir: string, fresh: boolean): Promise<CloudState | null> {
  const file = statePath(stateDir);
  if (fresh) {
    await rm(file, { force: true });
    return null;
  }
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  const parsed = JSON.parse(text) as CloudState;
  if (parsed.version !== STATE_VERSION) throw new Error(`${file}: unsupported state version ${parsed.version}; start with fresh: true`);
  return parsed;
}

/** Serialises writes; each write goes to a temp file that is renamed over state.json. */
export class StateStore {
  private chain: Promise<void> = Promise.resolve();
  private seq = 0;
  private closed = false;
  /** The write not yet started, which every save() until then shares. */
  private next?: Promise<void>;
  constructor(
    private readonly stateDir: string,
    readonly state: CloudState,
  ) {}

  /**
   * Resolves once a write that includes every change made so far is on disk. Saves asked for while one is waiting
   * to start share it: the state is serialised when the write starts, not per call — a burst of 1,000 ECI creations
   * made 1,000 serialisations of an ever larger state (quadratic), now a handful.
   */
  save(): Promise<void> {
    if (this.closed) return this.chain; // a stopped emulator must not overwrite its successor's state
    if (this.next) return this.next;
    const file = statePath(this.stateDir);
    this.next = this.chain
      .catch(() => undefined)
      .then(async () => {
        this.next = undefined; // changes from now on need the following write
        const snapshot = JSON.stringify(this.state, null, 2);
        const tmp = `${file}.${process.pid}.${++this.seq}.tmp`;
        await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
        await writeFile(tmp, snapshot, { mode: 0o600 });
        await rename(tmp, file);
      });
    this.chain = this.next;
    return this.next;
  }

  /** Waits for pending writes; later save() calls do nothing. */
  close(): Promise<void> {
    this.closed = true;
    return this.chain;
  }
}
