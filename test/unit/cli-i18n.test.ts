// `vnode` in the user's language: LC_ALL, then LC_MESSAGES, then LANG pick English or Simplified Chinese; the real
// launcher is spawned (help and usage errors load no SDK, so these stay fast).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { commanderLine } from "@/cli/commander-words";
import { table } from "@/cli/format";
import { isYes } from "@/cli/i18n";
import { setProcessLocale } from "@/lib/i18n/locale-context";
import { vnode as runVnode } from "../integration/vnode-cli";

/** Only the variables given: the runner's own LANG/LC_* must not decide the language. */
const vnode = (args: string[], env: Record<string, string>) => runVnode({ PATH: process.env.PATH, HOME: process.env.HOME, ...env }, args);

const zh = { LANG: "zh_CN.UTF-8" };
let dir = "";
let kubeconfig = "";

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "vnode-i18n-"));
  kubeconfig = path.join(dir, "kubeconfig");
  // A kubeconfig with one context and nothing behind it: an unknown --context fails before any request.
  await writeFile(
    kubeconfig,
    "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: 'https://127.0.0.1:1'}\nusers:\n- name: u\n  user: {token: x}\ncontexts:\n- name: ctx-a\n  context: {cluster: c, user: u}\ncurrent-context: ctx-a\n",
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));
afterEach(() => setProcessLocale("en"));

describe("vnode's language", () => {
  it("LANG=zh_CN.UTF-8: the help and a subcommand's help are Chinese, commands and flags are not", async () => {
    const [root, install] = await Promise.all([vnode(["--help"], zh), vnode(["addon", "install", "--help"], zh)]);
    expect(root.code).toBe(0);
    expect(root.stdout).toContain("用法： vnode [options] [command]");
    expect(root.stdout).toMatch(/通过 ack-virtual-node 将 Kubernetes Pod 弹性调度到阿里云弹性容器实例 ECI/);
    expect(root.stdout).toMatch(/\n {2}ram-user +为 ack-virtual-node 授予 RAM 权限/);
    expect(root.stdout).toContain("完整流程：\n  vnode doctor\n  vnode ram-user grant --addon ack-virtual-node\n");
    expect(root.stdout).toContain("退出码：0 成功，1 失败");
    expect(root.stdout).not.toContain("Exit codes");
    expect(install.code).toBe(0);
    expect(install.stdout).toContain("安装 ack-virtual-node（可重复执行：已安装的组件保持不变）");
    expect(install.stdout).toMatch(/--no-wait +ACK 接受任务后立即返回/);
    expect(install.stdout).toMatch(/--timeout <seconds> +--wait 的最长等待时间（默认："600"）/);
    expect(install.stdout).toContain("示例：\n  vnode addon install ack-virtual-node\n");
    expect(install.stdout).toMatch(/-h, --help +显示命令帮助/);
  }, 30_000);

  it("LC_ALL=C is English; LC_ALL wins over LANG, LC_MESSAGES over LANG", async () => {
    const [c, cOverZh, zhOverEn, messages] = await Promise.all([
      vnode(["--help"], { LC_ALL: "C" }),
      vnode(["--help"], { LC_ALL: "C", LANG: "zh_CN.UTF-8" }),
      vnode(["doctor", "--help"], { LC_ALL: "zh_CN.UTF-8", LANG: "en_US.UTF-8" }),
      vnode(["doctor", "--help"], { LC_MESSAGES: "zh_CN.UTF-8", LANG: "en_US.UTF-8" }),
    ]);
    for (const english of [c, cOverZh]) {
      expect(english.stdout.startsWith("Usage: vnode [options] [command]\n\nBurst Kubernetes pods onto Alibaba Cloud ECI")).toBe(true);
      expect(english.stdout).toContain("\nThe seed's flow:\n  vnode doctor\n");
      expect(english.stdout).not.toMatch(/[\u4e00-\u9fff]/);
    }
    expect(c.stdout).toBe(cOverZh.stdout);
    for (const chinese of [zhOverEn, messages]) {
      expect(chinese.stdout).toContain("检查 context 的前提条件和组件健康状况");
      expect(chinese.stdout).toContain("示例：\n  vnode doctor\n  vnode doctor --context prod -o json\n");
    }
  }, 30_000);

  it("usage and console errors are worded in Chinese, with the same exit codes", async () => {
    const [context, output, typo, shell] = await Promise.all([
      vnode(["addon", "status", "ack-virtual-node", "--context", "nope"], { ...zh, KUBECONFIG: kubeconfig, VNODE_CONSOLE_CONFIG: path.join(dir, "console.json") }),
      vnode(["doctor", "-o", "xml"], zh),
      vnode(["placment"], zh),
      vnode(["completion", "fish"], zh),
    ]);
    expect(context).toMatchObject({ code: 3, stdout: "", stderr: `错误：kubeconfig（${kubeconfig}）中没有名为“nope”的 context。可选：ctx-a。\n` });
    expect(output).toMatchObject({ code: 2, stderr: "错误：选项“-o, --output <format>”的参数“xml”无效。可选值：text, json, yaml。\n" });
    expect(typo).toMatchObject({ code: 2, stderr: "错误：未知命令“placment”\n（您是否要输入 placement？）\n" });
    expect(shell).toMatchObject({ code: 2, stderr: "错误：不支持“fish”的自动补全：请使用 bash 或 zsh。\n" });
  }, 60_000);

  it("the same errors in English are commander's and ours, unchanged", async () => {
    const [output, shell] = await Promise.all([vnode(["doctor", "-o", "xml"], { LANG: "en_US.UTF-8" }), vnode(["completion", "fish"], {})]);
    expect(output).toMatchObject({ code: 2, stderr: "error: option '-o, --output <format>' argument 'xml' is invalid. Allowed choices are text, json, yaml.\n" });
    expect(shell).toMatchObject({ code: 2, stderr: 'error: No completion for "fish": use bash or zsh.\n' });
  }, 30_000);
});

describe("the words around commander and the tables", () => {
  it("translates commander's error lines only outside English", () => {
    expect(commanderLine("error: unknown option '--x'")).toBe("error: unknown option '--x'");
    setProcessLocale("zh-CN");
    expect(commanderLine("error: unknown option '--x'")).toBe("错误：未知选项“--x”");
    expect(commanderLine("error: required option '--addon <name>' not specified")).toBe("错误：未指定必需选项“--addon <name>”");
    expect(commanderLine("error: too many arguments for 'doctor'. Expected 0 arguments but got 1.")).toBe("错误：参数过多（命令“doctor”）。应为 0 个，实际为 1 个。");
    expect(commanderLine("(Did you mean one of addon, doctor?)")).toBe("（您是否要输入以下之一：addon, doctor？）");
  });

  it("aligns Chinese headers by terminal columns (two per character)", () => {
    setProcessLocale("zh-CN");
    expect(table(["命名空间", "名称"], [["kube-system", "coredns"]])).toBe("命名空间      名称\nkube-system   coredns");
  });

  it("a [y/N] prompt takes y, yes and 是", () => {
    for (const yes of ["y", "YES", " 是 "]) expect(isYes(yes)).toBe(true);
    for (const no of ["", "n", "否", "yess"]) expect(isYes(no)).toBe(false);
  });
});
