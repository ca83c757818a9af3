// The seed's flow done entirely with `vnode` (the real launcher, as a child process) against the sandbox, with the
// real kubectl beside it: grant, install, the three placement methods, eci-profile, doctor, --all-contexts, and the
// way back (uninstall, leftover nodes, revoke). It leaves the cluster and the account as it found them.
import { readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parse, stringify } from "yaml";
import { clearFaults, setFaults } from "@/sandbox/cloud/admin-client";
import { listVSwitches } from "@/sandbox/virtual-kubelet/addon-install";
import { eventually, kubectl, kubectlJson } from "./kubectl";
import { vnode, vnodeEnv } from "./vnode-cli";

const info = inject("sandbox");
const { kubeconfig, cloud, stateDir } = info;
const env = vnodeEnv(info, "cli-flow");
const run = (...args: string[]) => vnode(env, args);
const stamp = Date.now();
const labelledNs = `cli-vk-${stamp}`;
const podsNs = `cli-pods-${stamp}`;
const POLICY = "ack-one-registered-cluster-policy-ack-virtual-node";
let policyExisted = false;

const secretKeyId = async () => {
  const s = await kubectlJson(kubeconfig, "-n", "kube-system", "get", "secret", "alibaba-addon-secret");
  return Buffer.from(s.data["access-key-id"], "base64").toString();
};
const ramAdmin = async () => {
  const { ramClient } = await import("@/lib/alicloud/clients");
  const $Ram = await import("@alicloud/ram20150501");
  Object.assign(process.env, {
    ALIBABA_CLOUD_ACCESS_KEY_ID: cloud!.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: cloud!.accessKeySecret,
    VNODE_ALIBABA_CLOUD_ENDPOINT: cloud!.endpoint,
    VNODE_ALIBABA_CLOUD_PROTOCOL: "http",
  });
  return { ram: await ramClient(), $Ram };
};

/** A port nothing listens on: bound, then released. */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  await kubectl(kubeconfig, "-n", "kube-system", "delete", "secret", "alibaba-addon-secret", "--ignore-not-found");
  const { ram, $Ram } = await ramAdmin();
  policyExisted = await ram.getPolicy(new $Ram.GetPolicyRequest({ policyName: POLICY, policyType: "Custom" })).then(
    () => true,
    () => false,
  );
});

afterAll(async () => {
  await clearFaults(cloud!);
  await kubectl(kubeconfig, "delete", "ns", labelledNs, podsNs, "--ignore-not-found", "--wait=false");
  // The way back, whatever state a failed test left: each step is a no-op when there is nothing to undo.
  await run("addon", "uninstall", "ack-virtual-node", "--yes");
  await run("virtual-nodes", "delete", "--leftover", "--yes");
  await run("ram-user", "revoke", "--yes");
  await kubectl(kubeconfig, "-n", "kube-system", "delete", "secret", "alibaba-addon-secret", "--ignore-not-found");
  if (!policyExisted) {
    // Other test files expect a first grant to create the account-wide policy.
    const { ram, $Ram } = await ramAdmin();
    const versions = (await ram.listPolicyVersions(new $Ram.ListPolicyVersionsRequest({ policyName: POLICY, policyType: "Custom" }))).body?.policyVersions?.policyVersion ?? [];
    for (const v of versions.filter((v) => !v.isDefaultVersion)) await ram.deletePolicyVersion(new $Ram.DeletePolicyVersionRequest({ policyName: POLICY, versionId: v.versionId }));
    await ram.deletePolicy(new $Ram.DeletePolicyRequest({ policyName: POLICY }));
  }
}, 180_000);

