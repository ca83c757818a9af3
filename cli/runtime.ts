// What every command shares: which context, how results are printed, confirmations, progress, --all-contexts.
import { createInterface } from "node:readline/promises";
import type { ActionResult } from "@/lib/action-result";
import { errorSentence, explainError } from "@/lib/errors";
import { CloudNotConfiguredError, cloudConfigured, contextNames, contextOrCurrent } from "@/lib/server/cli-session";
import { getConsoleCluster, type ConsoleCluster } from "@/lib/server/clusters";
import { CliError, EXIT, exitCodeFor, type ExitCode } from "./exit-codes";
import { parseOutputFormat, serialize, table, type OutputFormat } from "./format";
import { errorLine, isYes, t } from "./i18n";
import { mapPool } from "./pool";

export interface GlobalOptions {
  kubeconfig?: string;
  context?: string;
  output?: string;
  allContexts?: boolean;
  concurrency?: string;
  yes?: boolean;
}

/** What a command did on one context: the exit code, the lines for people, the data for -o json|yaml. */
export interface ContextResult {
  context: string;
  exitCode: ExitCode;
  /** One line for the --all-contexts summary. */
  summary: string;
  /** Text output (stdout) for a single context. */
  lines: string[];
  data?: unknown;
}

export const format = (opts: GlobalOptions): OutputFormat => {
  try {
    return parseOutputFormat(opts.output);
  } catch (error) {
    throw new CliError((error as Error).message, EXIT.usage, "Usage");
  }
};

/** The context's console cluster (with its ACK link); an unknown name lists the ones there are. */
export async function clusterFor(context: string | undefined): Promise<ConsoleCluster> {
  const name = contextOrCurrent(context);
  if (!name) throw new CliError(t("cli.runtime.noCurrentContext"), EXIT.notFound, "NoContext");
  try {
    return await getConsoleCluster(name);
  } catch (error) {
    const explained = explainError(error);
    if (explained.code === "UnknownCluster") {
      throw new CliError(
        t("cli.runtime.unknownContext", {
          name,
          file: process.env.KUBECONFIG ?? "~/.kube/config",
          names: contextNames().join(", ") || t("cli.runtime.noContexts"),
        }),
        EXIT.notFound,
        "UnknownCluster",
      );
    }
    throw error;
  }
}

/** The cluster must be linked to its ACK One registered cluster for cloud operations. */
export function requireLink(cluster: ConsoleCluster) {
  if (!cluster.link && !cloudConfigured()) {
    const e = new CloudNotConfiguredError();
    throw new CliError(
      t("cli.runtime.cloudNotConfigured", {
        title: e.title,
        cluster: cluster.id,
        // The console's advice ends "… and restart it." (the console); a CLI user runs the command again instead.
        whatToDo: e.whatToDo.replace(/ and restart it\.$/, t("cli.runtime.runAgain")),
      }),
      EXIT.cloud,
      e.code,
    );
  }
  if (!cluster.link) throw new CliError(t("cli.runtime.notLinked", { cluster: cluster.id }), EXIT.refused, "ClusterNotLinked");
}

/** A failed action as a CliError: the console's wording, field messages as lines, the documented exit code. */
export function failed(result: Extract<ActionResult<unknown>, { ok: false }>): CliError {
  const fields = Object.entries(result.fieldErrors ?? {}).map(([field, message]) => `\n  ${field}: ${message}`);
  return new CliError(`${result.message}${fields.join("")}`, exitCodeFor(result.error, result.fieldErrors), result.error.code);
}

/** Any thrown error as a ContextResult: CliErrors keep their code, the rest go through the console's error mapping. */
export function resultOfError(context: string, error: unknown): ContextResult {
  if (error instanceof CliError) return { context, exitCode: error.exitCode, summary: error.message, lines: [], data: { error: { code: error.code, message: error.message } } };
  const explained = explainError(error);
  const message = errorSentence(explained);
  return { context, exitCode: exitCodeFor(explained), summary: message, lines: [], data: { error: { code: explained.code, message } } };
}

