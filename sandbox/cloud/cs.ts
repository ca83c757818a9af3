// ACK (CS 2015-12-15, ROA): registered clusters, the add-on catalog and add-on install/uninstall tasks.
// Installed state is read from the cluster itself (through the AddonAgent), never from emulator state.
import { randomBytes } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { z } from "zod";
import { ADDON_NAME, ADDON_VERSION, type AddonAgent, type AddonParams } from "./addon-objects";
import { ApiError } from "./errors";
import { isoNow } from "./ids";
import type { CloudState, Cluster, TaskState } from "./state";
import type { StateStore } from "./state";
import type { Ctx, Product, RoaRoute } from "./types";

const CLUSTER_TYPE = "ExternalKubernetes";

const configSchema = z.object({ vpcId: z.string().optional(), vSwitchIds: z.union([z.string(), z.array(z.string())]).optional(), securityGroupId: z.string().optional() }).strict();
const installBody = z.array(z.object({ name: z.string().min(1), version: z.string().optional(), config: z.string().optional() }).passthrough()).min(1);
const uninstallBody = z.array(z.object({ name: z.string().min(1), cleanup_cloud_resources: z.boolean().optional() }).passthrough()).min(1);

const CONFIG_SCHEMA = JSON.stringify({
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  additionalProperties: false,
  properties: {
    vpcId: { type: "string", description: "VPC of ECI pods (default: the cluster's VPC)" },
    vSwitchIds: { type: "string", description: "Comma-separated vSwitch IDs (default: the cluster's vSwitch)" },
    securityGroupId: { type: "string", description: "Security group of ECI pods (default: the cluster's security group)" },
  },
});

function route(method: string, path: string, action: string): RoaRoute {
  const keys: string[] = [];
  const pattern = new RegExp(
    `^${path.replace(/\{(\w+)\}/g, (_m, k: string) => {
      keys.push(k);
      return "([^/]+)";
    })}$`,
  );
  return { method, pattern, keys, action };
}

const ROUTES: RoaRoute[] = [
  route("GET", "/api/v1/clusters", "DescribeClustersV1"),
  route("GET", "/addons", "ListAddons"),
  route("GET", "/clusters/{ClusterId}/addon_instances", "ListClusterAddonInstances"),
  route("GET", "/clusters/{ClusterId}/addon_instances/{InstanceName}", "GetClusterAddonInstance"),
  route("GET", "/clusters/{ClusterId}/components/version", "DescribeClusterAddonsVersion"),
  route("POST", "/clusters/{ClusterId}/components/install", "InstallClusterAddons"),
  route("POST", "/clusters/{ClusterId}/components/uninstall", "UnInstallClusterAddons"),
  route("GET", "/tasks/{TaskId}", "DescribeTaskInfo"),
  route("GET", "/clusters/{ClusterId}", "DescribeClusterDetail"),
];

function getCluster(state: CloudState, id: string | undefined): Cluster {
  const c = id ? state.clusters[id] : undefined;
  if (!c) throw new ApiError(404, "ErrorClusterNotFound", `The specified cluster ${id ?? ""} does not exist.`);
  return c;
}

function clusterView(c: Cluster) {
  return {
    cluster_id: c.clusterId,
    name: c.name,
    cluster_type: CLUSTER_TYPE,
    cluster_spec: "",
    profile: "Default",
    region_id: c.regionId,
    state: "running",
    created: c.created,
    updated: c.updated,
    vpc_id: c.vpcId,
    vswitch_id: c.vswitchIds.join(","),
    vswitch_ids: c.vswitchIds,
    security_group_id: c.securityGroupId,
    resource_group_id: "",
    zone_id: "",
    current_version: "",
    init_version: "",
    next_version: "",
    deletion_protection: false,
    network_mode: "",
    proxy_mode: "",
    container_cidr: "",
    service_cidr: "",
    size: 0,
    tags: [],
    meta_data: JSON.stringify({ ExtraInfo: {}, Platform: "registered" }),
  };
}

