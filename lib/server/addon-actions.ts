import "server-only";
// The Add-ons page's actions as declarations (what, who may, how errors are worded, the body), shared by the web's
// server actions (app/…/addons/actions.ts adds its form schemas) and the `vnode` command line (cli-actions.ts).
import { ConsoleError, errorSentence, explainError, say, words, type Words } from "@/lib/errors";
import { translatorFor } from "@/lib/i18n/translator";
import type { Done, SpecWithoutSchema } from "./action-runner";
import { deleteVirtualNode, runAddonTask } from "./addon";
import { automaticGrantResult, sayAutomaticGrant, type AutomaticGrantOutcome } from "./automatic-grant";
import { manualGrantResult, sayManualGrant, type ManualGrantOutcome } from "./manual-grant";

export { automaticGrant, sayAutomaticGrant, type AutomaticGrantOutcome } from "./automatic-grant";
export { manualGrant, sayManualGrant, type ManualGrantOutcome } from "./manual-grant";
export { deleteVirtualNode, runAddonTask } from "./addon";

const SECRET = "secret/alibaba-addon-secret";
const CONFIRM = words("server.grant.confirmReplace");

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
    const result = await automaticGrantResult({
      cluster: cluster.id,
      ackClusterId: cluster.link!.ackClusterId,
      who: actor.subject,
      replaceExisting: input.replaceExisting,
      rotate: input.rotate,
      sourceCidrs: input.sourceCidrs,
    });
    if (result.kind === "needs-confirmation") return { data: result, message: CONFIRM, audit: "none" };
    const { userName, policyName, accessKeyId, changes, warning } = result;
    const unchanged = changes.length === 0;
    const message = unchanged
      ? words("server.grant.nothingToChange", { userName, policyName, accessKeyId })
      : words("server.grant.granted", { userName, policyName, changes: { join: changes, by: "; " } });
    return {
      data: sayAutomaticGrant(result),
      message: warning ? words("server.grant.sentences", { sentences: { join: [message, warning], by: " " } }) : message,
      audit: unchanged ? "unchanged" : "succeeded",
    };
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
    const result = await manualGrantResult({
      cluster: cluster.id,
      accessKeyId: input.accessKeyId,
      accessKeySecret: input.accessKeySecret,
      who: actor.subject,
      replaceExisting: input.replaceExisting,
      sourceCidrs: input.sourceCidrs,
    });
    if (result.kind === "needs-confirmation") return { data: result, message: CONFIRM, audit: "none" };
    const { accessKeyId, owner, coverage, warning } = result;
    const missing = coverage?.missing ?? [];
    const sentences: Words[] = [
      owner ? words("server.grant.writtenOwner", { accessKeyId, owner }) : words("server.grant.written", { accessKeyId }),
      coverage
        ? missing.length
          ? words("server.grant.missing", { missing: missing.join(", "), owner: owner ?? "" })
          : words("server.grant.covers")
        : words("server.grant.notRamUser"),
      ...(warning ? [warning] : []),
    ];
    return { data: sayManualGrant(result), message: words("server.grant.sentences", { sentences: { join: sentences, by: " " } }) };
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
        const context = { action: "delete nodes", resource: `node/${name}` };
        const english = translatorFor("en");
        // The audit record in English (read by everyone); the person is told in their language.
        await audit({ target: `node/${name}`, result: "failed", message: errorSentence(explainError(error, context, english), english) });
        const explained = explainError(error, context);
        const before = deleted.length ? words("server.nodes.deletedBefore", { names: deleted.join(", ") }) : words("server.nodes.nothingDeleted");
        throw new ConsoleError({ ...explained, whatToDo: `${say(before)}${explained.whatToDo}` });
      }
      deleted.push(name);
      await audit({ target: `node/${name}`, result: "succeeded", message: words("server.nodes.deletedOne", { name }) });
    }
    return { data: { deleted }, message: words("server.nodes.deleted", { names: deleted.join(", ") }), audit: "none" };
  },
};
