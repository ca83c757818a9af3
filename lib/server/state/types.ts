import type { AuditEntry } from "@/lib/audit/entry";
import type { SessionRevocations } from "@/lib/auth/revocations";
import type { ConsoleConfig } from "@/lib/console-config/schema";

/**
 * Everything the console remembers between requests, behind one interface with two implementations: files and this
 * process's memory (one console on a laptop), or objects in Kubernetes shared by every replica (in the cluster).
 */
export interface ConsoleStateStore {
  readonly kind: "file" | "kubernetes";
  /** Cluster links and console settings. */
  config: {
    read(): Promise<ConsoleConfig>;
    /** Read-modify-write that never loses a concurrent change (serialized, or retried on a conflict). */
    update(change: (config: ConsoleConfig) => ConsoleConfig): Promise<ConsoleConfig>;
  };
  /** The keys that sign session cookies: sign with the newest, verify with any still valid. */
  sessionKeys: {
    signing(): Promise<string>;
    /** `refresh`: re-read now (a cookie failed: the key may have been rotated by another replica); rate-limited. */
    verifying(options?: { refresh?: boolean }): Promise<string[]>;
    /** Makes a new signing key; the previous ones keep verifying until their cookies expire. */
    rotate(): Promise<void>;
  };
  /** Sessions signed out before their cookie expires. */
  revocations: SessionRevocations;
  /** One grant, install or uninstall at a time per cluster. */
  actionLocks: {
    /** The function that releases the lock, or null when another action holds it. */
    tryAcquire(cluster: string): Promise<(() => Promise<void>) | null>;
  };
  /** The Activity trail. */
  activity: {
    append(entry: AuditEntry): Promise<void>;
    /** The newest records first. */
    read(limit: number): Promise<AuditEntry[]>;
  };
  /** Stops background work (timers); for tests and shutdown. */
  close(): void;
}
