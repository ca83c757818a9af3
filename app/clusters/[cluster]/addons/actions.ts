"use server";

import { automaticGrant, deleteVirtualNode, manualGrant, runAddonTask, type AutomaticGrantOutcome, type ManualGrantOutcome } from "@/lib/server/addon-actions";
import { defineAction, type Done } from "@/lib/server/guard";
import { ConsoleError, errorSentence, explainError } from "@/lib/errors";
import { addonOperationSchema, automaticGrantSchema, deleteVirtualNodesSchema, manualGrantSchema } from "./schema";

const SECRET = "secret/alibaba-addon-secret";
const CONFIRM = "alibaba-addon-secret already holds another AccessKey: confirm to replace it.";

/** Step 1, automatic: the RAM user, policy and attachment, and an AccessKey written into alibaba-addon-secret. */
export const grantAutomatically = defineAction({
  action: (input) => (input.rotate ? "rotate-access-key" : "grant-ram"),
  permission: "admin",
  schema: automaticGrantSchema,
  target: () => SECRET,
  needsLink: true,
  exclusive: true,
  errorContext: () => ({ action: "ram:grant", principal: "console" }),
  async run({ input, cluster, actor }): Promise<Done<AutomaticGrantOutcome>> {
    const outcome: AutomaticGrantOutcome = await automaticGrant({
      cluster: cluster.id,
      ackClusterId: cluster.link!.ackClusterId,
      who: actor.subject,
      replaceExisting: input.replaceExisting,
      rotate: input.rotate,
      sourceCidrs: input.sourceCidrs,
    });
    if (outcome.kind === "needs-confirmation") return { data: outcome, message: CONFIRM, audit: "none" };
    const unchanged = outcome.changes.length === 0;
    const message = unchanged
      ? `Nothing to change: RAM user ${outcome.userName} has ${outcome.policyName}, and alibaba-addon-secret holds its AccessKey ${outcome.accessKeyId}.`
      : `Ram policy ${outcome.policyName} granted to ram user ${outcome.userName} successfully: ${outcome.changes.join("; ")}.`;
    return { data: outcome, message: outcome.warning ? `${message} ${outcome.warning}` : message, audit: unchanged ? "unchanged" : "succeeded" };
  },
});

/** Step 1, manual: the user's own AccessKey pair, proven and written; says which permissions it lacks. */
export const grantManually = defineAction({
  action: "write-addon-secret",
  permission: "admin",
  schema: manualGrantSchema,
  target: () => SECRET,
  exclusive: true,
  errorContext: () => ({ action: "sts:GetCallerIdentity", principal: "entered" }),
  async run({ input, cluster, actor }): Promise<Done<ManualGrantOutcome>> {
    const outcome: ManualGrantOutcome = await manualGrant({
      cluster: cluster.id,
      accessKeyId: input.accessKeyId,
      accessKeySecret: input.accessKeySecret,
      who: actor.subject,
      replaceExisting: input.replaceExisting,
      sourceCidrs: input.sourceCidrs,
    });
    if (outcome.kind === "needs-confirmation") return { data: outcome, message: CONFIRM, audit: "none" };
    const missing = outcome.coverage?.missing ?? [];
    const message =
      `AccessKey ${outcome.accessKeyId} written to kube-system/alibaba-addon-secret${outcome.owner ? ` (RAM user ${outcome.owner})` : ""}.` +
      (outcome.coverage
        ? missing.length
          ? ` Missing permissions: attach ${missing.join(", ")} to ${outcome.owner}.`
          : " Its policies cover what ack-virtual-node needs."
        : " Its owner is not a RAM user, so its permissions could not be checked.") +
      (outcome.warning ? ` ${outcome.warning}` : "");
    return { data: outcome, message };
  },
});

const addonTask = (kind: "install" | "uninstall") =>
  defineAction({
    action: `${kind}-addon`,
    permission: "operate",
    schema: addonOperationSchema,
    target: () => "addon/ack-virtual-node",
    needsLink: true,
    exclusive: true,
    errorContext: () => ({ action: kind === "install" ? "cs:InstallClusterAddons" : "cs:UnInstallClusterAddons", principal: "console" }),
    async run({ cluster }) {
      const outcome = await runAddonTask(cluster, kind);
      return { data: { taskId: outcome.taskId }, message: outcome.message, audit: outcome.changed ? "succeeded" : kind === "install" ? "unchanged" : "none" };
    },
  });

export const installVirtualNodeAddon = addonTask("install");
export const uninstallVirtualNodeAddon = addonTask("uninstall");

/** `kubectl delete node` for virtual nodes left behind after an uninstall, one or all; each deletion is audited. */
export const deleteVirtualNodes = defineAction({
  action: "delete-virtual-node",
  permission: "operate",
  schema: deleteVirtualNodesSchema,
  target: (input) => `node/${input.names.join(",")}`,
  auditsItself: true,
  errorContext: () => ({ action: "delete nodes" }),
  async run({ input, cluster, audit }) {
    const deleted: string[] = [];
    for (const name of input.names) {
      try {
        await deleteVirtualNode(cluster.id, name);
      } catch (error) {
        const explained = explainError(error, { action: "delete nodes", resource: `node/${name}` });
        await audit({ target: `node/${name}`, result: "failed", message: errorSentence(explained) });
        throw new ConsoleError({ ...explained, whatToDo: `${deleted.length ? `Deleted ${deleted.join(", ")} before it. ` : "Nothing was deleted. "}${explained.whatToDo}` });
      }
      deleted.push(name);
      await audit({ target: `node/${name}`, result: "succeeded", message: `Deleted virtual node ${name}.` });
    }
    return { data: { deleted }, message: `Deleted ${deleted.join(", ")}.`, audit: "none" };
  },
});
