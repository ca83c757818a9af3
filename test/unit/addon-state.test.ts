import { describe, expect, it } from "vitest";
import { deriveAddonState as deriveIn } from "@/lib/addon/state";
import { translatorFor } from "@/lib/i18n/translator";
import { taskKindOf, taskOutcome, type ObservedAddon, type ObservedAddonTask } from "@/lib/addon/observed";
import { versionFromImage } from "@/lib/addon/version";

const en = translatorFor("en");
const deriveAddonState = (observed: ObservedAddon) => deriveIn(observed, en);

const IMAGE = "registry.cn-hangzhou.aliyuncs.com/acs/virtual-nodes-eci:v2.13.0";
const secret = { hasAccessKeyId: true, hasAccessKeySecret: true };
const node = (zone: string, ready = true, message?: string) => ({ name: `virtual-kubelet-cn-hangzhou-${zone}`, ready, message });

const healthy: ObservedAddon = {
  instance: { name: "ack-virtual-node", version: "v2.13.0", state: "active" },
  latestTask: { taskId: "T-5faa48fb31b6b8078d000006", taskType: "cluster_addon_install", kind: "install", state: "success" },
  controller: { replicas: 1, readyReplicas: 1, image: IMAGE },
  virtualNodes: [node("b"), node("j")],
  secret,
  expectedVirtualNodes: ["virtual-kubelet-cn-hangzhou-b", "virtual-kubelet-cn-hangzhou-j"],
};
const nothing: ObservedAddon = { instance: null, latestTask: null, controller: null, virtualNodes: [], secret };
const installTask = (more: Partial<ObservedAddonTask>): ObservedAddonTask => ({
  taskId: "T-66e39b39c0fdd00132000001",
  taskType: "cluster_addon_install",
  kind: "install",
  state: "running",
  ...more,
});

