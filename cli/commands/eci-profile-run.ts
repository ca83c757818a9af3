import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Command } from "commander";
import { parse as parseYaml, stringify } from "yaml";
import { z } from "zod";
import { KNOWN_KEYS, eciProfileFormSchema, isKnownKey, parseEciProfile, toConfigMapData, type EciProfileFields } from "@/lib/eci-profile";
import { runCliAction } from "@/lib/server/cli-session";
import { checkEciProfile, loadEciProfile, saveEciProfileSpec } from "@/lib/server/eci-profile";
import type { ConsoleCluster } from "@/lib/server/clusters";
import { CliError, EXIT } from "../exit-codes";
import { dataDiff, splitFlagList } from "../format";
import { t, warningLine } from "../i18n";
import { clusterFor, failed, forContexts, format, type ContextResult, type GlobalOptions } from "../runtime";

const saveSchema = z.object({ cluster: z.string(), resourceVersion: z.string().min(1), fields: eciProfileFormSchema, forceKeys: z.array(z.enum(KNOWN_KEYS)).default([]) });

async function current(cluster: ConsoleCluster) {
  const read = await loadEciProfile(cluster);
  if (!read.ok) throw new CliError(read.message, EXIT.failure, "ReadFailed");
  if (!read.snapshot) throw new CliError(t("cli.eciProfile.notExists", { cluster: cluster.id }), EXIT.notFound, "NotInstalled");
  return read.snapshot;
}

/** Validates as the form does, shows the diff, and writes unless --dry-run; conflicts and bad input exit non-zero. */
async function apply(
  cluster: ConsoleCluster,
  snapshot: { resourceVersion: string; data: Record<string, string> },
  fields: EciProfileFields,
  dryRun: boolean,
): Promise<ContextResult> {
  const after = toConfigMapData(fields, snapshot.data);
  const diff = dataDiff(snapshot.data, after);
  const findings = await checkEciProfile(cluster, fields);
  if (findings.errors.length) {
    throw new CliError(`${t("cli.eciProfile.needsChange")}${findings.errors.map((e) => `\n  ${e.field}: ${e.message}`).join("")}`, EXIT.usage, "InvalidInput");
  }
  const warnings = findings.warnings.map((w) => warningLine(`${w.field}: ${w.message}`));
  const base = { context: cluster.id, diff, warnings: findings.warnings };
  if (diff.length === 0)
    return {
      context: cluster.id,
      exitCode: EXIT.ok,
      summary: t("cli.eciProfile.unchangedSummary"),
      lines: [t("cli.eciProfile.alreadyHolds"), ...warnings],
      data: { ...base, changed: false },
    };
  if (dryRun)
    return {
      context: cluster.id,
      exitCode: EXIT.ok,
      summary: t("cli.eciProfile.dryRunSummary"),
      lines: [...diff, ...warnings, t("cli.eciProfile.dryRunDone")],
      data: { ...base, changed: false, dryRun: true },
    };
  const result = await runCliAction(saveEciProfileSpec, saveSchema, { cluster: cluster.id, resourceVersion: snapshot.resourceVersion, fields, forceKeys: [] });
  if (!result.ok) throw failed(result);
  if (result.data.kind === "conflict") throw new CliError(t("cli.eciProfile.conflict", { message: result.message }), EXIT.conflict, "Conflict");
  return {
    context: cluster.id,
    exitCode: EXIT.ok,
    summary: result.data.kind,
    lines: [...diff, ...warnings, result.message],
    data: { ...base, changed: result.data.kind === "saved", resourceVersion: "snapshot" in result.data ? result.data.snapshot.resourceVersion : undefined },
  };
}

type SetOptions = GlobalOptions & {
  vswitchIds?: string;
  securityGroup?: string;
  vpcId?: string;
  resourceGroup?: string;
  enableClusterIp?: string;
  enableHybridMode?: string;
  enablePrivateZone?: string;
  dryRun?: boolean;
};

const bool = (flag: string, value: string | undefined, fallback: boolean) => {
  if (value === undefined) return fallback;
  if (value === "true" || value === "false") return value === "true";
  throw new CliError(t("cli.eciProfile.notBool", { flag, value }), EXIT.usage, "Usage");
};

export async function getCommand(cmd: Command): Promise<void> {
  process.exitCode = await forContexts(cmd.optsWithGlobals(), async (context) => {
    const cluster = await clusterFor(context);
    const snapshot = await current(cluster);
    const parsed = parseEciProfile(snapshot.data);
    return {
      context: cluster.id,
      exitCode: EXIT.ok,
      summary: snapshot.resourceVersion,
      lines: [
        ...Object.keys(snapshot.data)
          .sort()
          .map((k) => `${k}: ${snapshot.data[k]}`),
        ...parsed.problems.map((p) => warningLine(p.message)),
      ],
      data: {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "eci-profile", namespace: "kube-system", resourceVersion: snapshot.resourceVersion },
        data: snapshot.data,
      },
    };
  });
}

