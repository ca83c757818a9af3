import "server-only";
// The Add-ons page's actions as declarations (what, who may, how errors are worded, the body), shared by the web's
// server actions (app/…/addons/actions.ts adds its form schemas) and the `vnode` command line (cli-actions.ts).
import { ConsoleError, errorSentence, explainError } from "@/lib/errors";
import type { Done, SpecWithoutSchema } from "./action-runner";
import { deleteVirtualNode, runAddonTask } from "./addon";
import { automaticGrant, type AutomaticGrantOutcome } from "./automatic-grant";
import { manualGrant, type ManualGrantOutcome } from "./manual-grant";

export { automaticGrant, type AutomaticGrantOutcome } from "./automatic-grant";
export { manualGrant, type ManualGrantOutcome } from "./manual-grant";
export { deleteVirtualNode, runAddonTask } from "./addon";

const SECRET = "secret/alibaba-addon-secret";
const CONFIRM = "alibaba-addon-secret already holds another AccessKey: confirm to replace it.";

export type AutomaticGrantInput = { cluster: string; replaceExisting: boolean; rotate: boolean; sourceCidrs?: string[] };
export type ManualGrantInput = { cluster: string; accessKeyId: string; accessKeySecret: string; replaceExisting: boolean; sourceCidrs?: string[] };

/** Step 1, automatic: the RAM user, policy and attachment, and an AccessKey written into alibaba-addon-secret. */
export const automaticGrantSpec: SpecWithoutSchema<AutomaticGrantInput, AutomaticGrantOutcome> = {
  action: (input) => (input.rotate ? "rotate-access-key" : "grant-ram"),
  permission: "admin",
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
};

/** Step 1, manual: the user's own AccessKey pair, proven and written; says which permissions it lacks. */
export const manualGrantSpec: SpecWithoutSchema<ManualGrantInput, ManualGrantOutcome> = {
  action: "write-addon-secret",
  permission: "admin",
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
};

/** InstallClusterAddons / UnInstallClusterAddons through ACK, unless the add-on is already there (or gone). */
export const addonTaskSpec = (kind: "install" | "uninstall"): SpecWithoutSchema<{ cluster: string }, { taskId?: string; changed: boolean }> => ({
  action: `${kind}-addon`,
  permission: "operate",
  target: () => "addon/ack-virtual-node",
  needsLink: true,
  exclusive: true,
  errorContext: () => ({ action: kind === "install" ? "cs:InstallClusterAddons" : "cs:UnInstallClusterAddons", principal: "console" }),
  async run({ cluster }) {
    const outcome = await runAddonTask(cluster, kind);
    return {
      data: { taskId: outcome.taskId, changed: outcome.changed },
      message: outcome.message,
      audit: outcome.changed ? "succeeded" : kind === "install" ? "unchanged" : "none",
    };
  },
});

/** `kubectl delete node` for virtual nodes left behind after an uninstall, one or all; each deletion is audited. */
export const deleteVirtualNodesSpec: SpecWithoutSchema<{ cluster: string; names: string[] }, { deleted: string[] }> = {
  action: "delete-virtual-node",
  permission: "operate",
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
};