describe("ack-virtual-node state", () => {
  it("not installed: secret present -> install; secret missing -> grant first", () => {
    expect(deriveAddonState(nothing)).toEqual({ phase: "not-installed", readyVirtualNodes: 0, totalVirtualNodes: 0, leftovers: [], nextStep: "Install ack-virtual-node." });
    const noSecret = deriveAddonState({ ...nothing, secret: null });
    expect(noSecret).toMatchObject({ phase: "not-installed", reason: "kube-system/alibaba-addon-secret does not exist, so the add-on has no AccessKey to call ECI with" });
    expect(noSecret.nextStep).toMatch(/^Grant RAM permissions first/);
    expect(deriveAddonState({ ...nothing, secret: { hasAccessKeyId: false, hasAccessKeySecret: true } }).reason).toBe("kube-system/alibaba-addon-secret has no access-key-id");
  });

  it("not installed but leftovers in the cluster: names them and how to remove them", () => {
    const state = deriveAddonState({
      ...nothing,
      virtualNodes: [node("b", false, "Kubelet stopped posting node status.")],
      latestTask: { ...healthy.latestTask!, kind: "uninstall", taskType: "cluster_addon_uninstall" },
    });
    expect(state).toMatchObject({ phase: "not-installed", leftovers: ["Node virtual-kubelet-cn-hangzhou-b"], readyVirtualNodes: 0, totalVirtualNodes: 1 });
    expect(state.nextStep).toBe("Install again to take them over, or remove them: kubectl delete node virtual-kubelet-cn-hangzhou-b");
  });

  it("installing: progress from the running task, even if the cluster already shows parts", () => {
    const task = installTask({ currentStage: "cluster_addon_install", created: "2026-11-27T08:00:00+08:00", stages: [{ state: "success" }, { state: "running" }, { state: "" }] });
    const state = deriveAddonState({ ...nothing, latestTask: task, controller: { replicas: 1, readyReplicas: 0, image: IMAGE } });
    expect(state).toEqual({
      phase: "installing",
      readyVirtualNodes: 0,
      totalVirtualNodes: 0,
      version: "v2.13.0",
      progress: { taskId: task.taskId, kind: "install", stage: "cluster_addon_install", completedStages: 1, totalStages: 3, startedAt: "2026-11-27T08:00:00+08:00" },
    });
    expect(deriveAddonState({ ...nothing, latestTask: task, secret: null })).toMatchObject({
      phase: "installing",
      nextStep: expect.stringMatching(/^Grant RAM permissions first/),
    });
  });

  it("installing when ACK reports the instance as updating, with no task at hand (e.g. after a console restart)", () => {
    expect(deriveAddonState({ ...nothing, instance: { name: "ack-virtual-node", state: "updating" } })).toMatchObject({
      phase: "installing",
      progress: { kind: "install", completedStages: 0, totalStages: 0 },
    });
  });

  it("installed: version, ready nodes, in-cluster or hosted controller", () => {
    expect(deriveAddonState(healthy)).toEqual({ phase: "installed", version: "v2.13.0", controller: "in-cluster", readyVirtualNodes: 2, totalVirtualNodes: 2 });
    // ACK-hosted controller (private-network registration): no Deployment and the Secret is optional.
    expect(deriveAddonState({ ...healthy, controller: null, secret: null })).toMatchObject({ phase: "installed", controller: "hosted" });
    // Version from the image tag when ACK does not say.
    expect(deriveAddonState({ ...healthy, instance: { state: "active" } })).toMatchObject({ phase: "installed", version: "v2.13.0" });
  });

  it("degraded: virtual nodes NotReady, with their messages", () => {
    const state = deriveAddonState({ ...healthy, virtualNodes: [node("b"), node("j", false, "InvalidAccessKeyId.NotFound: Specified access key is not found.")] });
    expect(state).toMatchObject({ phase: "degraded", readyVirtualNodes: 1, totalVirtualNodes: 2 });
    expect(state.reason).toBe("Virtual nodes not Ready: virtual-kubelet-cn-hangzhou-j (InvalidAccessKeyId.NotFound: Specified access key is not found.)");
    expect(state.phase === "degraded" && state.notReadyVirtualNodes.map((n) => n.name)).toEqual(["virtual-kubelet-cn-hangzhou-j"]);
    expect(state.nextStep).toContain("grant RAM permissions again");
  });

  it("degraded: secret gone, controller not ready, no nodes, or a zone without its node — most basic cause first", () => {
    const noSecret = deriveAddonState({ ...healthy, secret: null, controller: { replicas: 1, readyReplicas: 0, image: IMAGE }, virtualNodes: [] });
    expect(noSecret.phase).toBe("degraded");
    expect(noSecret.reason).toBe(
      "kube-system/alibaba-addon-secret does not exist, so the add-on has no AccessKey to call ECI with. The controller has no ready replica (0/1). No virtual node is registered yet",
    );
    expect(noSecret.nextStep).toMatch(/^Grant RAM permissions first/);
    const zoneMissing = deriveAddonState({ ...healthy, virtualNodes: [node("b")] });
    expect(zoneMissing).toMatchObject({
      phase: "degraded",
      reason: "No virtual node yet for virtual-kubelet-cn-hangzhou-j",
      missingVirtualNodes: ["virtual-kubelet-cn-hangzhou-j"],
    });
  });

  it("failed install: says why and what to do, using the cloud code inside the task error", () => {
    const task = installTask({
      state: "fail",
      error: { code: "ErrorAddonTaskFailed", message: "create virtual node: InvalidAccessKeyId.NotFound: Specified access key is not found." },
    });
    const state = deriveAddonState({ ...nothing, latestTask: task });
    expect(state).toMatchObject({
      phase: "failed",
      reason: "Installing ack-virtual-node failed: create virtual node: InvalidAccessKeyId.NotFound: Specified access key is not found.",
      failedTask: { taskId: task.taskId, kind: "install", errorCode: "InvalidAccessKeyId.NotFound" },
    });
    expect(state.nextStep).toBe("The AccessKey in alibaba-addon-secret was deleted or mistyped. Grant RAM permissions again to write a valid one. Then install again.");
  });

  it("failed install without a cloud code but with the secret missing: grant first, then install again", () => {
    const state = deriveAddonState({
      ...nothing,
      secret: null,
      latestTask: installTask({ state: "failed", error: { code: "ErrorAddonTaskFailed", message: "controller did not become ready" } }),
    });
    expect(state.phase).toBe("failed");
    expect(state.nextStep).toMatch(/^kube-system\/alibaba-addon-secret does not exist.*Grant RAM permissions first.*Then install again\.$/);
  });

  it("failed install with a specific ACK code: that code's advice, then install again", () => {
    const state = deriveAddonState({
      ...nothing,
      latestTask: installTask({ state: "fail", error: { code: "ErrorClusterUnreachable", message: "The registered cluster c1 cannot be reached: connect ECONNREFUSED" } }),
    });
    expect(state).toMatchObject({ phase: "failed", failedTask: { errorCode: "ErrorClusterUnreachable" } });
    expect(state.nextStep).toBe("Check that ack-cluster-agent is running in kube-system and can reach Alibaba Cloud, then retry. Then install again.");
  });

  it("failed uninstall stays failed even when ACK no longer lists the add-on", () => {
    const task: ObservedAddonTask = {
      taskId: "T-1",
      taskType: "cluster_addon_uninstall",
      kind: "uninstall",
      state: "fail",
      error: { code: "ErrorAddonTaskInterrupted", message: "The task was interrupted by an emulator restart." },
    };
    const state = deriveAddonState({ ...healthy, instance: null, latestTask: task });
    expect(state).toMatchObject({
      phase: "failed",
      reason: "Uninstalling ack-virtual-node failed: The task was interrupted by an emulator restart.",
      nextStep: "Uninstall again: the step is safe to repeat. If it keeps failing, check ack-cluster-agent in kube-system.",
    });
  });

  it("uninstalling: from a running uninstall task or the instance state", () => {
    const task: ObservedAddonTask = { taskId: "T-2", taskType: "cluster_addon_uninstall", kind: "uninstall", state: "running", stages: [{ state: "running" }] };
    expect(deriveAddonState({ ...healthy, latestTask: task })).toMatchObject({
      phase: "uninstalling",
      readyVirtualNodes: 2,
      progress: { taskId: "T-2", kind: "uninstall", completedStages: 0, totalStages: 1 },
    });
    expect(deriveAddonState({ ...healthy, latestTask: null, instance: { state: "deleting" } })).toMatchObject({ phase: "uninstalling" });
  });

  it("installed despite a failed later upgrade task: keeps running, and says the task failed", () => {
    const task: ObservedAddonTask = { taskId: "T-3", taskType: "cluster_addon_upgrade", kind: "upgrade", state: "fail", error: { message: "image pull timeout" } };
    expect(deriveAddonState({ ...healthy, latestTask: task })).toMatchObject({
      phase: "installed",
      reason: "The last upgrade task T-3 failed: image pull timeout, but the add-on is running",
    });
  });
});

