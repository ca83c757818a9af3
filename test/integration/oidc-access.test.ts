import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { pointConsoleAtSandbox } from "./console-env";
import { eventually, kubectl, kubectlJson } from "./kubectl";
import { consoleSessionFor } from "./oidc-browser";

// Server actions read the session cookie and the client's address from next/headers: here, from this jar.
const jar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined), set: () => undefined, delete: () => undefined }),
  headers: async () => new Headers({ "x-forwarded-for": "203.0.113.7" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const sandbox = inject("sandbox");
const oidc = sandbox.oidc!;
const ORIGIN = "http://127.0.0.1:3191";
const sessions: Record<string, string> = {};
let context: string;
const kubeconfig = sandbox.kubeconfig;
const OTHER = "oidc-access-other";

beforeAll(async () => {
  context = pointConsoleAtSandbox(sandbox, "oidc-access");
  Object.assign(process.env, {
    VNODE_SESSION_SECRET: "oidc-access-test-session-secret-0123456789",
    VNODE_OIDC_ISSUER: oidc.issuer,
    VNODE_OIDC_CLIENT_ID: oidc.clientId,
    VNODE_OIDC_CLIENT_SECRET: oidc.clientSecret,
    VNODE_OIDC_USERNAME_CLAIM: "preferred_username",
    VNODE_OIDC_SCOPES: "openid profile email groups",
    VNODE_ADMIN_GROUPS: "vnode-admins",
    VNODE_OPERATOR_GROUPS: "vnode-operators",
    VNODE_PUBLIC_URL: ORIGIN,
  });
  for (const u of oidc.users) sessions[u.username] = await consoleSessionFor(ORIGIN, u.username, u.password);
  await kubectl(kubeconfig, "create", "namespace", OTHER).catch(() => "");
});
afterAll(() => kubectl(kubeconfig, "delete", "namespace", OTHER, "--wait=false").catch(() => ""));

const as = (username: string) => {
  jar.clear();
  jar.set("vnode_session", sessions[username]);
};

describe("console roles (the cloud side) refuse, naming who is refused what and who can grant it", () => {
  it("an operator may not grant RAM permissions or rotate AccessKeys", async () => {
    as("operator");
    const { grantAutomatically } = await import("@/app/clusters/[cluster]/addons/actions");
    const result = await grantAutomatically({ cluster: context });
    expect(result).toMatchObject({ ok: false, error: { code: "ConsoleRoleRequired" } });
    expect(result.message).toContain("Otto Operator (operator) may not grant RAM permissions or rotate AccessKeys: this needs the console role admin");
    expect(result.message).toContain("adding you to the group vnode-admins");
  });

  it("a team-a developer calling install directly is refused by the server", async () => {
    as("dev-team-a");
    const { installVirtualNodeAddon } = await import("@/app/clusters/[cluster]/addons/actions");
    const result = await installVirtualNodeAddon({ cluster: context });
    expect(result).toMatchObject({ ok: false, error: { code: "ConsoleRoleRequired" } });
    expect(result.message).toContain("Dana Developer (dev-team-a) may not install, uninstall or change ack-virtual-node: this needs the console role operator");
    expect(result.message).toContain("one of the groups vnode-operators, vnode-admins");
  });
});

describe("Kubernetes calls are made as the person (impersonation): RBAC decides", () => {
  it("a team-a developer may label team-a for ECI, but not another namespace; the refusal names them", async () => {
    as("dev-team-a");
    const { setNamespaceEci } = await import("@/app/clusters/[cluster]/virtual-nodes/actions");
    const refused = await setNamespaceEci({ cluster: context, namespace: OTHER, enabled: true });
    expect(refused).toMatchObject({ ok: false });
    expect(refused.message).toContain(`dev-team-a may not patch namespaces`);
    expect(refused.message).toContain("Kubernetes RBAC refuses this to you (dev-team-a)");
    expect(await kubectl(kubeconfig, "get", "namespace", OTHER, "-o", "jsonpath={.metadata.labels.alibabacloud\\.com/eci}")).toBe("");

    const done = await setNamespaceEci({ cluster: context, namespace: "team-a", enabled: true });
    expect(done, done.message).toMatchObject({ ok: true });
    expect(await kubectl(kubeconfig, "get", "namespace", "team-a", "-o", "jsonpath={.metadata.labels.alibabacloud\\.com/eci}")).toBe("true");
    await setNamespaceEci({ cluster: context, namespace: "team-a", enabled: false });
  });

  it("the Activity log and a Kubernetes Event name the person, their groups and address", async () => {
    const { readActivity } = await import("@/lib/server/audit");
    const entry = (await readActivity()).find((e) => e.action === "label-namespace-eci" && e.target === "namespace/team-a");
    expect(entry).toMatchObject({ who: "dev-team-a", subject: "dev-team-a", displayName: "Dana Developer", groups: ["team-a-developers"], client: "203.0.113.7" });
    const events = await eventually("the Event in default", async () => {
      const list = await kubectlJson<{ items: { message: string }[] }>(kubeconfig, "-n", "default", "get", "events", "--field-selector", "reason=ConsoleLabelNamespaceEci");
      return list.items.find((e) => e.message.includes("Dana Developer (dev-team-a)")) ? list.items : undefined;
    });
    expect(events.map((e) => e.message).join("\n")).toContain("Dana Developer (dev-team-a) [groups: team-a-developers] from 203.0.113.7");
  });

  it("the apiserver's audit log shows the impersonated requests under the person", async () => {
    const lines = await eventually("the audit log to hold the impersonated patch", async () => {
      const found = (await readFile(sandbox.auditLog!, "utf8"))
        .split("\n")
        .filter(Boolean)
        .map(
          (l) =>
            JSON.parse(l) as {
              verb: string;
              user: { username: string };
              impersonatedUser?: { username: string; groups?: string[] };
              objectRef?: { resource?: string; name?: string };
            },
        )
        .filter((e) => e.impersonatedUser?.username === "dev-team-a" && e.verb === "patch" && e.objectRef?.resource === "namespaces");
      return found.length ? found : undefined;
    });
    expect(lines.map((l) => l.objectRef?.name)).toEqual(expect.arrayContaining([OTHER, "team-a"]));
    expect(lines[0].impersonatedUser?.groups).toContain("team-a-developers");
    expect(lines[0].user.username).not.toBe("dev-team-a");
  });

  it("a person with no binding sees an empty cluster and the reason", async () => {
    as("nobody");
    const { clusterCard, listConsoleClusters, requirePageActor } = await import("@/lib/server/pages");
    const actor = await requirePageActor();
    const cluster = (await listConsoleClusters()).clusters.find((c) => c.id === context)!;
    const card = await clusterCard(cluster, undefined, actor);
    expect(card.probe.reachable).toBe(true);
    expect(card.probe.datacenterNodes.total).toBe(0);
    expect(card.probe.refusedReads?.join(" ")).toContain('User "nobody" cannot list resource "nodes"');
  });
});

describe("the live view gets only what the person may list and watch (SubjectAccessReview, real RBAC)", () => {
  it("a team-a developer gets team-a's pods and no other; the administrator gets all", async () => {
    const { LiveAccess } = await import("@/lib/server/live");
    const pods = [
      { metadata: { uid: "1", name: "a", namespace: "team-a" } },
      { metadata: { uid: "2", name: "b", namespace: OTHER } },
      { metadata: { uid: "3", name: "c", namespace: "kube-system" } },
    ];
    const dev = new LiveAccess(context, { user: "dev-team-a", groups: ["team-a-developers"] }, "pods");
    expect((await dev.filter(pods)).map((p) => p.metadata.namespace)).toEqual(["team-a"]);
    const nobody = new LiveAccess(context, { user: "nobody", groups: [] }, "pods");
    expect(await nobody.filter(pods)).toEqual([]);
    const admin = new LiveAccess(context, { user: "admin", groups: ["vnode-admins"] }, "pods");
    expect(await admin.filter(pods)).toHaveLength(3);
    const namespaces = new LiveAccess(context, { user: "dev-team-a", groups: ["team-a-developers"] }, "namespaces");
    expect((await namespaces.filter([{ metadata: { uid: "n1", name: "team-a" } }, { metadata: { uid: "n2", name: OTHER } }])).map((n) => n.metadata.name)).toEqual(["team-a"]);
  });

  it("a right taken away is noticed at the next check", async () => {
    const { LiveAccess } = await import("@/lib/server/live");
    let now = Date.now();
    await kubectl(kubeconfig, "-n", OTHER, "create", "rolebinding", "temp-view", "--clusterrole=view", "--group=team-a-developers");
    const dev = new LiveAccess(context, { user: "dev-team-a", groups: ["team-a-developers"] }, "pods", () => now);
    expect(await dev.allows({ metadata: { uid: "x", name: "x", namespace: OTHER } })).toBe(true);
    await kubectl(kubeconfig, "-n", OTHER, "delete", "rolebinding", "temp-view");
    expect(await dev.recheck()).toBe(false); // still cached: not expired yet
    now += 60_000;
    expect(await dev.recheck()).toBe(true);
    expect(await dev.allows({ metadata: { uid: "x", name: "x", namespace: OTHER } })).toBe(false);
  });
});