/** Yes unless the user says no; without a terminal to ask on, --yes is required. */
export async function confirm(question: string, opts: GlobalOptions): Promise<void> {
  if (opts.yes) return;
  if (!process.stdin.isTTY) throw new CliError(t("cli.runtime.noTerminal", { question }), EXIT.refused, "NotConfirmed");
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question(t("cli.runtime.prompt", { question }));
  rl.close();
  if (!isYes(answer)) throw new CliError(t("cli.runtime.notConfirmed"), EXIT.refused, "NotConfirmed");
}

/** All of stdin, without the final newline (for --access-key-secret-stdin: never on the command line). */
export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write(t("cli.runtime.secretPrompt"));
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** Progress on stderr: a spinner with the current phase on a terminal, a plain line per new phase otherwise. */
export function progress(enabled: boolean) {
  const tty = enabled && process.stderr.isTTY;
  let text = "";
  let frame = 0;
  const timer = tty
    ? setInterval(() => {
        frame = (frame + 1) % FRAMES.length;
        process.stderr.write(`\r\x1b[2K${FRAMES[frame]} ${text}`);
      }, 100)
    : undefined;
  return {
    update(next: string) {
      if (!enabled || next === text) return;
      text = next;
      if (!tty) process.stderr.write(`${next}\n`);
    },
    stop() {
      if (timer) {
        clearInterval(timer);
        process.stderr.write("\r\x1b[2K");
      }
    },
  };
}

/** Prints one context's result in the chosen format; returns its exit code. Errors go to stderr. */
export function printResult(result: ContextResult, fmt: OutputFormat): ExitCode {
  if (result.exitCode !== EXIT.ok && result.lines.length === 0) {
    if (fmt === "text") process.stderr.write(errorLine(result.summary));
    else process.stdout.write(`${serialize({ context: result.context, exitCode: result.exitCode, ...(result.data as object) }, fmt)}\n`);
    return result.exitCode;
  }
  if (fmt === "text") {
    if (result.lines.length) process.stdout.write(`${result.lines.join("\n")}\n`);
  } else process.stdout.write(`${serialize(result.data ?? { message: result.summary }, fmt)}\n`);
  return result.exitCode;
}

/**
 * Runs `work` on the chosen context, or on every context of the kubeconfig with --all-contexts (at most
 * --concurrency at once) and prints a summary table; the exit code is 1 when any context failed.
 */
export async function forContexts(opts: GlobalOptions, work: (context: string | undefined) => Promise<ContextResult>): Promise<ExitCode> {
  const fmt = format(opts);
  if (!opts.allContexts) {
    const context = contextOrCurrent(opts.context) ?? "";
    const result = await work(opts.context).catch((error: unknown) => resultOfError(context, error));
    return printResult(result, fmt);
  }
  if (opts.context) throw new CliError(t("cli.runtime.contextsExclusive"), EXIT.usage, "Usage");
  const contexts = contextNames();
  const limit = Number(opts.concurrency ?? 4);
  if (!Number.isInteger(limit) || limit < 1) throw new CliError(t("cli.runtime.badConcurrency", { value: String(opts.concurrency) }), EXIT.usage, "Usage");
  const results = await mapPool(contexts, limit, (context) => work(context).catch((error: unknown) => resultOfError(context, error)));
  const failedCount = results.filter((r) => r.exitCode !== EXIT.ok).length;
  if (fmt === "text") {
    process.stdout.write(
      `${table(
        [t("cli.runtime.contextHeader"), t("cli.runtime.resultHeader"), t("cli.runtime.messageHeader")],
        results.map((r) => [r.context, r.exitCode === EXIT.ok ? t("cli.runtime.ok") : t("cli.runtime.failed", { code: r.exitCode }), r.summary]),
      )}\n`,
    );
    process.stdout.write(`${t("cli.runtime.contextsSummary", { ok: results.length - failedCount, total: results.length, failed: failedCount })}\n`);
  } else {
    process.stdout.write(
      `${serialize({ contexts: results.map((r) => ({ context: r.context, exitCode: r.exitCode, summary: r.summary, data: r.data })), failed: failedCount }, fmt)}\n`,
    );
  }
  return failedCount ? EXIT.failure : EXIT.ok;
}