describe("the seed's flow with vnode", () => {
  it("ram-user grant prints onectl's line, records who did it, and a repeat changes nothing", async () => {
    const first = await run("ram-user", "grant", "--addon", "ack-virtual-node");
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout.split("\n")[0]).toMatch(/^Ram policy ack-one-registered-cluster-policy-ack-virtual-node granted to ram user ack-one-user-[0-9a-f]{10} successfully\.$/);
    expect(first.stdout).toContain("created AccessKey LTAI****");
    const key = await secretKeyId();

    const again = await run("ram-user", "grant", "--addon", "ack-virtual-node");
    expect(again.code).toBe(0);
    expect(again.stdout.split("\n")[0]).toBe(first.stdout.split("\n")[0]);
    expect(again.stdout).toContain("Nothing changed:");
    expect(await secretKeyId()).toBe(key);

    const shown = JSON.parse((await run("ram-user", "show", "-o", "json")).stdout);
    expect(shown).toMatchObject({ exists: true, policies: [`${POLICY} (Custom)`], secret: { exists: true } });
    expect(shown.accessKeys).toEqual([expect.objectContaining({ status: "Active", inSecret: true })]);
    expect(JSON.stringify(shown)).not.toContain(key); // ids masked

    const events = await kubectlJson(kubeconfig, "-n", "kube-system", "get", "events", "--field-selector", "reason=ConsoleGrantRam");
    expect(events.items.map((e: { message: string }) => e.message)).toContainEqual(expect.stringMatching(/^\S+ \(cli:[^@\s]+@\S+\) from local: Ram policy .* granted/));
  }, 60_000);

  it("a cloud error during a rotation exits 6 with the cloud's words and leaves the Secret and the keys as they were", async () => {
    const before = await secretKeyId();
    await setFaults(cloud!, { throttle: { product: "ram", action: "CreateAccessKey" } });
    try {
      const rotated = await run("ram-user", "grant", "--addon", "ack-virtual-node", "--rotate");
      expect(rotated.code).toBe(6);
      expect(rotated.stdout).toBe("");
      expect(rotated.stderr).toMatch(/^error: .*too fast.*retry/i);
    } finally {
      await clearFaults(cloud!);
    }
    expect(await secretKeyId()).toBe(before);
    expect(JSON.parse((await run("ram-user", "show", "-o", "json")).stdout).accessKeys).toHaveLength(1);
  }, 60_000);

  it("addon install prints onectl's line, a repeat says nothing changed, and kubectl shows a Ready virtual node", async () => {
    const installed = await run("addon", "install", "ack-virtual-node");
    expect(installed.code).toBe(0);
    expect(installed.stdout).toMatch(/^Addon ack-virtual-node, version v\d+\.\d+\.\d+ installed\.\n$/);
    const again = await run("addon", "install", "ack-virtual-node");
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`${installed.stdout}It was already installed: nothing changed.\n`);
    const line = await eventually("a Ready virtual node in kubectl get no", async () =>
      (await kubectl(kubeconfig, "get", "no")).split("\n").find((l) => l.startsWith("virtual-kubelet") && /\sReady\s/.test(l)),
    );
    expect(line).toMatch(/^virtual-kubelet-cn-hangzhou-[a-z]\s+Ready\s+agent\s+\S+\s+v\d+\.\d+\.\d+-aliyun\.1$/);
    const status = JSON.parse((await run("addon", "status", "ack-virtual-node", "-o", "json")).stdout);
    expect(status.state.phase).toBe("installed");
  }, 120_000);

  it("the three placement methods put pods on the virtual node, and vnode placement shows them in the ECI lane", async () => {
    const node = (await kubectl(kubeconfig, "get", "no", "-l", "type=virtual-kubelet", "-o", "name")).trim().split("\n")[0].replace("node/", "");
    // Method 1: a labelled pod. Method 2: a labelled namespace. Method 3: nodeName in a Deployment.
    await kubectl(kubeconfig, "create", "ns", podsNs);
    await kubectl(kubeconfig, "-n", podsNs, "run", "nginx", "--image", "nginx", "-l", "alibabacloud.com/eci=true");
    await kubectl(kubeconfig, "create", "ns", labelledNs);
    await kubectl(kubeconfig, "label", "namespace", labelledNs, "alibabacloud.com/eci=true");
    await kubectl(kubeconfig, "-n", labelledNs, "run", "nginx", "--image", "nginx");
    const deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "nginx-deployment-basic", namespace: podsNs, labels: { app: "nginx" } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "nginx" } },
        template: {
          metadata: { labels: { app: "nginx" } },
          spec: { nodeName: node, containers: [{ name: "nginx", image: "nginx:1.7.9", ports: [{ containerPort: 80 }], resources: { limits: { cpu: "500m" } } }] },
        },
      },
    };
    const manifest = path.join(stateDir, `cli-flow-deployment-${stamp}.yaml`);
    await writeFile(manifest, stringify(deployment));
    await kubectl(kubeconfig, "apply", "-f", manifest);
    for (const ns of [podsNs, labelledNs]) {
      await eventually(
        `every pod of ${ns} Running on a virtual node`,
        async () => {
          const pods = (await kubectl(kubeconfig, "-n", ns, "get", "pod", "-o", "wide", "--no-headers")).trim().split("\n");
          return pods.length >= (ns === podsNs ? 3 : 1) && pods.every((l) => /\sRunning\s/.test(l) && l.includes("virtual-kubelet")) ? true : undefined;
        },
        60_000,
        500,
      );
    }
    const placed = await run("placement", "-o", "json");
    expect(placed.code).toBe(0);
    const lanes = JSON.parse(placed.stdout) as Record<"eci" | "datacenter" | "notPlaced", { namespace: string; name: string }[]>;
    const ours = (list: { namespace: string }[]) => list.filter((p) => p.namespace === podsNs || p.namespace === labelledNs);
    expect(ours(lanes.datacenter)).toEqual([]);
    expect(ours(lanes.notPlaced)).toEqual([]);
    const eci = ours(lanes.eci);
    expect(eci.map((p) => p.namespace).sort()).toEqual([labelledNs, podsNs, podsNs, podsNs].sort());
    for (const pod of eci)
      expect(pod).toMatchObject({ nodeName: node, zone: expect.stringMatching(/^cn-hangzhou-/), eciInstanceId: expect.stringMatching(/^eci-/), podIP: expect.any(String) });
    const table = await run("placement", "-n", podsNs);
    expect(table.stdout.split("\n")[0]).toMatch(/^LANE\s+NAMESPACE\s+NAME\s+STATUS\s+NODE\s+ZONE\s+IP\s+ECI INSTANCE$/);
    expect(table.stdout.split("\n").filter((l) => l.startsWith("ECI "))).toHaveLength(3);
  }, 120_000);

  it("doctor passes every check on the installed cluster", async () => {
    const doctor = await run("doctor", "-o", "json");
    expect(doctor.code).toBe(0);
    const result = JSON.parse(doctor.stdout);
    expect(result.checks.filter((c: { status: string }) => c.status !== "ok")).toEqual([]);
    expect(result.checks.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining(["kubernetes-version", "eci-region", "mutating-admission", "registered-cluster", "addon-secret", "policies", "addon", "webhook", "virtual-nodes"]),
    );
  }, 60_000);

  it("eci-profile set: an unknown vSwitch exits 2 with nothing written; --dry-run shows the diff; set writes once", async () => {
    const before = await kubectlJson(kubeconfig, "-n", "kube-system", "get", "cm", "eci-profile");
    const current = before.data.vSwitchIds as string;
    const unknown = await run("eci-profile", "set", "--vswitch-ids", `${current},vsw-bp1doesnotexist000000`);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/vSwitchIds\.1: vSwitch vsw-bp1doesnotexist000000 was not found/);
    expect((await kubectlJson(kubeconfig, "-n", "kube-system", "get", "cm", "eci-profile")).metadata.resourceVersion).toBe(before.metadata.resourceVersion);

    const vpcId = before.data.vpcId as string;
    const other = (await listVSwitches(cloud!)).find((v) => v.vSwitchId !== current && v.vpcId === vpcId);
    expect(other).toBeDefined();
    const wanted = `${current},${other!.vSwitchId}`;
    const dry = await run("eci-profile", "set", "--vswitch-ids", wanted, "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`- vSwitchIds: ${current}\n+ vSwitchIds: ${wanted}\n`);
    expect(dry.stdout).toMatch(/nothing was written/);
    expect((await kubectlJson(kubeconfig, "-n", "kube-system", "get", "cm", "eci-profile")).metadata.resourceVersion).toBe(before.metadata.resourceVersion);

    const set = await run("eci-profile", "set", "--vswitch-ids", wanted, "-o", "yaml");
    expect(set.code).toBe(0);
    expect(parse(set.stdout)).toMatchObject({ changed: true });
    expect((await kubectlJson(kubeconfig, "-n", "kube-system", "get", "cm", "eci-profile")).data.vSwitchIds).toBe(wanted);
    const again = await run("eci-profile", "set", "--vswitch-ids", wanted);
    expect(again.stdout).toContain("eci-profile already holds these settings; nothing was written.");
    const got = parse((await run("eci-profile", "get", "-o", "yaml")).stdout);
    expect(got).toMatchObject({ kind: "ConfigMap", data: { vSwitchIds: wanted, vpcId } });
  }, 90_000);

  it("eci-profile edit validates before writing, and a change made meanwhile is a conflict (exit 5) that overwrites nothing", async () => {
    const before = await kubectlJson(kubeconfig, "-n", "kube-system", "get", "cm", "eci-profile");
    // $EDITOR scripts: one types an unknown vSwitch; the other saves a valid change while someone annotates the ConfigMap.
    const editor = async (name: string, script: string) => {
      const file = path.join(stateDir, `cli-flow-${name}-${stamp}.sh`);
      await writeFile(file, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
      return file;
    };
    const typo = await editor("typo", `sed -i 's/^vSwitchIds: .*/vSwitchIds: vsw-bp1doesnotexist000000/' "$1"`);
    const bad = await vnode({ ...env, EDITOR: typo }, ["eci-profile", "edit"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/vSwitchIds\.0: vSwitch vsw-bp1doesnotexist000000 was not found/);
    expect((await kubectlJson(kubeconfig, "-n", "kube-system", "get", "cm", "eci-profile")).metadata.resourceVersion).toBe(before.metadata.resourceVersion);

    const first = (before.data.vSwitchIds as string).split(",")[0];
    const racing = await editor(
      "race",
      `kubectl --kubeconfig ${kubeconfig} -n kube-system annotate cm eci-profile it/someone-else=${stamp} --overwrite >/dev/null && sed -i 's/^vSwitchIds: .*/vSwitchIds: ${first}/' "$1"`,
    );
    const raced = await vnode({ ...env, EDITOR: racing }, ["eci-profile", "edit"]);
    expect(raced.code).toBe(5);
    expect(raced.stderr).toMatch(/Not saved: eci-profile changed in the cluster since it was read .*Nothing was overwritten/);
    const after = await kubectlJson(kubeconfig, "-n", "kube-system", "get", "cm", "eci-profile");
    expect(after.data.vSwitchIds).toBe(before.data.vSwitchIds);
    expect(after.metadata.annotations[`it/someone-else`]).toBe(String(stamp));
  }, 60_000);

  it("--all-contexts over 5 contexts (one broken) prints a summary and exits 1", async () => {
    const kc = parse(await readFile(kubeconfig, "utf8"));
    const ctx = kc.contexts[0].context;
    kc.clusters.push({ name: "broken", cluster: { server: `https://127.0.0.1:${await closedPort()}`, "insecure-skip-tls-verify": true } });
    kc.contexts = [...["ctx-1", "ctx-2", "ctx-3", "ctx-4"].map((name) => ({ name, context: { ...ctx } })), { name: "broken", context: { ...ctx, cluster: "broken" } }];
    kc["current-context"] = "ctx-1";
    const five = path.join(stateDir, `cli-flow-5-contexts-${stamp}.yaml`);
    await writeFile(five, stringify(kc));

    const grant = await run("ram-user", "grant", "--addon", "ack-virtual-node", "--all-contexts", "--kubeconfig", five);
    expect(grant.code).toBe(1);
    const rows = grant.stdout.trim().split("\n");
    expect(rows[0]).toMatch(/^CONTEXT\s+RESULT\s+MESSAGE$/);
    for (const name of ["ctx-1", "ctx-2", "ctx-3", "ctx-4"]) expect(rows).toContainEqual(expect.stringMatching(new RegExp(`^${name}\\s+ok\\s+granted, nothing changed$`)));
    expect(rows).toContainEqual(expect.stringMatching(/^broken\s+failed \(exit 4\)\s+broken is not linked/));
    expect(rows.at(-1)).toBe("4 of 5 contexts ok, 1 failed.");

    const status = await run("addon", "status", "ack-virtual-node", "--all-contexts", "--kubeconfig", five, "-o", "json");
    expect(status.code).toBe(1);
    const summary = JSON.parse(status.stdout);
    expect(summary.failed).toBe(1);
    expect(summary.contexts.find((c: { context: string }) => c.context === "broken").summary).toMatch(/Connection refused/);

    const doctor = await run("doctor", "--all-contexts", "--kubeconfig", five, "--concurrency", "2");
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/^broken\s+failed \(exit 1\)\s+\d+ failed: Cluster reachable/m);
  }, 90_000);

  it("uninstall lists the ECI pods that stay and asks; with --yes prints onectl's line; leftover virtual nodes go", async () => {
    const refused = await run("addon", "uninstall", "ack-virtual-node");
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/ECI pods keep running/);
    expect(refused.stderr).toContain(podsNs);
    expect(refused.stderr).toMatch(/Run again with --yes/);
    expect(JSON.parse((await run("addon", "status", "ack-virtual-node", "-o", "json")).stdout).state.phase).toBe("installed");

    const done = await run("addon", "uninstall", "ack-virtual-node", "--yes");
    expect(done.code).toBe(0);
    expect(done.stdout.split("\n")[0]).toBe("Addon ack-virtual-node uninstalled.");
    // The ECI pods are not deleted by an uninstall.
    expect(await kubectl(kubeconfig, "-n", podsNs, "get", "pod", "nginx", "-o", "name")).toBe("pod/nginx\n");

    const deleted = await run("virtual-nodes", "delete", "--leftover", "--yes");
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toMatch(/^Deleted virtual-kubelet-/);
    expect(await kubectl(kubeconfig, "get", "no", "-l", "type=virtual-kubelet", "-o", "name")).toBe("");
    expect((await run("virtual-nodes", "delete", "--leftover", "--yes")).stdout).toBe("No leftover virtual nodes: nothing to delete.\n");
  }, 120_000);

  it("ram-user revoke deletes the Secret, the keys and the RAM user; a repeat has nothing to do", async () => {
    const revoked = await run("ram-user", "revoke", "--yes");
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(/deleted kube-system\/alibaba-addon-secret; deleted AccessKey LTAI\*\*\*\*\S+; detached .*; deleted RAM user ack-one-user-/);
    await expect(kubectl(kubeconfig, "-n", "kube-system", "get", "secret", "alibaba-addon-secret")).rejects.toThrow(/NotFound/);
    expect(JSON.parse((await run("ram-user", "show", "-o", "json")).stdout)).toMatchObject({ exists: false, accessKeys: [], secret: { exists: false } });
    expect((await run("ram-user", "revoke", "--yes")).stdout).toMatch(/^Nothing to revoke/);
  }, 60_000);
});
