// Every server action and route handler is a public endpoint. Called directly, with the proxy bypassed, each must
// refuse a request without a valid session before it reads input, looks up a cluster or touches anything.
import { mkdtemp, readdir, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";

const jar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined), set: () => undefined, delete: (name: string) => jar.delete(name) }),
  headers: async () => new Headers(),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const SECRET = "actions-auth-test-secret-0123456789abcdef";
let stateDir: string;

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(os.tmpdir(), "vnode-actions-auth-"));
  process.env.VNODE_SESSION_SECRET = SECRET;
  process.env.VNODE_CONSOLE_CONFIG = path.join(stateDir, "console.json");
  // A kubeconfig with no contexts: an action that got past the session check could only fail at the cluster lookup.
  await writeFile(path.join(stateDir, "kubeconfig"), "apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts: []\n");
  process.env.KUBECONFIG = path.join(stateDir, "kubeconfig");
});

const root = path.resolve(import.meta.dirname, "../..");
async function filesNamed(dir: string, name: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesNamed(full, name)));
    else if (entry.name === name) out.push(full);
  }
  return out;
}

type Session = "missing" | "expired" | "forged" | "malformed" | "revoked";
async function useSession(kind: Session) {
  const { SESSION_COOKIE, createSessionCookieValue } = await import("@/lib/auth/session-cookie");
  jar.clear();
  if (kind === "expired") jar.set(SESSION_COOKIE, createSessionCookieValue("someone", SECRET, Date.now() - 13 * 3600_000));
  if (kind === "forged") jar.set(SESSION_COOKIE, createSessionCookieValue("someone", "not-the-console-secret-0123456789"));
  if (kind === "malformed") jar.set(SESSION_COOKIE, "eyJzdWIiOiJhZG1pbiJ9");
  if (kind === "revoked") {
    // A genuine cookie whose session was signed out: a copy of it must stop working.
    const value = createSessionCookieValue("someone", SECRET);
    const { sid, exp } = JSON.parse(Buffer.from(value.split(".")[0], "base64url").toString()) as { sid: string; exp: number };
    const { sessionRevocations } = await import("@/lib/auth/revocations");
    await sessionRevocations.revoke(sid, exp);
    jar.set(SESSION_COOKIE, value);
  }
}

// Inputs that would pass each action's validation, so a refusal can only come from the missing session.
const INPUT: Record<string, unknown> = {
  grantAutomatically: { cluster: "c" },
  grantManually: { cluster: "c", accessKeyId: "LTAI5tAbcdefghijklmnop", accessKeySecret: "abcdefghijklmnopqrstuvwxyz0123" },
  installVirtualNodeAddon: { cluster: "c" },
  uninstallVirtualNodeAddon: { cluster: "c" },
  deleteVirtualNodes: { cluster: "c", names: ["virtual-kubelet-cn-hangzhou-b"] },
  setNamespaceEci: { cluster: "c", namespace: "default", enabled: true },
  saveEciProfile: { cluster: "c", resourceVersion: "1", fields: {} },
};

describe.each<Session>(["missing", "expired", "forged", "malformed", "revoked"])("with a %s session", (kind) => {
  it("every server action refuses with Unauthenticated and writes nothing", { timeout: 60_000 }, async () => {
    await useSession(kind);
    const files = (await filesNamed(path.join(root, "app"), "actions.ts")).filter((f) => !f.endsWith(path.join("login", "actions.ts")));
    let called = 0;
    for (const file of files) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const [name, action] of Object.entries(mod)) {
        if (typeof action !== "function") continue;
        const result = name === "linkCluster" ? await action(null, new FormData()) : await action(INPUT[name] ?? {});
        expect(result, `${path.relative(root, file)} ${name}`).toMatchObject({ ok: false, error: { code: "Unauthenticated" } });
        called++;
      }
    }
    expect(called).toBeGreaterThanOrEqual(8);
    await expect(stat(path.join(stateDir, "activity.jsonl"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("every route handler except sign-in and the probes (/healthz, /readyz, /metrics: counts only) answers 401", { timeout: 60_000 }, async () => {
    await useSession(kind);
    const publicRoute = /^(auth|healthz|readyz|metrics)(\/|$)/;
    const files = (await filesNamed(path.join(root, "app"), "route.ts")).filter((f) => !publicRoute.test(path.relative(path.join(root, "app"), f)));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const mod = (await import(file)) as Record<string, (request: Request, ctx: unknown) => Promise<Response>>;
      const url = `http://127.0.0.1/${path.relative(path.join(root, "app"), path.dirname(file))}?topics=${encodeURIComponent(JSON.stringify([{ cluster: "c", resource: "pods" }]))}`;
      const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => typeof mod[m] === "function");
      expect(methods.length, `${path.relative(root, file)} exports a handler`).toBeGreaterThan(0);
      for (const method of methods) {
        const body = method === "GET" ? undefined : JSON.stringify({ stream: "s", add: [{ cluster: "c", resource: "pods" }], remove: [] });
        const response = await mod[method](new Request(url, { method, body, headers: { "content-type": "application/json" } }), { params: Promise.resolve({ cluster: "c" }) });
        expect(response.status, `${method} ${path.relative(root, file)}`).toBe(401);
      }
    }
  });
});

describe("with a valid session", () => {
  it("the guard lets the action through to its next step (here: the cluster lookup)", async () => {
    const { SESSION_COOKIE, createSessionCookieValue } = await import("@/lib/auth/session-cookie");
    jar.clear();
    jar.set(SESSION_COOKIE, createSessionCookieValue("someone", SECRET));
    const { installVirtualNodeAddon } = await import("@/app/clusters/[cluster]/addons/actions");
    const result = await installVirtualNodeAddon({ cluster: "no-such-context" });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: false, error: { code: "UnknownCluster" } });
  });
});
