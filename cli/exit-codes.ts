// The `vnode` exit codes: stable, documented (cli/README-section.md), so scripts and pipelines can branch on them.
import type { ActionError } from "@/lib/action-result";

export const EXIT = {
  /** Done, or nothing needed to change. */
  ok: 0,
  /** Failed: a check failed, a Kubernetes or network error, a context of --all-contexts failed. */
  failure: 1,
  /** Usage: unknown flag, missing argument, invalid input (a wrong AccessKey secret, an unknown vSwitch). */
  usage: 2,
  /** Not found: the context, the add-on or eci-profile does not exist. */
  notFound: 3,
  /** Refused: not confirmed (no --yes), not allowed (permission), or not possible yet (cluster not linked). */
  refused: 4,
  /** Conflict: the object changed meanwhile, or another operation is running. */
  conflict: 5,
  /** Alibaba Cloud answered with an error or could not be reached (throttling, server error, no credentials). */
  cloud: 6,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const NOT_FOUND = new Set(["UnknownCluster", "NoContext", "k8s:NotFound", "AddonNotFound", "ErrorClusterNotFound", "NotInstalled"]);
const REFUSED = new Set(["ClusterNotLinked", "NotConfirmed", "SystemNamespace", "NotAVirtualNode", "AddonInstalled", "k8s:Forbidden", "k8s:Unauthorized"]);
const CONFLICT = new Set(["k8s:Conflict", "AlreadyRunning", "Conflict"]);

/** One exit code per structured error: what went wrong decides, the same code each time. */
export function exitCodeFor(error: Pick<ActionError, "code" | "source">, fieldErrors?: Record<string, string>): ExitCode {
  if (NOT_FOUND.has(error.code)) return EXIT.notFound;
  if ((fieldErrors && Object.keys(fieldErrors).length > 0) || error.code === "InvalidInput" || error.code === "Usage") return EXIT.usage;
  if (REFUSED.has(error.code) || /^(NoPermission|Forbidden)/.test(error.code)) return EXIT.refused;
  if (CONFLICT.has(error.code)) return EXIT.conflict;
  if (error.source === "cloud" || error.code === "CloudNotConfigured") return EXIT.cloud;
  return EXIT.failure;
}

/** A failure the CLI reports and exits with: the message says what happened and what to do. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly code = "Failed",
  ) {
    super(message);
    this.name = "CliError";
  }
}
