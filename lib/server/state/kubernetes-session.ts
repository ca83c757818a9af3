import "server-only";
import { randomBytes } from "node:crypto";
import type { CoreV1Api } from "@kubernetes/client-node";
import type { MemorySessionRevocations, SessionRevocations } from "@/lib/auth/revocations";
import { SESSION_TTL_SECONDS } from "@/lib/auth/session-cookie";
import { ConsoleError, words } from "@/lib/errors";
import { readStateObject, updateStateObject } from "@/lib/k8s/state-objects";
import { type KeyRing, needsRotation, parseKeyRing, rotate, signingKey, verifyingKeys } from "@/lib/state/key-ring";
import { addRevocation, parseRevocations } from "@/lib/state/revocation-list";

const TTL_MS = SESSION_TTL_SECONDS * 1000;
/** Where the key ring is kept in the session Secret, beside the chart's seed key. */
export const KEY_RING_FIELD = "keyring.json";
const REVOKED_FIELD = "revoked.json";

export interface SessionKeysOptions {
  core: CoreV1Api;
  namespace: string;
  secretName: string;
  /** The field of the Secret the chart fills with a random key: the ring's first key until the first rotation. */
  seedField: string;
  cacheMs: number;
  /** A signing key older than this is replaced (0: only on demand). */
  maxAgeMs: number;
  now?: () => number;
}

/** The key ring in a Secret the chart creates (the console may update it, never create Secrets). */
export class KubernetesSessionKeys {
  private ring?: KeyRing;
  private readAt = 0;
  private reading?: Promise<KeyRing>;
  private readonly now: () => number;

  constructor(private readonly o: SessionKeysOptions) {
    this.now = o.now ?? Date.now;
  }

  private ringFrom(data: Record<string, string>, createdAt?: Date): KeyRing {
    const ring = parseKeyRing(data[KEY_RING_FIELD]);
    if (ring) return ring;
    const seed = data[this.o.seedField];
    if (!seed || seed.length < 32) throw this.missing();
    return [{ id: "seed", secret: seed, createdAt: createdAt?.getTime() ?? 0 }];
  }

  private missing() {
    return new ConsoleError({
      code: "SessionKeyMissing",
      title: words("server.state.sessionKeyMissing.title", { secret: `${this.o.namespace}/${this.o.secretName}`, field: this.o.seedField }),
      whatToDo: words("server.state.sessionKeyMissing.whatToDo"),
      retryable: false,
    });
  }

  private async load(force: boolean): Promise<KeyRing> {
    if (this.ring && !force && this.now() - this.readAt < this.o.cacheMs) return this.ring;
    // One read at a time: a burst of requests after the cache expires makes one GET.
    this.reading ??= (async () => {
      try {
        const secret = await readStateObject(this.o.core, "Secret", this.o.namespace, this.o.secretName);
        if (!secret) throw this.missing();
        this.ring = this.ringFrom(secret.data, secret.createdAt);
        this.readAt = this.now();
        return this.ring;
      } finally {
        this.reading = undefined;
      }
    })();
    return this.reading;
  }

  async signing(): Promise<string> {
    const ring = await this.load(false);
    if (needsRotation(ring, this.now(), this.o.maxAgeMs)) return signingKey(await this.change(true)).secret;
    return signingKey(ring).secret;
  }

  async verifying(options: { refresh?: boolean } = {}): Promise<string[]> {
    // A failed cookie forces a re-read at most once a second: forged cookies cannot flood the apiserver.
    const force = options.refresh === true && this.now() - this.readAt >= 1000;
    return verifyingKeys(await this.load(force), this.now(), TTL_MS).map((k) => k.secret);
  }

  async rotate(): Promise<void> {
    await this.change(false);
  }

  /** `onlyIfDue`: replicas that find the key due at once rotate once (the loser of the write re-reads a fresh key). */
  private async change(onlyIfDue: boolean): Promise<KeyRing> {
    let result: KeyRing | undefined;
    await updateStateObject(
      this.o.core,
      "Secret",
      this.o.namespace,
      this.o.secretName,
      (current) => {
        if (!current) throw this.missing();
        const ring = this.ringFrom(current.data, current.createdAt);
        const now = this.now();
        if (onlyIfDue && !needsRotation(ring, now, this.o.maxAgeMs)) {
          result = ring;
          return undefined;
        }
        result = rotate(ring, { id: randomBytes(6).toString("hex"), secret: randomBytes(32).toString("hex"), createdAt: now }, now, TTL_MS);
        return { ...current.data, [KEY_RING_FIELD]: JSON.stringify(result) };
      },
      { create: false },
    );
    this.ring = result;
    this.readAt = this.now();
    return result as KeyRing;
  }
}

export interface RevocationsOptions {
  core: CoreV1Api;
  namespace: string;
  configMapName: string;
  labels: Record<string, string>;
  /** This process's list: it also ends the process's open streams of a revoked session (onSessionEnded). */
  local: MemorySessionRevocations;
  cacheMs: number;
  now?: () => number;
}

/**
 * Revoked sessions in a ConfigMap every replica reads (re-read at most every `cacheMs`, and polled so streams on other
 * replicas end soon after a sign-out). Entries expire with their cookie, so the list stays small.
 */
export class KubernetesSessionRevocations implements SessionRevocations {
  private readAt = 0;
  private reading?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(private readonly o: RevocationsOptions) {
    this.now = o.now ?? Date.now;
  }

  async revoke(sid: string, exp: number) {
    await updateStateObject(
      this.o.core,
      "ConfigMap",
      this.o.namespace,
      this.o.configMapName,
      (current) => ({ [REVOKED_FIELD]: JSON.stringify(addRevocation(parseRevocations(current?.data[REVOKED_FIELD]), sid, exp, this.now())) }),
      { create: true, labels: this.o.labels },
    );
    await this.o.local.revoke(sid, exp);
  }

  async isRevoked(sid: string) {
    if (await this.o.local.isRevoked(sid)) return true;
    await this.refresh(false);
    return this.o.local.isRevoked(sid);
  }

  /** Copies the shared list into this process's (which ends the streams of newly revoked sessions). */
  async refresh(force: boolean): Promise<void> {
    if (!force && this.now() - this.readAt < this.o.cacheMs) return;
    this.reading ??= (async () => {
      try {
        const obj = await readStateObject(this.o.core, "ConfigMap", this.o.namespace, this.o.configMapName);
        for (const [sid, exp] of Object.entries(parseRevocations(obj?.data[REVOKED_FIELD]))) if (!(await this.o.local.isRevoked(sid))) await this.o.local.revoke(sid, exp);
        this.readAt = this.now();
      } catch (error) {
        // The last list read stays in force (revocations only accumulate); the next call tries again.
        console.error(`session revocations: could not read ${this.o.namespace}/${this.o.configMapName} (${(error as Error).message})`);
      } finally {
        this.reading = undefined;
      }
    })();
    return this.reading;
  }

  startPolling() {
    this.timer ??= setInterval(() => void this.refresh(true), Math.max(this.o.cacheMs, 500));
    this.timer.unref?.();
  }

  stopPolling() {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