function parseJson<T>(ctx: Ctx, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(ctx.body.toString("utf8") || "null");
  } catch {
    throw new ApiError(400, "InvalidParameter", "The request body is not valid JSON.");
  }
  const r = schema.safeParse(json);
  if (!r.success) throw new ApiError(400, "InvalidParameter", `The request body is invalid: ${r.error.issues[0].path.join(".")}: ${r.error.issues[0].message}`);
  return r.data;
}

function checkAddon(name: string): void {
  if (name !== ADDON_NAME) throw new ApiError(404, "ErrorAddonNotFound", `The addon ${name} is not available for ${CLUSTER_TYPE} clusters in this emulator.`);
}

export interface CsOptions {
  agent: AddonAgent;
  store: StateStore;
  log: (line: string) => void;
  /** Extra time a task stays running (fault injection: `addonTaskMs`). */
  taskDelayMs?: () => number;
}

export function createCs({ agent, store, log, taskDelayMs = () => 0 }: CsOptions): Product {
  const chains = new Map<string, Promise<void>>();
  const state = store.state;

  function runningTask(clusterId: string): TaskState | undefined {
    return Object.values(state.tasks).find((t) => t.clusterId === clusterId && t.state === "running");
  }

  async function status(c: Cluster) {
    try {
      return await agent.status(c.kubeconfigPath);
    } catch (e) {
      throw new ApiError(503, "ErrorClusterUnreachable", `The registered cluster ${c.clusterId} cannot be reached: ${(e as Error).message}`);
    }
  }

  function addonParams(c: Cluster, version: string | undefined, config: string | undefined): AddonParams {
    let cfg: z.infer<typeof configSchema> = {};
    if (config) {
      try {
        cfg = configSchema.parse(JSON.parse(config));
      } catch (e) {
        throw new ApiError(400, "InvalidParameter.Config", `The addon config is invalid: ${(e as Error).message}`);
      }
    }
    const vpcId = cfg.vpcId ?? c.vpcId;
    const vSwitchIds =
      cfg.vSwitchIds === undefined ? c.vswitchIds : (Array.isArray(cfg.vSwitchIds) ? cfg.vSwitchIds : cfg.vSwitchIds.split(",")).map((s) => s.trim()).filter(Boolean);
    const securityGroupId = cfg.securityGroupId ?? c.securityGroupId;
    if (!state.vpcs.some((v) => v.vpcId === vpcId && v.regionId === c.regionId))
      throw new ApiError(400, "InvalidParameter.Config", `vpcId ${vpcId} does not exist in ${c.regionId}.`);
    for (const id of vSwitchIds)
      if (!state.vswitches.some((v) => v.vSwitchId === id && v.vpcId === vpcId)) throw new ApiError(400, "InvalidParameter.Config", `vSwitch ${id} does not exist in ${vpcId}.`);
    if (vSwitchIds.length === 0) throw new ApiError(400, "InvalidParameter.Config", "At least one vSwitch is required.");
    if (!state.securityGroups.some((g) => g.securityGroupId === securityGroupId && g.vpcId === vpcId))
      throw new ApiError(400, "InvalidParameter.Config", `security group ${securityGroupId} does not exist in ${vpcId}.`);
    if (version !== undefined && version !== "" && version !== ADDON_VERSION)
      throw new ApiError(400, "ErrorAddonVersionNotFound", `Version ${version} of ${ADDON_NAME} is not available; available: ${ADDON_VERSION}.`);
    return {
      clusterId: c.clusterId,
      regionId: c.regionId,
      version: ADDON_VERSION,
      vpcId,
      vSwitchIds,
      securityGroupId,
      webhookUrl: c.webhookUrl,
      webhookCaBundle: c.webhookCaBundle,
    };
  }

  function startTask(ctx: Ctx, c: Cluster, taskType: TaskState["taskType"], addons: TaskState["addons"], work: () => Promise<void>) {
    const now = isoNow();
    const task: TaskState = { taskId: `T-${randomBytes(12).toString("hex")}`, clusterId: c.clusterId, taskType, state: "running", created: now, updated: now, addons, events: [] };
    state.tasks[task.taskId] = task;
    const event = (reason: string, message: string, level = "Normal") =>
      task.events.push({ action: taskType, level, message, reason, source: "ack-cluster-agent", timestamp: isoNow() });
    event("Started", `${taskType} ${addons.map((a) => a.name).join(",")} started`);
    const prev = chains.get(c.clusterId) ?? Promise.resolve();
    const next = prev.then(async () => {
      try {
        const extra = taskDelayMs();
        if (extra > 0) await delay(extra);
        await work();
        task.state = "success";
        event("Succeeded", `${taskType} succeeded`);
      } catch (e) {
        task.state = "fail";
        task.error = { code: "ErrorAddonTaskFailed", message: (e as Error).message };
        event("Failed", (e as Error).message, "Warning");
      }
      task.updated = isoNow();
      log(`cloud: task ${task.taskId} ${taskType} on ${c.clusterId}: ${task.state}${task.error ? ` (${task.error.message})` : ""}`);
      await store.save();
    });
    chains.set(
      c.clusterId,
      next.catch(() => undefined),
    );
    return { cluster_id: c.clusterId, request_id: ctx.requestId, task_id: task.taskId };
  }

  const clusterArn = (ctx: Ctx) => {
    const c = ctx.state.clusters[ctx.pathParams.ClusterId];
    return `acs:cs:${c?.regionId ?? "*"}:${ctx.state.accountId}:cluster/${ctx.pathParams.ClusterId}`;
  };

  return {
    name: "CS",
    code: "cs",
    version: "2015-12-15",
    hostId: "cs.aliyuncs.com",
    style: "ROA",
    deniedCode: "Forbidden.RAM",
    routes: ROUTES,
    actions: {
      DescribeClustersV1: {
        resource: (ctx) => `acs:cs:*:${ctx.state.accountId}:cluster/*`,
        handler(ctx) {
          const q = ctx.query;
          const pageSize = Math.min(Math.max(Number(q.page_size ?? 10) || 10, 1), 100);
          const pageNumber = Math.max(Number(q.page_number ?? 1) || 1, 1);
          const all = Object.values(ctx.state.clusters).filter(
            (c) =>
              (!q.cluster_type || q.cluster_type === CLUSTER_TYPE) &&
              (!q.name || c.name.includes(q.name)) &&
              (!q.region_id || c.regionId === q.region_id) &&
              (!q.cluster_id || c.clusterId === q.cluster_id),
          );
          return {
            clusters: all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map(clusterView),
            page_info: { page_number: pageNumber, page_size: pageSize, total_count: all.length },
          };
        },
      },
      DescribeClusterDetail: { resource: clusterArn, handler: (ctx) => ({ ...clusterView(getCluster(ctx.state, ctx.pathParams.ClusterId)), parameters: {} }) },
      ListAddons: {
        handler(ctx) {
          if (ctx.query.cluster_id) getCluster(ctx.state, ctx.query.cluster_id);
          return {
            addons: [
              {
                name: ADDON_NAME,
                category: "others",
                version: ADDON_VERSION,
                install_by_default: false,
                managed: false,
                supported_actions: ["Install", "Uninstall"],
                config_schema: CONFIG_SCHEMA,
                architecture: ["amd64", "arm64"],
              },
            ],
          };
        },
      },
      ListClusterAddonInstances: {
        resource: clusterArn,
        async handler(ctx) {
          const c = getCluster(ctx.state, ctx.pathParams.ClusterId);
          const s = await status(c);
          const t = runningTask(c.clusterId);
          const busy = t ? (t.taskType === "cluster_addon_install" ? "updating" : "deleting") : undefined;
          return { addons: s.installed || busy ? [{ name: ADDON_NAME, version: s.version ?? ADDON_VERSION, state: busy ?? "active" }] : [] };
        },
      },
      GetClusterAddonInstance: {
        resource: clusterArn,
        async handler(ctx) {
          const c = getCluster(ctx.state, ctx.pathParams.ClusterId);
          checkAddon(ctx.pathParams.InstanceName);
          const s = await status(c);
          const t = runningTask(c.clusterId);
          if (!s.installed && !t)
            throw new ApiError(
              404,
              "ErrorAddonInstanceNotFound",
              `The addon ${ADDON_NAME} is not installed in cluster ${c.clusterId}${s.missing.length < 7 ? ` (missing: ${s.missing.join(", ")})` : ""}.`,
            );
          const state = t ? (t.taskType === "cluster_addon_install" ? "updating" : "deleting") : "active";
          const config = JSON.stringify({ vpcId: c.vpcId, vSwitchIds: c.vswitchIds.join(","), securityGroupId: c.securityGroupId });
          return { name: ADDON_NAME, version: s.version ?? ADDON_VERSION, state, config, logging: { capable: false, enabled: false, log_project: "", logstore: "" } };
        },
      },
      DescribeClusterAddonsVersion: {
        resource: clusterArn,
        async handler(ctx) {
          const c = getCluster(ctx.state, ctx.pathParams.ClusterId);
          const s = await status(c);
          return {
            [ADDON_NAME]: {
              component_name: ADDON_NAME,
              version: s.installed ? (s.version ?? ADDON_VERSION) : "",
              next_version: ADDON_VERSION,
              can_upgrade: false,
              required: false,
              changed: "",
              message: "",
            },
          };
        },
      },
      InstallClusterAddons: {
        mutates: true,
        resource: clusterArn,
        handler(ctx) {
          const c = getCluster(ctx.state, ctx.pathParams.ClusterId);
          const body = parseJson(ctx, installBody);
          for (const a of body) checkAddon(a.name);
          const params = body.map((a) => addonParams(c, a.version, a.config));
          return startTask(
            ctx,
            c,
            "cluster_addon_install",
            body.map((a) => ({ name: a.name, version: ADDON_VERSION, config: a.config })),
            async () => {
              for (const p of params) await agent.install(c.kubeconfigPath, p);
            },
          );
        },
      },
      UnInstallClusterAddons: {
        mutates: true,
        resource: clusterArn,
        handler(ctx) {
          const c = getCluster(ctx.state, ctx.pathParams.ClusterId);
          const body = parseJson(ctx, uninstallBody);
          for (const a of body) checkAddon(a.name);
          // cleanup_cloud_resources is recorded, but ECI instances are never deleted by an uninstall here.
          return startTask(
            ctx,
            c,
            "cluster_addon_uninstall",
            body.map((a) => ({ name: a.name, cleanupCloudResources: a.cleanup_cloud_resources })),
            async () => {
              await agent.uninstall(c.kubeconfigPath);
            },
          );
        },
      },
      DescribeTaskInfo: {
        resource: (ctx) => `acs:cs:*:${ctx.state.accountId}:task/${ctx.pathParams.TaskId}`,
        handler(ctx) {
          const t = ctx.state.tasks[ctx.pathParams.TaskId];
          if (!t) throw new ApiError(404, "ErrorTaskNotFound", `The task ${ctx.pathParams.TaskId} does not exist.`);
          const stage = { state: t.state, start_time: t.created, end_time: t.state === "running" ? "" : t.updated, message: t.error?.message ?? "", outputs: {} };
          return {
            task_id: t.taskId,
            cluster_id: t.clusterId,
            task_type: t.taskType,
            state: t.state,
            created: t.created,
            updated: t.updated,
            current_stage: t.state === "running" ? t.taskType : "",
            target: { id: t.clusterId, type: "cluster" },
            parameters: { addons: t.addons },
            stages: [stage],
            ...(t.error ? { error: t.error } : {}),
            events: t.events,
            task_result: t.addons.map((a) => ({ data: a.name, status: t.state === "fail" ? "failed" : t.state })),
          };
        },
      },
    },
  };
}

/** Tasks that were running when the emulator stopped can never finish: mark them failed. */
export function failInterruptedTasks(state: CloudState): void {
  for (const t of Object.values(state.tasks)) {
    if (t.state !== "running") continue;
    t.state = "fail";
    t.error = { code: "ErrorAddonTaskInterrupted", message: "The task was interrupted by an emulator restart." };
    t.updated = isoNow();
  }
}
