// The eci-profile form's server side on the real control plane and the cloud emulator: the round trip keeps every
// byte it does not mean to change, a concurrent change is reported (never overwritten), and every field is checked
// against the emulator's real VPC, vSwitches and security groups.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { describeEciRegions } from "@/lib/alicloud/ack";
import { factsForValidation, loadNetworkFacts } from "@/lib/alicloud/network";
import { MAX_VSWITCHES, merge, parseEciProfile, resolveConflicts, toConfigMapData, type EciProfileFields, type NetworkFacts } from "@/lib/eci-profile";
import { readEciProfile, writeEciProfile } from "@/lib/k8s/eci-profile";
import { checkProfile } from "@/lib/eci-profile";
import { saveEciProfileSchema } from "@/app/clusters/[cluster]/virtual-nodes/settings/schema";
import type { SandboxInfo } from "@/sandbox/sandbox-info";
import { kubectl, kubectlJson } from "./kubectl";
import { pointConsoleAtSandbox } from "./console-env";

/** The console's configuration for the sandbox (what `npm start` sets); returns the cluster id (kube context). */

/**
 * eci-profile for this file only: whatever the cluster had is put back afterwards (or the ConfigMap removed), so an
 * add-on install in a later file creates its own instead of finding these test values.
 */
function scratchEciProfile(sandbox: SandboxInfo) {
  const kc = new KubeConfig();
  kc.loadFromFile(sandbox.kubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  const ref = { namespace: "kube-system", name: "eci-profile" };
  let previous: Record<string, string> | undefined;
  const read = () => core.readNamespacedConfigMap(ref).catch((e) => (e.code === 404 ? undefined : Promise.reject(e)));
  const replaceData = async (data: Record<string, string>, meta: { labels?: Record<string, string>; annotations?: Record<string, string> } = {}) => {
    const body = { metadata: { ...ref, ...meta }, data };
    if (await read()) await core.replaceNamespacedConfigMap({ ...ref, body });
    else await core.createNamespacedConfigMap({ namespace: ref.namespace, body });
  };
  return {
    replaceData,
    async setUp() {
      previous = (await read())?.data;
    },
    async tearDown() {
      if (previous) await replaceData(previous);
      else await core.deleteNamespacedConfigMap(ref).catch(() => {});
    },
  };
}

const info = inject("sandbox");
const { kubeconfig } = info;
const cluster = pointConsoleAtSandbox(info);
const scratch = scratchEciProfile(info);
let facts: NetworkFacts;
let valid: EciProfileFields;

const fieldsOf = (data: Record<string, string>): EciProfileFields => {
  const { otherKeys, ...fields } = parseEciProfile(data).profile;
  void otherKeys;
  return fields;
};

beforeAll(async () => {
  await scratch.setUp();
  facts = await loadNetworkFacts(info.cloud!.regionId);
  const vpc = facts.vpcs[0];
  const [h, i] = facts.vSwitches.filter((v) => v.vpcId === vpc.vpcId);
  valid = { ...fieldsOf({}), vpcId: vpc.vpcId, vSwitchIds: [h.vSwitchId, i.vSwitchId], securityGroupId: facts.securityGroups.find((g) => g.vpcId === vpc.vpcId)!.securityGroupId };
});

afterAll(() => scratch.tearDown());

// Keys the form does not know, and known keys spelled in ways the form would not write, all with odd bytes.
const ODD = {
  featureGates: "WaitForFirstConsumer=false,  ECIPodDisruption=true ",
  slsMachineGroup: "k8s-group-c0ffee\n# trailing comment\n",
  "custom.example.com_note": "  leading and trailing spaces\t",
  unicode: "zone: 杭州 ✓",
  enableClusterIp: "True",
  selectors: '[ {"name":"batch", "objectSelector": {"matchLabels": {"app":"job"}}} ]',
};

describe("eci-profile round trip", () => {
  it("changes only the keys that changed; unknown keys, labels and annotations stay byte-for-byte", async () => {
    const vSwitchIds = `${valid.vSwitchIds[0]}, ${valid.vSwitchIds[1]}`; // a space after the comma: same meaning
    await scratch.replaceData(
      { ...ODD, vpcId: valid.vpcId, vSwitchIds, securityGroupId: valid.securityGroupId },
      { labels: { team: "platform" }, annotations: { "example.com/owner": "ops" } },
    );
    const before = (await readEciProfile(cluster))!;
    const fields = fieldsOf(before.data);
    expect(fields.enableClusterIp).toBe(true);
    const third = facts.vSwitches.find((v) => v.vpcId === valid.vpcId && !valid.vSwitchIds.includes(v.vSwitchId))!;
    const outcome = await writeEciProfile(cluster, before.resourceVersion, (base) => toConfigMapData({ ...fields, vSwitchIds: [...fields.vSwitchIds, third.vSwitchId] }, base));
    expect(outcome.kind).toBe("written");

    const cm = await kubectlJson(kubeconfig, "-n", "kube-system", "get", "cm", "eci-profile");
    for (const [key, value] of Object.entries(ODD)) expect(cm.data[key]).toBe(value);
    expect(cm.data.vSwitchIds).toBe([...valid.vSwitchIds, third.vSwitchId].join(","));
    expect(cm.data.vpcId).toBe(valid.vpcId);
    expect(cm.metadata.labels).toMatchObject({ team: "platform" });
    expect(cm.metadata.annotations).toMatchObject({ "example.com/owner": "ops" });
    expect(Object.keys(cm.data).sort()).toEqual(Object.keys(before.data).sort());
  });

  it("an unchanged form writes nothing: the resourceVersion stays", async () => {
    const before = (await readEciProfile(cluster))!;
    const outcome = await writeEciProfile(cluster, before.resourceVersion, (base) => toConfigMapData(fieldsOf(base), base));
    expect(outcome).toEqual({ kind: "unchanged", snapshot: before });
    expect((await readEciProfile(cluster))!.resourceVersion).toBe(before.resourceVersion);
  });
});

describe("eci-profile conflicts", () => {
  it("a kubectl change after the form loaded: 409, their change is returned, and nothing of theirs is lost", async () => {
    const base = (await readEciProfile(cluster))!;
    const mineFields = { ...fieldsOf(base.data), vSwitchIds: [...fieldsOf(base.data).vSwitchIds].reverse() };
    await kubectl(
      kubeconfig,
      "-n",
      "kube-system",
      "patch",
      "cm",
      "eci-profile",
      "--type",
      "merge",
      "-p",
      JSON.stringify({ data: { featureGates: "ByKubectl=true", enablePrivateZone: "true" } }),
    );

    const outcome = await writeEciProfile(cluster, base.resourceVersion, (data) => toConfigMapData(mineFields, data));
    expect(outcome.kind).toBe("conflict");
    const theirs = outcome.kind === "conflict" ? outcome.current! : undefined;
    expect(theirs!.data).toMatchObject({ featureGates: "ByKubectl=true", enablePrivateZone: "true", vSwitchIds: base.data.vSwitchIds });
    // The cluster still holds their edit untouched.
    expect((await kubectlJson(kubeconfig, "-n", "kube-system", "get", "cm", "eci-profile")).data.featureGates).toBe("ByKubectl=true");

    // Merge (base = what the form loaded) and save onto their version: both changes end up in the cluster.
    const result = merge(base.data, toConfigMapData(mineFields, base.data), theirs!.data);
    expect(result.conflicts).toEqual([]);
    expect(result.fromMine).toEqual(["vSwitchIds"]);
    expect(result.fromTheirs.sort()).toEqual(["enablePrivateZone", "featureGates"]);
    const merged = fieldsOf(resolveConflicts(result, {}));
    const second = await writeEciProfile(cluster, theirs!.resourceVersion, (data) => toConfigMapData(merged, data));
    expect(second.kind).toBe("written");
    const cm = await kubectlJson(kubeconfig, "-n", "kube-system", "get", "cm", "eci-profile");
    expect(cm.data).toMatchObject({ featureGates: "ByKubectl=true", enablePrivateZone: "true", vSwitchIds: mineFields.vSwitchIds.join(",") });
  });

  it("the same key changed on both sides is a conflict for the user, never a silent pick", async () => {
    const base = (await readEciProfile(cluster))!;
    const sg = "sg-bp1theirs0001";
    await kubectl(kubeconfig, "-n", "kube-system", "patch", "cm", "eci-profile", "--type", "merge", "-p", JSON.stringify({ data: { securityGroupId: sg } }));
    const mine = toConfigMapData({ ...fieldsOf(base.data), securityGroupId: valid.securityGroupId.replace(/.$/, "9") }, base.data);
    const outcome = await writeEciProfile(cluster, base.resourceVersion, (data) => toConfigMapData(fieldsOf(mine), data));
    expect(outcome.kind).toBe("conflict");
    const theirs = outcome.kind === "conflict" ? outcome.current! : undefined;
    const result = merge(base.data, mine, theirs!.data);
    expect(result.conflicts).toEqual([{ key: "securityGroupId", base: base.data.securityGroupId, mine: mine.securityGroupId, theirs: sg }]);
    expect(() => resolveConflicts(result, {})).toThrow(/securityGroupId/);
    await kubectl(kubeconfig, "-n", "kube-system", "patch", "cm", "eci-profile", "--type", "merge", "-p", JSON.stringify({ data: { securityGroupId: valid.securityGroupId } }));
  });

  it("a deleted eci-profile (add-on uninstalled) is a conflict with nothing current, and is not re-created", async () => {
    const base = (await readEciProfile(cluster))!;
    await kubectl(kubeconfig, "-n", "kube-system", "delete", "cm", "eci-profile");
    const outcome = await writeEciProfile(cluster, base.resourceVersion, (data) => toConfigMapData(valid, data));
    expect(outcome).toEqual({ kind: "conflict", current: undefined });
    expect(await readEciProfile(cluster)).toBeUndefined();
    await scratch.replaceData(base.data);
  });
});

describe("eci-profile checks with the emulator's VPC", () => {
  const errorsOf = async (patch: Partial<EciProfileFields>) => {
    const fields = { ...valid, ...patch };
    return checkProfile(fields, await factsForValidation(info.cloud!.regionId, fields.vSwitchIds, describeEciRegions));
  };
  const messages = (list: { field: string; message: string }[], field: string) =>
    list
      .filter((m) => m.field === field)
      .map((m) => m.message)
      .join(" | ");

  it("a profile with vSwitches in two zones of the VPC and its security group passes with no warning", async () => {
    expect(await errorsOf({})).toEqual({ errors: [], warnings: [] });
  });

  it("vpcId: format and existence", async () => {
    expect(messages((await errorsOf({ vpcId: "vpc_bp1" })).errors, "vpcId")).toMatch(/must start with "vpc-"/);
    expect(messages((await errorsOf({ vpcId: "VPC-BP1" })).errors, "vpcId")).toMatch(/must be lowercase: use "vpc-bp1"/);
    expect(messages((await errorsOf({ vpcId: "vpc-bp1nosuchvpc" })).errors, "vpcId")).toMatch(/was not found in region cn-hangzhou; pick one of the region's VPCs/);
    const shanghaiVpc = (await loadNetworkFacts("cn-shanghai")).vpcs[0].vpcId;
    expect(messages((await errorsOf({ vpcId: shanghaiVpc })).errors, "vpcId")).toMatch(/not found in region cn-hangzhou/);
  });

  it("vSwitchIds: format, duplicates, empty, more than 10, unknown, other region; one zone is a warning", async () => {
    const [a, b] = valid.vSwitchIds;
    expect(messages((await errorsOf({ vSwitchIds: [a, "vsw-Bad"] })).errors, "vSwitchIds.1")).toMatch(/must be lowercase/);
    expect(messages((await errorsOf({ vSwitchIds: [a, "switch-1"] })).errors, "vSwitchIds.1")).toMatch(/must start with "vsw-"/);
    expect(messages((await errorsOf({ vSwitchIds: [a, b, a] })).errors, "vSwitchIds.2")).toMatch(/already listed at position 1; remove the duplicate/);
    expect(messages((await errorsOf({ vSwitchIds: [] })).errors, "vSwitchIds")).toMatch(/Pick at least one vSwitch/);
    const eleven = Array.from({ length: MAX_VSWITCHES + 1 }, (_, i) => `vsw-bp1many${i}`);
    expect(messages((await errorsOf({ vSwitchIds: eleven })).errors, "vSwitchIds")).toMatch(/At most 10 vSwitches are allowed; remove 1/);
    expect(messages((await errorsOf({ vSwitchIds: [a, "vsw-bp1nosuchswitch"] })).errors, "vSwitchIds.1")).toMatch(
      /was not found in region cn-hangzhou; remove it or pick a vSwitch of vpc-/,
    );
    const shanghai = (await loadNetworkFacts("cn-shanghai")).vSwitches[0];
    expect(messages((await errorsOf({ vSwitchIds: [a, shanghai.vSwitchId] })).errors, "vSwitchIds.1")).toContain(`is in zone ${shanghai.zoneId}, outside region cn-hangzhou`);
    const { errors, warnings } = await errorsOf({ vSwitchIds: [a] });
    expect(errors).toEqual([]);
    expect(messages(warnings, "vSwitchIds")).toMatch(/All vSwitches are in zone cn-hangzhou-\w; .* Add a vSwitch in another zone/);
  });

  it("securityGroupId: format, only one, existence", async () => {
    expect(messages((await errorsOf({ securityGroupId: "group-1" })).errors, "securityGroupId")).toMatch(/must start with "sg-"/);
    expect(messages((await errorsOf({ securityGroupId: `${valid.securityGroupId},sg-bp1other` })).errors, "securityGroupId")).toMatch(
      /supports only one security group; keep one of/,
    );
    expect(messages((await errorsOf({ securityGroupId: "sg-bp1nosuchgroup" })).errors, "securityGroupId")).toMatch(
      /was not found in region cn-hangzhou; pick a security group of vpc-/,
    );
  });

  it("resourceGroupId, the switches and selectors", async () => {
    expect((await errorsOf({ resourceGroupId: "" })).errors).toEqual([]);
    expect(messages((await errorsOf({ resourceGroupId: "group-a" })).errors, "resourceGroupId")).toMatch(/must start with "rg-".*or leave it empty/);
    expect(messages((await errorsOf({ enablePrivateZone: "yes" as unknown as boolean })).errors, "enablePrivateZone")).toMatch(/must be on or off/);
    const selectors = [{ name: "a", objectSelector: { matchLabels: { "bad key!": "x" } } }, { name: "a" }];
    const { errors } = await errorsOf({ selectors });
    expect(messages(errors, "selectors.0.objectSelector.matchLabels.bad key!")).toMatch(/Invalid label key in objectSelector.matchLabels/);
    expect(messages(errors, "selectors.1.name")).toMatch(/already used by selector 1/);
  });

  it("the action's input schema refuses a missing version and reports field paths", () => {
    const result = saveEciProfileSchema.safeParse({ cluster, resourceVersion: "", fields: { ...valid, vpcId: "x" } });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["resourceVersion", "fields.vpcId"]));
  });
});

