import "server-only";
import { authConfig } from "@/lib/auth/config";
import { sessionRevocations } from "@/lib/auth/revocations";
import { readConsoleConfig, updateConsoleConfig } from "@/lib/console-config/store";
import { ConsoleError, words } from "@/lib/errors";
import { appendActivityFile, readActivityFile } from "./file-activity";
import type { ConsoleStateStore } from "./types";

const key = Symbol.for("vnode-console.running-actions");
const shared = globalThis as typeof globalThis & { [key]?: Set<string> };

/** Laptop mode, one console process: the config file, VNODE_SESSION_SECRET, memory, activity.jsonl. */
export function fileState(): ConsoleStateStore {
  // On globalThis: every route bundle of this process must see the same running actions.
  shared[key] ??= new Set<string>();
  const running = shared[key];
  return {
    kind: "file",
    config: { read: readConsoleConfig, update: updateConsoleConfig },
    sessionKeys: {
      signing: async () => authConfig.sessionSecret(),
      verifying: async () => [authConfig.sessionSecret()],
      rotate: async () => {
        throw new ConsoleError({
          code: "SessionKeyNotRotatable",
          title: words("server.state.sessionKeyFromEnv.title"),
          whatToDo: words("server.state.sessionKeyFromEnv.whatToDo"),
          retryable: false,
        });
      },
    },
    revocations: sessionRevocations,
    actionLocks: {
      // No await before the add: checking and taking the lock cannot interleave with another call.
      tryAcquire: async (cluster) => {
        if (running.has(cluster)) return null;
        running.add(cluster);
        return async () => {
          running.delete(cluster);
        };
      },
    },
    activity: { append: appendActivityFile, read: readActivityFile },
    close: () => undefined,
  };
}
