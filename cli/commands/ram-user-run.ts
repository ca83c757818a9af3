import { z } from "zod";
import { automaticGrantSpec, manualGrantSpec } from "@/lib/server/addon-actions";
import { runCliAction } from "@/lib/server/cli-session";
import { revokeRamUserSpec, showRamUser } from "@/lib/server/ram-user";
import { CliError, EXIT } from "../exit-codes";
import { labelColumn, table } from "../format";
import { t, warningLine } from "../i18n";

export { forContexts } from "../runtime";
import { clusterFor, confirm, failed, readStdin, requireLink, type ContextResult, type GlobalOptions } from "../runtime";

const automaticSchema = z.object({ cluster: z.string(), replaceExisting: z.boolean(), rotate: z.boolean(), sourceCidrs: z.array(z.string()).optional() });
// Built when used: its messages are in the language main.ts chose.
const manualSchema = () =>
  z.object({
    cluster: z.string(),
    accessKeyId: z.string().trim().min(1, t("cli.ramUser.passAccessKeyId")),
    accessKeySecret: z.string().trim().min(1, t("cli.ramUser.emptySecret")),
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
      t("cli.ramUser.confirmReplace", {
        cluster: cluster.id,
        accessKeyId: d.existingAccessKeyId,
        writtenBy: d.writtenBy ? t("cli.ramUser.writtenBy", { who: d.writtenBy }) : "",
      }),
      opts,
    );
    result = await runCliAction(automaticGrantSpec, automaticSchema, { ...input, replaceExisting: true });
  }
  if (!result.ok) throw failed(result);
  const outcome = result.data;
  if (outcome.kind !== "done") throw new CliError(t("cli.ramUser.askedTwice"), EXIT.failure);
  // onectl's line, word for word and in English whatever the language, so scripts written for onectl keep matching.
  const line = `Ram policy ${outcome.policyName} granted to ram user ${outcome.userName} successfully.`; // i18n-ignore: onectl's output, matched by scripts
  const detail = outcome.changes.length
    ? outcome.changes.map((c) => `  ${c}`)
    : [t("cli.ramUser.nothingChanged", { userName: outcome.userName, policyName: outcome.policyName, accessKeyId: outcome.accessKeyId })];
  return {
    context: cluster.id,
    exitCode: EXIT.ok,
    summary: outcome.changes.length ? t("cli.ramUser.grantedSummary", { count: outcome.changes.length }) : t("cli.ramUser.grantedUnchangedSummary"),
    lines: [line, ...detail, ...(outcome.warning ? [warningLine(outcome.warning)] : [])],
    data: { context: cluster.id, ...outcome, changed: outcome.changes.length > 0 },
  };
}

export async function grantManual(context: string | undefined, opts: GrantOptions): Promise<ContextResult> {
  if (!opts.accessKeySecretStdin) throw new CliError(t("cli.ramUser.needsStdin"), EXIT.usage, "Usage");
  const secret = await readStdin();
  const cluster = await clusterFor(context);
  const input = { cluster: cluster.id, accessKeyId: opts.accessKeyId!, accessKeySecret: secret, replaceExisting: false, sourceCidrs: opts.sourceCidr };
  let result = await runCliAction(manualGrantSpec, manualSchema(), input);
  if (result.ok && result.data.kind === "needs-confirmation") {
    const d = result.data;
    await confirm(t("cli.ramUser.confirmReplaceManual", { cluster: cluster.id, existing: d.existingAccessKeyId, accessKeyId: opts.accessKeyId ?? "" }), opts);
    result = await runCliAction(manualGrantSpec, manualSchema(), { ...input, replaceExisting: true });
  }
  if (!result.ok) throw failed(result);
  const outcome = result.data;
  if (outcome.kind !== "done") throw new CliError(t("cli.ramUser.askedTwice"), EXIT.failure);
  const lines = [outcome.unchanged ? t("cli.ramUser.alreadyHolds", { accessKeyId: outcome.accessKeyId }) : result.message];
  if (outcome.unchanged && outcome.coverage?.missing.length)
    lines.push(t("cli.ramUser.missingPermissions", { policies: outcome.coverage.missing.join(", "), owner: String(outcome.owner) }));
  return { context: cluster.id, exitCode: EXIT.ok, summary: lines[0], lines, data: { context: cluster.id, ...outcome } };
}

export async function show(context: string | undefined): Promise<ContextResult> {
  const cluster = await clusterFor(context);
  requireLink(cluster);
  const view = await showRamUser(cluster);
  const [userL, policiesL, secretL] = [t("cli.ramUser.userLabel"), t("cli.ramUser.policiesLabel"), t("cli.ramUser.secretLabel")];
  const line = labelColumn([userL, policiesL, secretL], 3);
  const { secret } = view;
  const writtenBy = secret.writtenBy
    ? ` ${secret.writtenAt ? t("cli.ramUser.writtenByAt", { who: secret.writtenBy, at: secret.writtenAt }) : t("cli.ramUser.writtenByOnly", { who: secret.writtenBy })}`
    : "";
  const holds = secret.exists
    ? `${t("cli.ramUser.secretHolds", { accessKeyId: secret.accessKeyId ?? t("cli.ramUser.noAccessKeyId") })}${writtenBy}`
    : t("cli.ramUser.secretMissing");
  const lines = [
    line(userL, `${view.userName}${view.exists ? "" : ` ${t("cli.ramUser.userMissing")}`}`),
    line(policiesL, view.policies.join(", ") || "<none>"),
    line(secretL, `kube-system/alibaba-addon-secret ${holds}`),
    "",
    view.accessKeys.length
      ? table(
          [t("cli.ramUser.accessKeyHeader"), t("cli.ramUser.statusHeader"), t("cli.ramUser.createdHeader"), t("cli.ramUser.inSecretHeader")],
          view.accessKeys.map((k) => [k.accessKeyId, k.status, k.createDate, t(k.inSecret ? "cli.ramUser.yes" : "cli.ramUser.no")]),
        )
      : t("cli.ramUser.noAccessKeys"),
  ];
  return {
    context: cluster.id,
    exitCode: EXIT.ok,
    summary: view.exists ? t("cli.ramUser.showSummary", { userName: view.userName, count: view.accessKeys.length }) : t("cli.ramUser.noUserSummary"),
    lines,
    data: { context: cluster.id, ...view },
  };
}

export async function revoke(context: string | undefined, opts: GlobalOptions): Promise<ContextResult> {
  const cluster = await clusterFor(context);
  requireLink(cluster);
  const view = await showRamUser(cluster);
  if (view.exists || view.secret.exists) {
    await confirm(t("cli.ramUser.confirmRevoke", { cluster: cluster.id, count: view.accessKeys.length, userName: view.userName }), opts);
  }
  const result = await runCliAction(revokeRamUserSpec, z.object({ cluster: z.string() }), { cluster: cluster.id });
  if (!result.ok) throw failed(result);
  const { changes } = result.data;
  return { context: cluster.id, exitCode: EXIT.ok, summary: result.message, lines: [result.message], data: { context: cluster.id, ...result.data, changed: changes.length > 0 } };
}
