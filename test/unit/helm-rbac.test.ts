// The chart's RBAC is least privilege by construction: rendered with the real helm (defaults and every optional
// feature), no Role or ClusterRole rule holds a "*" anywhere, verbs are listed from a known set, the escalating verbs
// are absent, and every rule in the template says why it is there.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { ensureHelmBinary } from "@/sandbox/helm/binary";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const chart = path.join(root, "deploy/helm/vnode-console");

type Rule = { apiGroups?: string[]; resources?: string[]; resourceNames?: string[]; verbs: string[]; nonResourceURLs?: string[] };
type Role = { kind: string; metadata: { name: string; namespace?: string }; rules: Rule[] };

const variants: Record<string, string[]> = {
  defaults: [],
  "every optional feature": ["--values", path.join(root, "deploy/helm/examples/all-features.values.yaml")],
};
const roles: Record<string, Role[]> = {};

beforeAll(async () => {
  // Cached after the first build (scripts/test.sh builds it first); a cold build takes minutes.
  const helm = await ensureHelmBinary((line) => console.error(`[helm] ${line}`));
  for (const [label, args] of Object.entries(variants)) {
    const { stdout } = await run(helm, ["template", "console", chart, "--namespace", "vnode", ...args], { maxBuffer: 16 * 1024 * 1024 });
    roles[label] = parseAllDocuments(stdout)
      .map((d) => d.toJS())
      .filter((o) => o?.kind === "ClusterRole" || o?.kind === "Role");
  }
}, 30 * 60_000);

describe.each(Object.keys(variants))("the rendered RBAC with %s", (label) => {
  it("has one ClusterRole and three Roles (the add-on namespace, the console's own, Events in default)", () => {
    expect(roles[label].map((r) => `${r.kind} ${r.metadata.namespace ?? ""}`).sort()).toEqual(["ClusterRole ", "Role default", "Role kube-system", "Role vnode"]);
  });

  it("has no * anywhere: not in apiGroups, resources, resourceNames, verbs or URLs", () => {
    const wildcards = roles[label].flatMap((role) =>
      role.rules.flatMap((rule) =>
        Object.entries(rule)
          .filter(([, values]) => (values as string[]).some((v) => v.includes("*")))
          .map(([field]) => `${role.kind}/${role.metadata.name} ${field}`),
      ),
    );
    expect(wildcards).toEqual([]);
    expect(JSON.stringify(roles[label])).not.toContain("*");
  });

  it("lists only known verbs, never bind/escalate/deletecollection, and impersonates only users and groups", () => {
    const known = new Set(["get", "list", "watch", "create", "update", "patch", "delete", "impersonate"]);
    for (const role of roles[label]) {
      for (const rule of role.rules) {
        expect(rule.verbs.length).toBeGreaterThan(0);
        for (const verb of rule.verbs) expect(known, `${role.kind}/${role.metadata.name} verb ${verb}`).toContain(verb);
        expect(rule.nonResourceURLs).toBeUndefined();
        if (rule.verbs.includes("impersonate")) {
          expect(rule).toEqual({ apiGroups: [""], resources: ["users", "groups"], verbs: ["impersonate"] });
        }
      }
    }
  });

  it("reads no Secret it does not name, cluster-wide or in kube-system", () => {
    for (const role of roles[label]) {
      for (const rule of role.rules.filter((r) => r.resources?.includes("secrets"))) {
        expect(role.kind).toBe("Role");
        const reads = rule.verbs.filter((v) => ["get", "list", "watch"].includes(v));
        if (reads.length > 0) expect(rule.resourceNames?.length, `${role.metadata.name}: ${reads} secrets`).toBeGreaterThan(0);
      }
    }
  });
});

it("comments every rule of the RBAC template with why it is there", async () => {
  const lines = (await readFile(path.join(chart, "templates/rbac.yaml"), "utf8")).split("\n");
  const uncommented = lines
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => /^\s*- apiGroups:/.test(line))
    .filter(({ i }) => {
      let j = i - 1;
      while (j >= 0 && /^\s*\{\{-? (if|end)/.test(lines[j])) j--;
      return !/^\s*# \S/.test(lines[j]);
    })
    .map(({ line, i }) => `line ${i + 1}: ${line.trim()}`);
  expect(uncommented).toEqual([]);
});

describe.each(Object.keys(variants))("the shared-state Role with %s", (label) => {
  const stateRole = () => roles[label].find((r) => r.kind === "Role" && r.metadata.name === "console-vnode-console-state") as Role;

  it("grants exactly what lib/server/state calls: Leases, three named ConfigMaps, the session Secret, and nothing listed or watched", () => {
    const rules = stateRole().rules.map((r) => ({ ...r, apiGroups: r.apiGroups?.join(), resourceNames: r.resourceNames?.slice().sort() }));
    expect(rules).toEqual([
      { apiGroups: "coordination.k8s.io", resources: ["leases"], verbs: ["get", "create", "update"] },
      {
        apiGroups: "",
        resources: ["configmaps"],
        resourceNames: ["console-vnode-console-activity", "console-vnode-console-config", "console-vnode-console-revocations"],
        verbs: ["get", "update"],
      },
      { apiGroups: "", resources: ["configmaps"], verbs: ["create"], resourceNames: undefined },
      // The chart's own session Secret, or the one named in auth.sessionSecret.existingSecret.
      { apiGroups: "", resources: ["secrets"], resourceNames: [label === "defaults" ? "console-vnode-console-session" : "vnode-console-session"], verbs: ["get", "update"] },
    ]);
  });
});
