// The HTTP front door: admin endpoint, request parsing, authentication (signature, AccessKey,
// nonce, date), fault injection, RAM authorisation and dispatch to the product handlers.
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, errorBody, Errors, newRequestId } from "./errors";
import type { Faults } from "./faults";
import { evaluate, requestContext } from "./policy-eval";
import { policyDocsForUser } from "./ram";
import { parseAuthorization, parseQuery, verifyAcs3 } from "./signature";
import type { StateStore } from "./state";
import type { ActionDef, Caller, Ctx, Product } from "./types";

const MAX_BODY = 1 << 20;
const REPLAY_WINDOW_MS = 15 * 60 * 1000;
/** How many authenticated API calls `/__sandbox/calls` remembers. */
const CALL_LOG_SIZE = 5_000;

/** One authenticated API call, as `GET /__sandbox/calls` lists it (like an ActionTrail event; never a secret). */
export interface CallRecord {
  time: string;
  product: string;
  action: string;
  accessKeyId: string;
  userName: string | null;
  sourceIp: string;
  status: number;
  code?: string;
}

export interface RouterOptions {
  products: Product[];
  store: StateStore;
  faults: Faults;
  log: (line: string) => void;
  now?: () => number;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new ApiError(413, "RequestEntityTooLarge", "The request body is too large."));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, requestId?: string, extraHeaders: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json;charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...(requestId ? { "x-acs-request-id": requestId } : {}),
    ...extraHeaders,
  });
  res.end(text);
}

interface Resolved {
  product: Product;
  action: string;
  def: ActionDef;
  pathParams: Record<string, string>;
}

