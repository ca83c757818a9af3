import "server-only";
import os from "node:os";
import { currentContextName, kubeContexts } from "@/lib/k8s/kubeconfig";
import { runAction, type Actor, type SpecWithoutSchema } from "./action-runner";
import type { z } from "zod";
import type { ActionResult } from "@/lib/action-result";

// The `vnode` command line's door to lib/server: no web session; the caller is the OS user on this host, and every
// action goes through the same runner (cluster → act → audit) as the console's server actions.

/** The OS user as an Actor: audit records and Kubernetes Events name them `cli:<user>@<host>`. */
export function cliActor(): Actor {
  let user = process.env.USER ?? "unknown";
  try {
    user = os.userInfo().username;
  } catch {
    // No passwd entry (some containers): $USER is what we have.
  }
  const username = `cli:${user}@${os.hostname()}`;
  // The caller acts with their own kubeconfig and cloud credentials: Kubernetes and RAM decide, as for kubectl and
  // onectl; the console role is not theirs to hold back.
  return {
    subject: username,
    sessionId: `cli-${process.pid}`,
    identity: { username, subject: username, displayName: user, groups: [], kind: "cli" },
    role: "admin",
    clientAddress: "local",
  };
}

/** Runs an action declaration as the CLI's actor, with the caller's schema for its input. */
export function runCliAction<S extends z.ZodType<{ cluster: string }>, T>(spec: SpecWithoutSchema<z.output<S>, T>, schema: S, input: z.input<S>): Promise<ActionResult<T>> {
  return runAction({ ...spec, schema } as never)(cliActor(), input) as Promise<ActionResult<T>>;
}

/** The context a command acts on: --context, else the kubeconfig's current-context. */
export function contextOrCurrent(context: string | undefined): string | undefined {
  return context ?? currentContextName();
}

export const contextNames = () => kubeContexts().map((c) => c.context);

export { CloudNotConfiguredError, cloudConfigured } from "@/lib/alicloud/clients";
