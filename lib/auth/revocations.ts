/**
 * Sessions ended before their cookie expires (sign-out). A cookie is self-contained, so a copy of it keeps working
 * until its `exp` unless the server remembers its session id: this list does, until that `exp` passes.
 *
 * The interface is asynchronous so that a later implementation can keep the list in Kubernetes (shared by replicas);
 * today's lives in this process's memory, on `globalThis`, so that proxy.ts (Next 16 runs it in the Node.js runtime,
 * in the server's own process) and every route bundle see the same list.
 */
export interface SessionRevocations {
  /** Remembers `sid` as ended until `exp` (seconds since the epoch, the cookie's own expiry). */
  revoke(sid: string, exp: number): Promise<void>;
  isRevoked(sid: string): Promise<boolean>;
}

export type SessionEndReason = "signed-out" | "expired";

export class MemorySessionRevocations implements SessionRevocations {
  private readonly revoked = new Map<string, number>();
  private readonly listeners = new Map<string, Set<(reason: SessionEndReason) => void>>();

  constructor(private readonly now: () => number = Date.now) {}

  async revoke(sid: string, exp: number) {
    const nowMs = this.now();
    for (const [id, until] of this.revoked) if (until * 1000 <= nowMs) this.revoked.delete(id);
    if (exp * 1000 > nowMs) this.revoked.set(sid, exp);
    const listeners = this.listeners.get(sid);
    this.listeners.delete(sid);
    for (const listener of listeners ?? []) listener("signed-out");
  }

  async isRevoked(sid: string) {
    const until = this.revoked.get(sid);
    return until !== undefined && until * 1000 > this.now();
  }

  /**
   * Calls `onEnd` once, when the session `{sid, exp}` ends: at sign-out (revocation) or when `exp` passes.
   * Returns the function that cancels it (call it when the stream closes for another reason).
   */
  onSessionEnded(session: { sid: string; exp: number }, onEnd: (reason: SessionEndReason) => void): () => void {
    let done = false;
    const fire = (reason: SessionEndReason) => {
      if (done) return;
      done = true;
      cancel();
      onEnd(reason);
    };
    const set = this.listeners.get(session.sid) ?? new Set();
    set.add(fire);
    this.listeners.set(session.sid, set);
    const timer = setTimeout(() => fire("expired"), Math.min(Math.max(0, session.exp * 1000 - this.now()), 2 ** 31 - 1));
    timer.unref?.();
    const cancel = () => {
      done = true;
      clearTimeout(timer);
      const listeners = this.listeners.get(session.sid);
      listeners?.delete(fire);
      if (listeners?.size === 0) this.listeners.delete(session.sid);
    };
    return cancel;
  }
}

const key = Symbol.for("vnode-console.session-revocations");
const store = globalThis as typeof globalThis & { [key]?: MemorySessionRevocations };
/** The process's revocation list (see SessionRevocations). */
if (!store[key]) store[key] = new MemorySessionRevocations();
export const sessionRevocations: MemorySessionRevocations = store[key];

/** For live streams: `onSessionEnded(session, close)` closes them at sign-out or expiry. Returns a cancel function. */
export const onSessionEnded = (session: { sid: string; exp: number }, onEnd: (reason: SessionEndReason) => void) => sessionRevocations.onSessionEnded(session, onEnd);