export function createRouter(opts: RouterOptions) {
  const { products, store, faults, log } = opts;
  const now = opts.now ?? Date.now;
  const byVersion = new Map(products.filter((p) => p.style === "RPC").map((p) => [p.version, p]));
  const roa = products.filter((p) => p.style === "ROA");
  const nonces = new Map<string, number>();
  const calls: CallRecord[] = [];
  const record = (c: CallRecord) => {
    calls.push(c);
    if (calls.length > CALL_LOG_SIZE) calls.splice(0, calls.length - CALL_LOG_SIZE);
  };

  function resolve(method: string, path: string, version: string | undefined, action: string | undefined): { product?: Product; resolved?: Resolved } {
    if (path === "/") {
      const product = version ? byVersion.get(version) : undefined;
      const def = product && action ? product.actions[action] : undefined;
      if (product && def && (method === "POST" || method === "GET")) return { product, resolved: { product, action: action!, def, pathParams: {} } };
      return { product };
    }
    for (const product of roa) {
      for (const r of product.routes ?? []) {
        if (r.method !== method) continue;
        const m = r.pattern.exec(path);
        if (!m) continue;
        if (version !== product.version) return { product };
        const pathParams = Object.fromEntries(r.keys.map((k, i) => [k, decodeURIComponent(m[i + 1])]));
        return { product, resolved: { product, action: r.action, def: product.actions[r.action], pathParams } };
      }
    }
    return {};
  }

  function authenticate(method: string, path: string, query: Record<string, string>, req: IncomingMessage, body: Buffer): Caller {
    const auth = parseAuthorization(req.headers.authorization);
    if (!auth) throw Errors.incompleteSignature(req.headers.authorization ? "The Authorization header is malformed." : "The Authorization header is missing.");
    const key = store.state.accessKeys[auth.accessKeyId];
    if (!key) throw Errors.accessKeyNotFound();
    const v = verifyAcs3({ method, path, query, headers: req.headers, body }, auth, key.accessKeySecret);
    if (!v.ok) throw v.reason === "mismatch" ? Errors.signatureMismatch(v.stringToSign) : Errors.incompleteSignature(v.detail);
    if (key.status !== "Active") throw Errors.accessKeyDisabled();
    const date = String(req.headers["x-acs-date"]);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(date)) throw new ApiError(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.");
    const t = now();
    if (Math.abs(t - Date.parse(date)) > REPLAY_WINDOW_MS) throw Errors.timestampExpired();
    const nonce = String(req.headers["x-acs-signature-nonce"]);
    for (const [n, exp] of nonces) if (exp < t) nonces.delete(n);
    if (nonces.has(nonce)) throw Errors.nonceUsed();
    nonces.set(nonce, t + REPLAY_WINDOW_MS);
    return { accessKeyId: key.accessKeyId, userName: key.userName };
  }

  function authorize(ctx: Ctx, r: Resolved): void {
    if (ctx.caller.userName === null || r.def.noAuth) return;
    const region = ctx.query.RegionId ?? "*";
    const resource = r.def.resource?.(ctx) ?? `acs:${r.product.code}:${region}:${ctx.state.accountId}:*`;
    const authAction = `${r.product.code}:${r.action}`;
    // The emulator serves plain HTTP on loopback: SecureTransport is false and no request comes from a VPC.
    const context = requestContext({ sourceIp: ctx.sourceIp, secureTransport: false, now: new Date(now()) });
    const decision = evaluate(policyDocsForUser(ctx.state, ctx.caller.userName), authAction, resource, context);
    if (decision === "Allow") return;
    throw new ApiError(403, r.product.deniedCode, "You are not authorized to do this action. You should be authorized by RAM.", {
      AccessDeniedDetail: {
        AuthAction: authAction,
        AuthPrincipalType: "SubUser",
        AuthPrincipalDisplayName: ctx.caller.userName,
        PolicyType: "AccountLevelIdentityBasedPolicy",
        NoPermissionType: decision,
        EncodedDiagnosticMessage: "",
      },
    });
  }

  /**
   * The admin endpoints (all but health) need the sandbox administrator's credential: `Authorization: Bearer
   * <AccessKey secret of the root account>` (the `cloud.accessKeySecret` of sandbox.json). Missing → 401, wrong → 403.
   */
  function adminAllowed(req: IncomingMessage, res: ServerResponse): boolean {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
    if (!m) {
      send(res, 401, { error: "the sandbox admin endpoints need Authorization: Bearer <the administrator AccessKey secret from sandbox.json>" }, undefined, {
        "www-authenticate": 'Bearer realm="vnode-sandbox"',
      });
      return false;
    }
    const root = store.state.accessKeys[store.state.rootAccessKeyId];
    const given = Buffer.from(m[1], "utf8");
    const expected = Buffer.from(root?.status === "Active" ? root.accessKeySecret : "", "utf8");
    if (expected.length === 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      send(res, 403, { error: "the credential is not the sandbox administrator's" });
      return false;
    }
    return true;
  }

  async function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string, body: Buffer): Promise<void> {
    if (path === "/__sandbox/health" && req.method === "GET") return send(res, 200, { ok: true });
    if (path !== "/__sandbox/faults" && path !== "/__sandbox/calls") return send(res, 404, { error: "not found" });
    if (!adminAllowed(req, res)) return;
    if (path === "/__sandbox/calls") return req.method === "GET" ? send(res, 200, { calls }) : send(res, 405, { error: "method not allowed" });
    if (req.method === "GET") return send(res, 200, faults.config);
    if (req.method === "DELETE") {
      faults.clear();
      log("cloud: faults cleared");
      return send(res, 200, faults.config);
    }
    if (req.method === "POST" || req.method === "PUT") {
      try {
        const cfg = faults.set(JSON.parse(body.toString("utf8") || "{}"));
        log(`cloud: faults set ${JSON.stringify(cfg)}`);
        return send(res, 200, cfg);
      } catch (e) {
        return send(res, 400, { error: (e as Error).message });
      }
    }
    return send(res, 405, { error: "method not allowed" });
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const rawUrl = req.url ?? "/";
    const qi = rawUrl.indexOf("?");
    const path = qi < 0 ? rawUrl : rawUrl.slice(0, qi);
    const requestId = newRequestId();
    let product: Product | undefined;
    let label = `${method} ${path}`;
    let who = "-";
    let caller: Caller | undefined;
    let action: string | undefined;
    const sourceIp = (req.socket.remoteAddress ?? "").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
    try {
      const body = await readBody(req);
      if (path.startsWith("/__sandbox/")) return await handleAdmin(req, res, path, body);
      const query = parseQuery(qi < 0 ? "" : rawUrl.slice(qi + 1));
      const version = req.headers["x-acs-version"] as string | undefined;
      const found = resolve(method, path, version, req.headers["x-acs-action"] as string | undefined);
      product = found.product;
      caller = authenticate(method, path, query, req, body);
      who = caller.userName ?? "root";
      const r = found.resolved;
      if (!r) throw Errors.actionNotFound();
      label = `${r.product.name}.${r.action}`;
      action = r.action;
      await faults.beforeRequest(r.product.code, r.action);
      const ctx: Ctx = { requestId, action: r.action, query, body, pathParams: r.pathParams, caller, sourceIp, state: store.state, store, faults, log };
      authorize(ctx, r);
      const result = (await r.def.handler(ctx)) as Record<string, unknown>;
      if (r.def.mutates) await store.save();
      send(res, 200, r.product.style === "RPC" ? { RequestId: requestId, ...result } : result, requestId);
      record({ time: new Date().toISOString(), product: r.product.code, action: r.action, accessKeyId: caller.accessKeyId, userName: caller.userName, sourceIp, status: 200 });
      log(`cloud: ${label} 200 (${who})`);
    } catch (e) {
      const err = e instanceof ApiError ? e : Errors.internal();
      if (!(e instanceof ApiError)) log(`cloud: ${label} internal error: ${(e as Error)?.stack ?? String(e)}`);
      const hostId = product?.hostId ?? String(req.headers.host ?? "");
      if (!res.headersSent) send(res, err.status, errorBody(err, requestId, hostId, product?.name ?? "Unknown"), requestId, err.headers);
      if (caller)
        record({
          time: new Date().toISOString(),
          product: product?.code ?? "",
          action: action ?? label,
          accessKeyId: caller.accessKeyId,
          userName: caller.userName,
          sourceIp,
          status: err.status,
          code: err.code,
        });
      log(`cloud: ${label} ${err.status} ${err.code} (${who})`);
    }
  };
}