describe("racing the form against 100 scripted concurrent edits", () => {
  it("loses none of them: every edit either lands or is reported as a conflict (and then redone)", async () => {
    await scratch.replaceData({ vpcId: valid.vpcId, vSwitchIds: valid.vSwitchIds.join(","), securityGroupId: valid.securityGroupId, featureGates: "Race=true" });
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    const core = kc.makeApiClient(CoreV1Api);
    const ref = { namespace: "kube-system", name: "eci-profile" };
    const EDITS = 100;
    const editors = { landedFirstTry: 0, conflicts: 0, landed: 0 };
    // A scripted `kubectl edit`: read, set its own key, write with the version read. A 409 is the conflict it is
    // shown; it then redoes the edit on the current version, as the user would.
    const edit = async (i: number) => {
      for (let attempt = 0; ; attempt++) {
        const cm = await core.readNamespacedConfigMap(ref);
        try {
          await core.replaceNamespacedConfigMap({ ...ref, body: { ...cm, data: { ...cm.data, [`race-${i}`]: `edit-${i}` } } });
          editors.landed++;
          if (attempt === 0) editors.landedFirstTry++;
          return;
        } catch (error) {
          if ((error as { code?: number }).code !== 409) throw error;
          editors.conflicts++;
          // Jittered backoff, as client-go's RetryOnConflict does: without it 100 writers mostly re-collide.
          await new Promise((r) => setTimeout(r, Math.random() * 10 * Math.min(attempt + 1, 10)));
        }
      }
    };
    // The form's write path, over and over with a new vSwitch order each round. On a conflict it does what the
    // conflict view offers: three-way merge (base = what it loaded) and save onto their version.
    const form = { written: 0, conflicts: 0, lastOrder: [] as string[] };
    const vsw = facts.vSwitches.filter((v) => v.vpcId === valid.vpcId).map((v) => v.vSwitchId);
    let editing = true;
    const formRounds = async () => {
      for (let round = 0; editing || round < 3; round++) {
        const order = [...vsw.slice(round % vsw.length), ...vsw.slice(0, round % vsw.length)];
        let base = (await readEciProfile(cluster))!;
        let fields = { ...fieldsOf(base.data), vSwitchIds: order };
        for (;;) {
          const mine = toConfigMapData(fields, base.data);
          const outcome = await writeEciProfile(cluster, base.resourceVersion, (data) => toConfigMapData(fields, data));
          if (outcome.kind !== "conflict") {
            if (outcome.kind === "written") form.written++;
            form.lastOrder = order;
            break;
          }
          form.conflicts++;
          const theirs = outcome.current!;
          const merged = merge(base.data, mine, theirs.data);
          expect(merged.conflicts).toEqual([]); // the editors never touch the form's keys
          fields = fieldsOf(resolveConflicts(merged, {}));
          base = theirs;
        }
      }
    };
    const started = Date.now();
    const formDone = formRounds();
    await Promise.all(Array.from({ length: EDITS }, (_, i) => edit(i)));
    editing = false;
    await formDone;

    const data = (await kubectlJson(kubeconfig, "-n", "kube-system", "get", "cm", "eci-profile")).data as Record<string, string>;
    const lost = Array.from({ length: EDITS }, (_, i) => i).filter((i) => data[`race-${i}`] !== `edit-${i}`);
    console.error(
      `race: ${EDITS} edits in ${Date.now() - started} ms: ${editors.landedFirstTry} landed first try, ${editors.conflicts} conflicts reported to editors; form: ${form.written} writes, ${form.conflicts} conflicts merged; lost: ${lost.length}`,
    );
    expect(lost).toEqual([]);
    expect(editors.landed).toBe(EDITS);
    expect(data.vSwitchIds).toBe(form.lastOrder.join(","));
    expect(data.featureGates).toBe("Race=true");
    expect(form.written).toBeGreaterThanOrEqual(3);
  }, 120_000);
});
