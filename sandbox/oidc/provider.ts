import { generateKeyPairSync, randomBytes, timingSafeEqual } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration } from "oidc-provider";
import type { SandboxUser } from "./users";

/**
 * A real OpenID Connect provider (oidc-provider) on loopback, for the sandbox: authorization code + PKCE, refresh
 * tokens, RP-initiated logout, a `groups` claim, and a sign-in page of its own. Nothing is accepted without a password.
 */
export interface SandboxOidc {
  issuer: string;
  clientId: string;
  clientSecret: string;
  users: SandboxUser[];
  close(): Promise<void>;
}

export interface SandboxOidcOptions {
  port: number;
  users: SandboxUser[];
  /** Where the console's callback and post-logout pages are: any loopback port (the console's port is chosen later). */
  consoleOrigins?: string[];
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function loginPage(uid: string, clientName: string, error?: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sandbox sign-in</title></head><body>
<h1>Sandbox identity provider</h1><p>Sign in to ${escapeHtml(clientName)}.</p>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label for="username">Username</label> <input id="username" name="username" autocomplete="username" required><br>
<label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password" required><br>
<button type="submit">Sign in</button></form></body></html>`;
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) throw new Error("form too large");
  }
  return new URLSearchParams(body);
}

export async function startSandboxOidc(opts: SandboxOidcOptions): Promise<SandboxOidc> {
  const issuer = `http://127.0.0.1:${opts.port}`;
  const clientId = "vnode-console";
  const clientSecret = randomBytes(32).toString("base64url");
  const byName = new Map(opts.users.map((u) => [u.username, u]));
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: "jwk" }), kid: randomBytes(8).toString("hex"), use: "sig", alg: "RS256" };
  // The console's port is not known when the sandbox starts (npm start may choose it): any loopback port is allowed
  // (see redirectUriAllowed below); the list only satisfies the client schema.
  const origins = opts.consoleOrigins?.length ? opts.consoleOrigins : ["http://127.0.0.1"];

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        client_name: "VNode Console",
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        redirect_uris: origins.map((o) => `${o}/auth/oidc/callback`),
        post_logout_redirect_uris: origins.map((o) => `${o}/login`),
      },
    ],
    jwks: { keys: [jwk as never] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    claims: { openid: ["sub"], profile: ["name", "preferred_username"], email: ["email"], groups: ["groups"] },
    // Groups in the ID token itself, as Keycloak and Dex put them with their groups mappers.
    conformIdTokenClaims: false,
    findAccount: async (_ctx, sub) => {
      const user = byName.get(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ sub, name: user.name, preferred_username: user.username, email: user.email, groups: user.groups }),
      };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    // The console is the only (first-party) client: no consent screen, the grant covers what it asked for.
    loadExistingGrant: async (ctx) => {
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId || !ctx.oidc.client) return undefined;
      const existing = ctx.oidc.session?.grantIdFor(ctx.oidc.client.clientId);
      if (existing) {
        const found = await ctx.oidc.provider.Grant.find(existing);
        if (found) return found;
      }
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId });
      grant.addOIDCScope(ctx.oidc.params?.scope ? String(ctx.oidc.params.scope) : "openid");
      await grant.save();
      return grant;
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    ttl: { AccessToken: 600, IdToken: 600, AuthorizationCode: 60, RefreshToken: 12 * 3600, Session: 12 * 3600, Grant: 12 * 3600, Interaction: 600 },
    pkce: { required: () => true },
  };
  const provider = new Provider(issuer, configuration);
  // Redirect URIs on any loopback port: checked here instead of by an exact list (the console's port varies).
  provider.Client.prototype.redirectUriAllowed = (uri: string) => isLoopbackConsole(uri, "/auth/oidc/callback");
  provider.Client.prototype.postLogoutRedirectUriAllowed = (uri: string) => isLoopbackConsole(uri, "/login");
  const oidc = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error("interaction mismatch");
    const clientName = "VNode Console";
    if (req.method === "GET" && !action) {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
      res.end(loginPage(uid, clientName));
      return;
    }
    if (req.method === "POST" && action === "login") {
      const form = await formBody(req);
      const user = byName.get(form.get("username") ?? "");
      if (!user || !sameText(form.get("password") ?? "", user.password)) {
        res.writeHead(401, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
        res.end(loginPage(uid, clientName, "Wrong username or password."));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: user.username } }, { mergeWithLastSubmission: false });
      return;
    }
    res.writeHead(404).end();
  }

  const server = http.createServer((req, res) => {
    const match = /^\/interaction\/([\w-]+)(?:\/(\w+))?$/.exec(new URL(req.url ?? "/", issuer).pathname);
    if (!match) return void oidc(req, res);
    interaction(req, res, match[1], match[2]).catch((error: Error) => {
      if (!res.headersSent) res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(`Sign-in failed: ${error.message}. Start again from the console's sign-in page.`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  if (port !== opts.port) throw new Error("the OIDC provider is not on the port asked for");
  return {
    issuer,
    clientId,
    clientSecret,
    users: opts.users,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function isLoopbackConsole(uri: string, pathname: string) {
  try {
    const url = new URL(uri);
    return url.protocol === "http:" && (url.hostname === "127.0.0.1" || url.hostname === "localhost") && url.pathname === pathname && !url.hash;
  } catch {
    return false;
  }
}
