import type { Command } from "commander";
import { z } from "zod";
import { automaticGrantSpec, manualGrantSpec } from "@/lib/server/addon-actions";
import { runCliAction } from "@/lib/server/cli-session";
import { revokeRamUserSpec, showRamUser } from "@/lib/server/ram-user";
import { CliError, EXIT } from "../exit-codes";
import { table } from "../format";
import { clusterFor, confirm, failed, forContexts, readStdin, requireLink, type ContextResult, type GlobalOptions } from "../runtime";
import { ADDON, requireAddonName, withGlobals } from "./shared";

const automaticSchema = z.object({ cluster: z.string(), replaceExisting: z.boolean(), rotate: z.boolean(), sourceCidrs: z.array(z.string()).optional() });
const manualSchema = z.object({
  cluster: z.string(),
  accessKeyId: z.string().trim().min(1, "Pass --access-key-id."),
  accessKeySecret: z.string().trim().min(1, "The AccessKey secret read from stdin is empty."),
  replaceExisting: z.boolean(),
  sourceCidrs: z.array(z.string()).optional(),
});

type GrantOptions = GlobalOptions & { addon: string; rotate?: boolean; accessKeyId?: string; accessKeySecretStdin?: boolean; sourceCidr?: string[] };

async function grantAutomatic(context: string | undefined, opts: GrantOptions): Promise<ContextResult> {
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

async function grantManual(context: string | undefined, opts: GrantOptions): Promise<ContextResult> {
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

async function show(context: string | undefined): Promise<ContextResult> {
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

async function revoke(context: string | undefined, opts: GlobalOptions): Promise<ContextResult> {
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

export function registerRamUser(program: Command) {
  const ram = program.command("ram-user").description("Grant ack-virtual-node its RAM permissions (as `onectl ram-user`), show or revoke them");

  withGlobals(ram.command("grant"), { allContexts: true })
    .description("Create the add-on's RAM user, attach its policy and write an AccessKey into kube-system/alibaba-addon-secret (safe to repeat)")
    .requiredOption("--addon <name>", `the add-on to grant (${ADDON})`)
    .option("--rotate", "replace the AccessKey with a new one (the controller is rolled onto it before the old one is deleted)")
    .option("--access-key-id <id>", "manual path: write your own AccessKey pair instead (needs --access-key-secret-stdin)")
    .option("--access-key-secret-stdin", "read the AccessKey secret from stdin (never from the command line or shell history)")
    .option("--source-cidr <cidr...>", "only allow the add-on's key from these networks (RAM user keys only)")
    .addHelpText(
      "after",
      `
Examples:
  vnode ram-user grant --addon ack-virtual-node
  vnode ram-user grant --addon ack-virtual-node --context prod --rotate
  vnode ram-user grant --addon ack-virtual-node --all-contexts
  pass show ack/addon-secret | vnode ram-user grant --addon ack-virtual-node --access-key-id LTAI5t... --access-key-secret-stdin`,
    )
    .action(async (_args, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GrantOptions>();
      requireAddonName(opts.addon);
      if (opts.accessKeySecretStdin && !opts.accessKeyId) throw new CliError("--access-key-secret-stdin needs --access-key-id.", EXIT.usage, "Usage");
      if (opts.accessKeyId && opts.allContexts) throw new CliError("The manual path writes one key into one cluster: use --context, not --all-contexts.", EXIT.usage, "Usage");
      if (opts.accessKeyId && opts.rotate) throw new CliError("--rotate creates a new key of the add-on's RAM user; it does not apply to your own key.", EXIT.usage, "Usage");
      process.exitCode = await forContexts(opts, (context) => (opts.accessKeyId ? grantManual(context, opts) : grantAutomatic(context, opts)));
    });

  withGlobals(ram.command("show"))
    .description("Show the add-on's RAM user, its policies and AccessKeys (masked), and what alibaba-addon-secret holds")
    .addHelpText("after", "\nExamples:\n  vnode ram-user show\n  vnode ram-user show --context prod -o json")
    .action(async (_args, cmd: Command) => {
      process.exitCode = await forContexts(cmd.optsWithGlobals(), show);
    });

  withGlobals(ram.command("revoke"), { yes: true })
    .description("Delete alibaba-addon-secret, the RAM user's AccessKeys, its policy attachments and the RAM user (asks first)")
    .addHelpText("after", "\nExamples:\n  vnode ram-user revoke\n  vnode ram-user revoke --context staging --yes")
    .action(async (_args, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      process.exitCode = await forContexts(opts, (context) => revoke(context, opts));
    });
}
