// `vnode` in Chinese against the sandbox: translated headers and lanes, the same -o json in both languages, and a
// console error in the user's language.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { displayWidth } from "@/cli/format";
import { eventually, kubectl, kubectlJson } from "./kubectl";
import { vnode, vnodeEnv } from "./vnode-cli";

const info = inject("sandbox");
const { kubeconfig } = info;
const env = vnodeEnv(info, "cli-i18n");
const zh = { ...env, LANG: "zh_CN.UTF-8" };
const en = { ...env, LANG: "en_US.UTF-8" };
const ns = `cli-i18n-${Date.now()}`;

beforeAll(async () => {
  await kubectl(kubeconfig, "create", "ns", ns);
  await kubectl(kubeconfig, "-n", ns, "run", "web", "--image", "nginx");
  // Settled before the two -o json runs are compared: scheduled, Running, with its IP.
  await eventually(
    "the pod Running with an IP",
    async () => {
      const pod = await kubectlJson(kubeconfig, "-n", ns, "get", "pod", "web");
      return pod.spec.nodeName && pod.status.phase === "Running" && pod.status.podIP ? pod : undefined;
    },
    60_000,
    500,
  );
}, 90_000);
afterAll(async () => {
  await kubectl(kubeconfig, "delete", "ns", ns, "--ignore-not-found", "--wait=false");
});

describe("vnode in Chinese", () => {
  it("placement: Chinese headers and lane, the same -o json as in English", async () => {
    const text = await vnode(zh, ["placement", "-n", ns]);
    expect(text).toMatchObject({ code: 0, stderr: "" });
    const [header, row, ...rest] = text.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^位置\s+命名空间\s+名称\s+状态\s+节点\s+可用区\s+IP\s+ECI 实例$/);
    expect(row).toMatch(new RegExp(`^数据中心\\s+${ns}\\s+web\\s+Running\\s`));
    expect(rest).toEqual([]);
    // Columns line up by terminal width (a Chinese character takes two): the namespace starts under its header.
    expect(displayWidth(header.slice(0, header.indexOf("命名空间")))).toBe(displayWidth(row.slice(0, row.indexOf(ns))));
    const [jsonZh, jsonEn] = [await vnode(zh, ["placement", "-n", ns, "-o", "json"]), await vnode(en, ["placement", "-n", ns, "-o", "json"])];
    expect(jsonZh.code).toBe(0);
    expect(jsonZh.stdout).toBe(jsonEn.stdout);
    expect(JSON.parse(jsonZh.stdout).datacenter).toEqual([expect.objectContaining({ namespace: ns, name: "web", status: "Running" })]);
  }, 60_000);

  it("a context that does not exist: exit 3, in Chinese", async () => {
    const r = await vnode(zh, ["addon", "status", "ack-virtual-node", "--context", "no-such-context"]);
    expect(r).toMatchObject({
      code: 3,
      stdout: "",
      stderr: `错误：kubeconfig（${kubeconfig}）中没有名为“no-such-context”的 context。可选：${info.clusters![0].context}。\n`,
    });
  }, 30_000);
});
