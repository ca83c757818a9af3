/**
 * The provider's refresh and ID tokens of each OIDC session, by session id: on the server only (never in the cookie,
 * which a browser extension or a log could copy). In this process's memory, on `globalThis` (proxy.ts and the route
 * bundles share it), so a restart ends the refresh of existing sessions: they sign in again when theirs expires.
 */
export interface SessionTokens {
  refreshToken?: string;
  idToken?: string;
  /** Seconds since the epoch: after this the session is not refreshed any more (the cookie's `rexp`). */
  until: number;
}

class SessionTokenStore {
  private readonly tokens = new Map<string, SessionTokens>();

  set(sid: string, tokens: SessionTokens) {
    const now = Date.now();
    for (const [id, t] of this.tokens) if (t.until * 1000 <= now) this.tokens.delete(id);
    this.tokens.set(sid, tokens);
  }

  get(sid: string): SessionTokens | undefined {
    const tokens = this.tokens.get(sid);
    return tokens && tokens.until * 1000 > Date.now() ? tokens : undefined;
  }

  take(sid: string): SessionTokens | undefined {
    const tokens = this.get(sid);
    this.tokens.delete(sid);
    return tokens;
  }
}

const key = Symbol.for("vnode-console.oidc-session-tokens");
const store = globalThis as typeof globalThis & { [key]?: SessionTokenStore };
if (!store[key]) store[key] = new SessionTokenStore();
export const sessionTokens: SessionTokenStore = store[key];