describe("ack-virtual-node state in Chinese", () => {
  it("words the reason and the next step in the reader's language, keeping names and commands", () => {
    const zh = translatorFor("zh-CN");
    const state = deriveIn({ ...healthy, secret: null, controller: { replicas: 1, readyReplicas: 0, image: IMAGE }, virtualNodes: [] }, zh);
    expect(state.reason).toBe("kube-system/alibaba-addon-secret 不存在，组件没有可用于调用 ECI 的 AccessKey；控制器没有就绪的副本（0/1）；尚未注册任何虚拟节点");
    expect(state.nextStep).toMatch(/^请先授予 RAM 权限.*alibaba-addon-secret。控制器重启时会读取该 Secret。$/);
    const leftover = deriveIn({ ...nothing, virtualNodes: [node("b", false)] }, zh);
    expect(leftover.nextStep).toBe("重新安装以接管它们，或将其删除：kubectl delete node virtual-kubelet-cn-hangzhou-b");
  });
});

describe("observation helpers", () => {
  it("classifies DescribeTaskInfo task types and states", () => {
    expect(["cluster_addon_install", "cluster_addon_uninstall", "cluster_addon_upgrade", "cluster_scaleout"].map(taskKindOf)).toEqual([
      "install",
      "uninstall",
      "upgrade",
      undefined,
    ]);
    expect(["running", "success", "fail", "failed", "canceled", "pending"].map(taskOutcome)).toEqual(["running", "succeeded", "failed", "failed", "failed", "running"]);
  });

  it("reads the version from the controller image tag", () => {
    expect(versionFromImage("registry-vpc.cn-hangzhou.aliyuncs.com/acs/virtual-nodes-eci:v2.0.0.122-bdb884460-aliyun")).toBe("v2.0.0.122-bdb884460-aliyun");
    expect(versionFromImage("127.0.0.1:5000/acs/virtual-nodes-eci:v2.13.0@sha256:abcd")).toBe("v2.13.0");
    expect(versionFromImage("127.0.0.1:5000/acs/virtual-nodes-eci")).toBeUndefined();
    expect(versionFromImage(undefined)).toBeUndefined();
  });
});
