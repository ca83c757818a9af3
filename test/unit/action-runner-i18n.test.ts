// An action answers the person in their language, while its audit record (Activity, Kubernetes Event) stays English.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { InputError, words } from "@/lib/errors";
import { withLocale } from "@/lib/i18n/locale-context";
import type { Actor } from "@/lib/server/action-runner";

// Loaded once before the tests (importing the server layer takes seconds on a busy machine).
let runAction: typeof import("@/lib/server/action-runner").runAction;
let authorize: typeof import("@/lib/server/action-runner").authorize;
let readActivity: typeof import("@/lib/server/audit").readActivity;

beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "vnode-runner-i18n-"));
  process.env.VNODE_CONSOLE_CONFIG = path.join(dir, "console.json");
  delete process.env.VNODE_STATE_NAMESPACE;
  // One cluster nobody listens for: the actions below never call it, and the audit's Event write fails at once.
  process.env.KUBECONFIG = path.join(dir, "kubeconfig");
  await writeFile(
    process.env.KUBECONFIG,
    "apiVersion: v1\nkind: Config\nclusters: [{name: c1, cluster: {server: 'https://127.0.0.1:1'}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: c1, context: {cluster: c1, user: u}}]\ncurrent-context: c1\n",
  );
  ({ runAction, authorize } = await import("@/lib/server/action-runner"));
  ({ readActivity } = await import("@/lib/server/audit"));
}, 30_000);

const actor = (role: Actor["role"]): Actor => ({
  subject: "dana",
  sessionId: "s1",
  identity: { username: "dana", subject: "dana", displayName: "Dana", groups: ["dev"], kind: "oidc" },
  role,
  clientAddress: "127.0.0.1",
});

const schema = z.object({ cluster: z.string(), namespace: z.string() });

describe("an action in the caller's language", () => {
  it("tells the person in Chinese and records the audit in English", async () => {
    const run = runAction({
      action: "label-namespace",
      permission: "view",
      schema,
      target: (i) => `namespace/${i.namespace}`,
      run: async ({ input }) => ({ data: null, message: words("server.namespaces.labelled", { namespace: input.namespace }) }),
    });
    const result = await withLocale("zh-CN", () => run(actor("viewer"), { cluster: "c1", namespace: "team-a" }));
    expect(result).toMatchObject({ ok: true, message: "team-a 中新建的 Pod 将调度到虚拟节点（ECI）。运行中的 Pod 保持不变。" });
    const [record] = await readActivity(1);
    expect(record).toMatchObject({ action: "label-namespace", target: "namespace/team-a", result: "succeeded" });
    expect(record.message).toBe("New pods in team-a now go to virtual nodes (ECI). Running pods stay where they are.");
  });

  it("records a failure in English and answers it in Chinese; input errors keep their fields, worded", async () => {
    const failing = runAction({
      action: "save-it",
      permission: "view",
      schema,
      target: () => "configmap/x",
      run: async () => {
        throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
      },
    });
    const failed = await withLocale("zh-CN", () => failing(actor("viewer"), { cluster: "c1", namespace: "n" }));
    expect(failed).toMatchObject({ ok: false, error: { code: "ECONNREFUSED", title: "该端点 拒绝了连接" } });
    const [record] = await readActivity(1);
    expect(record).toMatchObject({ action: "save-it", result: "failed" });
    expect(record.message).toMatch(/^Connection refused by the endpoint\. Nothing is listening/);

    const refusedInput = runAction({
      action: "grant",
      permission: "view",
      schema,
      target: () => "secret/x",
      run: async () => {
        throw new InputError(words("errors.cloud.SignatureDoesNotMatch.titleEntered"), { accessKeySecret: words("errors.cloud.SignatureDoesNotMatch.titleEntered") });
      },
    });
    const input = await withLocale("zh-CN", () => refusedInput(actor("viewer"), { cluster: "c1", namespace: "n" }));
    expect(input).toMatchObject({ ok: false, fieldErrors: { accessKeySecret: "您输入的 AccessKey Secret 不属于该 AccessKey ID" } });
  });

  it("refuses a missing console role naming who, what and the groups that grant it, in either language", async () => {
    process.env.VNODE_OPERATOR_GROUPS = "ops";
    const en = authorize(actor("viewer"), "operate");
    expect(en).toMatchObject({
      code: "ConsoleRoleRequired",
      title: "Dana (dana) may not install, uninstall or change ack-virtual-node: this needs the console role operator",
    });
    expect(en?.whatToDo).toMatch(/^Your console role is viewer \(groups: dev\)\. /);
    const zh = withLocale("zh-CN", () => authorize(actor("viewer"), "operate"));
    expect(zh?.title).toBe("Dana（dana）无权安装、卸载或修改 ack-virtual-node：这需要控制台角色 operator");
    expect(zh?.whatToDo).toContain("您的控制台角色是 viewer（所在组：dev）");
  });

  it("words a form's zod issues in the caller's language", async () => {
    const run = runAction({ action: "x", permission: "view", schema, target: () => "x", run: async () => ({ data: null, message: "ok" }) });
    const bad = await withLocale("zh-CN", () => run(actor("viewer"), { cluster: "c1" }));
    expect(bad).toMatchObject({ ok: false, error: { code: "InvalidInput", title: "部分字段需要修改" } });
  });
});