export async function setCommand(cmd: Command): Promise<void> {
  const opts = cmd.optsWithGlobals<SetOptions>();
  const given = [opts.vswitchIds, opts.securityGroup, opts.vpcId, opts.resourceGroup, opts.enableClusterIp, opts.enableHybridMode, opts.enablePrivateZone];
  if (given.every((v) => v === undefined)) throw new CliError(t("cli.eciProfile.nothingToSet"), EXIT.usage, "Usage");
  process.exitCode = await forContexts(opts, async (context) => {
    const cluster = await clusterFor(context);
    const snapshot = await current(cluster);
    const f = parseEciProfile(snapshot.data).profile;
    const fields: EciProfileFields = {
      vpcId: opts.vpcId ?? f.vpcId,
      vSwitchIds: opts.vswitchIds !== undefined ? splitFlagList(opts.vswitchIds) : f.vSwitchIds,
      securityGroupId: opts.securityGroup ?? f.securityGroupId,
      resourceGroupId: opts.resourceGroup ?? f.resourceGroupId,
      enableClusterIp: bool("--enable-cluster-ip", opts.enableClusterIp, f.enableClusterIp),
      enableHybridMode: bool("--enable-hybrid-mode", opts.enableHybridMode, f.enableHybridMode),
      enablePrivateZone: bool("--enable-private-zone", opts.enablePrivateZone, f.enablePrivateZone),
      selectors: f.selectors,
    };
    return apply(cluster, snapshot, fields, Boolean(opts.dryRun));
  });
}

export async function editCommand(cmd: Command): Promise<void> {
  const opts = cmd.optsWithGlobals<GlobalOptions & { dryRun?: boolean }>();
  process.exitCode = await forContexts(opts, async (context) => {
    const cluster = await clusterFor(context);
    const snapshot = await current(cluster);
    const dir = await mkdtemp(path.join(os.tmpdir(), "vnode-edit-"));
    const file = path.join(dir, "eci-profile.yaml");
    try {
      const header = `${t("cli.eciProfile.editHeader", { cluster: cluster.id, resourceVersion: snapshot.resourceVersion })}\n`;
      await writeFile(file, `${header}${stringify(snapshot.data)}`, { mode: 0o600 });
      const editor = process.env.VISUAL || process.env.EDITOR || "vi";
      const ran = spawnSync(`${editor} "${file}"`, { stdio: "inherit", shell: true });
      if (ran.status !== 0) throw new CliError(t("cli.eciProfile.editorFailed", { editor, status: String(ran.status ?? ran.signal) }), EXIT.failure, "EditorFailed");
      let edited: unknown;
      try {
        edited = parseYaml(await readFile(file, "utf8"));
      } catch (error) {
        throw new CliError(t("cli.eciProfile.notYaml", { detail: (error as Error).message.split("\n")[0] }), EXIT.usage, "InvalidInput");
      }
      const data = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).safeParse(edited ?? {});
      if (!data.success) throw new CliError(t("cli.eciProfile.notMap"), EXIT.usage, "InvalidInput");
      if (dataDiff(snapshot.data, data.data).length === 0)
        return {
          context: cluster.id,
          exitCode: EXIT.ok,
          summary: t("cli.eciProfile.cancelledSummary"),
          lines: [t("cli.eciProfile.cancelled")],
          data: { context: cluster.id, changed: false },
        };
      const otherChanged = Object.keys({ ...snapshot.data, ...data.data }).filter((k) => !isKnownKey(k) && snapshot.data[k] !== data.data[k]);
      if (otherChanged.length) throw new CliError(t("cli.eciProfile.otherKeys", { keys: otherChanged.join(", ") }), EXIT.usage, "InvalidInput");
      const parsed = parseEciProfile(data.data);
      if (parsed.problems.length)
        throw new CliError(`${t("cli.eciProfile.notChanged")}${parsed.problems.map((p) => `\n  ${p.key}: ${p.message}`).join("")}`, EXIT.usage, "InvalidInput");
      if (format(opts) === "text") process.stderr.write(`${t("cli.eciProfile.checking")}\n`);
      // Awaited here: the finally below must not leave its rejection unhandled while it cleans up.
      return await apply(cluster, snapshot, parsed.profile, Boolean(opts.dryRun));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
