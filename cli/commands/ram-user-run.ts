import { z } from "zod";
import { automaticGrantSpec, manualGrantSpec } from "@/lib/server/addon-actions";
import { runCliAction } from "@/lib/server/cli-session";
import { revokeRamUserSpec, showRamUser } from "@/lib/server/ram-user";
import { CliError, EXIT } from "../exit-codes";
import { table } from "../format";

export { forContexts } from "../runtime";
import { clusterFor, confirm, failed, readStdin, requireLink, type ContextResult, type GlobalOptions } from "../runtime";

const automaticSchema = z.object({ cluster: z.string(), replaceExisting: z.boolean(), rotate: z.boolean(), sourceCidrs: z.array(z.string()).optional() });
const manualSchema = z.object({
  cluster: z.string(),
  accessKeyId: z.string().trim().min(1, "Pass --access-key-id."),
  accessKeySecret: z.string().trim().min(1, "The AccessKey secret read from stdin is empty."),
  replaceExisting: z.boolean(),
  sourceCidrs: z.array(z.string()).optional(),
});

export type GrantOptions = GlobalOptions & { addon: string; rotate?: boolean; accessKeyId?: string; accessKeySecretStdin?: boolean; sourceCidr?: string[] };

export async function grantAutomatic(context: string | undefined, opts: GrantOptions): Promise<ContextResult> {
  const cluster = await clusterFor(context);
  requireLink(cluster);
  const input = { cluster: cluster.id, replaceExisting: false, rotate: Boolean(opts.rotate), sourceCidrs: opts.sourceCidr };
  let result = await runCliAction(automaticGrantSpec, automaticSchema, input);
  if (result.ok && result.data.kind === "needs-confirmation") {
    const d = result.data;
    await confirm(
      `alibaba-addon-secret in ${cluster.id} holds AccessKey ${d.existingAccessKeyId}${d.writtenBy ? ` (written by ${d.writtenBy})` : ""}, not one of the add-on's RAM user. Replace it?`,
      opts,
    );
    result = await runCliAction(automaticGrantSpec, automaticSchema, { ...input, replaceExisting: true });
  }
  if (!result.ok) throw failed(result);
  const outcome = result.data;
  if (outcome.kind !== "done") throw new CliError("The grant asked for a confirmation twice; nothing more was changed.", EXIT.failure);
  // onectl's line, word for word, so scripts written for onectl keep matching.
  const line = `Ram policy ${outcome.policyName} granted to ram user ${outcome.userName} successfully.`;
  const detail = outcome.changes.length
    ? outcome.changes.map((c) => `  ${c}`)
    : [`Nothing changed: ${outcome.userName} already has ${outcome.policyName}, and alibaba-addon-secret holds its AccessKey ${outcome.accessKeyId}.`];
  return {
    context: cluster.id,
    exitCode: EXIT.ok,
    summary: outcome.changes.length ? `granted (${outcome.changes.length} changes)` : "granted, nothing changed",
    lines: [line, ...detail, ...(outcome.warning ? [`warning: ${outcome.warning}`] : [])],
    data: { context: cluster.id, ...outcome, changed: outcome.changes.length > 0 },
  };
}

export async function grantManual(context: string | undefined, opts: GrantOptions): Promise<ContextResult> {
  if (!opts.accessKeySecretStdin)
    throw new CliError("--access-key-id needs --access-key-secret-stdin: pipe the secret in, it never goes on the command line.", EXIT.usage, "Usage");
  const secret = await readStdin();
  const cluster = await clusterFor(context);
  const input = { cluster: cluster.id, accessKeyId: opts.accessKeyId!, accessKeySecret: secret, replaceExisting: false, sourceCidrs: opts.sourceCidr };
  let result = await runCliAction(manualGrantSpec, manualSchema, input);
  if (result.ok && result.data.kind === "needs-confirmation") {
    const d = result.data;
    await confirm(`alibaba-addon-secret in ${cluster.id} holds another AccessKey (${d.existingAccessKeyId}). Replace it with ${opts.accessKeyId}?`, opts);
    result = await runCliAction(manualGrantSpec, manualSchema, { ...input, replaceExisting: true });
  }
  if (!result.ok) throw failed(result);
  const outcome = result.data;
  if (outcome.kind !== "done") throw new CliError("The grant asked for a confirmation twice; nothing more was changed.", EXIT.failure);
  const lines = [outcome.unchanged ? `alibaba-addon-secret already holds AccessKey ${outcome.accessKeyId}: nothing changed.` : result.message];
  if (outcome.unchanged && outcome.coverage?.missing.length) lines.push(`Missing permissions: attach ${outcome.coverage.missing.join(", ")} to ${outcome.owner}.`);
  return { context: cluster.id, exitCode: EXIT.ok, summary: lines[0], lines, data: { context: cluster.id, ...outcome } };
}

export async function show(context: string | undefined): Promise<ContextResult> {
  const cluster = await clusterFor(context);
  requireLink(cluster);
  const view = await showRamUser(cluster);
  const lines = [
    `RAM user:   ${view.userName}${view.exists ? "" : " (does not exist: run `vnode ram-user grant --addon ack-virtual-node`)"}`,
    `Policies:   ${view.policies.join(", ") || "<none>"}`,
    `Secret:     kube-system/alibaba-addon-secret ${view.secret.exists ? `holds ${view.secret.accessKeyId ?? "no access-key-id"}${view.secret.writtenBy ? ` (written by ${view.secret.writtenBy}${view.secret.writtenAt ? ` at ${view.secret.writtenAt}` : ""})` : ""}` : "does not exist"}`,
    "",
    view.accessKeys.length
      ? table(
          ["ACCESS KEY", "STATUS", "CREATED", "IN SECRET"],
          view.accessKeys.map((k) => [k.accessKeyId, k.status, k.createDate, k.inSecret ? "yes" : "no"]),
        )
      : "No AccessKeys.",
  ];
  return {
    context: cluster.id,
    exitCode: EXIT.ok,
    summary: view.exists ? `${view.userName}, ${view.accessKeys.length} keys` : "no RAM user",
    lines,
    data: { context: cluster.id, ...view },
  };
}

export async function revoke(context: string | undefined, opts: GlobalOptions): Promise<ContextResult> {
  const cluster = await clusterFor(context);
  requireLink(cluster);
  const view = await showRamUser(cluster);
  if (view.exists || view.secret.exists) {
    await confirm(
      `Revoke ack-virtual-node's access in ${cluster.id}: delete alibaba-addon-secret, ${view.accessKeys.length} AccessKey(s) and RAM user ${view.userName}? Virtual nodes stop working until the next grant.`,
      opts,
    );
  }
  const result = await runCliAction(revokeRamUserSpec, z.object({ cluster: z.string() }), { cluster: cluster.id });
  if (!result.ok) throw failed(result);
  const { changes } = result.data;
  return { context: cluster.id, exitCode: EXIT.ok, summary: result.message, lines: [result.message], data: { context: cluster.id, ...result.data, changed: changes.length > 0 } };
}
