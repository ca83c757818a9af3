import { LRUCache } from "lru-cache";

/**
 * Slows token guessing, per client address: after 10 wrong tokens within a minute, that client's sign-in pauses until
 * the oldest of them is a minute old. Attempts made while paused are refused without being counted, so the pause never
 * extends itself; other clients are not affected.
 */
export class SignInThrottle {
  private readonly clients: LRUCache<string, number[]>;

  constructor(
    private readonly limit = 10,
    private readonly windowMs = 60_000,
    maxClients = 10_000,
  ) {
    this.clients = new LRUCache({ max: maxClients, ttl: windowMs, ttlAutopurge: false });
  }

  private recent(client: string, now: number) {
    return (this.clients.get(client) ?? []).filter((t) => now - t < this.windowMs && t <= now);
  }

  /** Seconds until this client may try again; 0 when it may try now. */
  retryAfterSeconds(client: string, now = Date.now()): number {
    const failures = this.recent(client, now);
    return failures.length >= this.limit ? Math.max(1, Math.ceil((failures[failures.length - this.limit] + this.windowMs - now) / 1000)) : 0;
  }

  /** Records a wrong token, unless the client is paused (then nothing is counted). */
  fail(client: string, now = Date.now()) {
    if (this.retryAfterSeconds(client, now) > 0) return;
    this.clients.set(client, [...this.recent(client, now), now]);
  }

  reset() {
    this.clients.clear();
  }
}

// One per process, shared by the /auth route and the sign-in action (they may be bundled apart).
const key = Symbol.for("vnode-console.sign-in-throttle");
const store = globalThis as typeof globalThis & { [key]?: SignInThrottle };
if (!store[key]) store[key] = new SignInThrottle();
export const signInThrottle: SignInThrottle = store[key];
