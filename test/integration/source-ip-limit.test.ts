// The seed's Warning: AccessKeys limited to trusted networks. The automatic grant with source networks gives the
// add-on's RAM user a Deny on acs:SourceIp outside them; the cloud emulator evaluates it as RAM does, so a call
// signed with the add-on's key from outside is refused and one from inside passes. Removing the limit restores it.
import * as $Vpc from "@alicloud/vpc20160428";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { CloudEmulator } from "@/sandbox/cloud";
import { captureServer, replay, VpcClient } from "../cloud/helpers";
import { kubectl, kubectlJson } from "./kubectl";
import { pointConsoleAtSandbox } from "./console-env";

const { kubeconfig, cloud, clusters } = inject("sandbox");
pointConsoleAtSandbox(inject("sandbox"), "console-source-ip");
const { automaticGrant } = await import("@/lib/server/automatic-grant");
const cluster = clusters![0].context;
const ackClusterId = clusters![0].clusterId;
const grant = (sourceCidrs?: string[]) => automaticGrant({ cluster, ackClusterId, who: "it", replaceExisting: true, rotate: false, sourceCidrs });

/** The add-on's key as the controller would read it from alibaba-addon-secret (kept in memory, never printed). */
async function addonKey() {
  const data = (await kubectlJson(kubeconfig, "-n", "kube-system", "get", "secret", "alibaba-addon-secret")).data;
  const decode = (v: string) => Buffer.from(v, "base64").toString();
  return { accessKeyId: decode(data["access-key-id"]), accessKeySecret: decode(data["access-key-secret"]) };
}

/** VPC DescribeVSwitches signed with the add-on's key by the official client, sent from `localAddress`. */
async function describeVSwitchesFrom(localAddress: string) {
  const cap = await captureServer();
  try {
    const client = new VpcClient(new $OpenApiUtil.Config({ ...(await addonKey()), endpoint: cap.endpoint, protocol: "http", regionId: cloud!.regionId }));
    await client.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId: cloud!.regionId })).catch(() => undefined);
    return await replay({ endpoint: cloud!.endpoint } as CloudEmulator, cap.requests[0], localAddress);
  } finally {
    await cap.close();
  }
}

beforeAll(async () => {
  await kubectl(kubeconfig, "-n", "kube-system", "delete", "secret", "alibaba-addon-secret", "--ignore-not-found");
});
afterAll(async () => {
  await grant([]);
  await kubectl(kubeconfig, "-n", "kube-system", "delete", "secret", "alibaba-addon-secret", "--ignore-not-found");
});

describe("source network limit on the add-on's key", () => {
  it("refuses calls from outside the networks with RAM's error and lets calls from inside through", async () => {
    const limited = await grant(["127.0.0.2/32"]);
    expect(limited).toMatchObject({ kind: "done" });
    if (limited.kind !== "done") return;
    expect(limited.changes.join("\n")).toContain("keys to 127.0.0.2/32");

    expect((await describeVSwitchesFrom("127.0.0.2")).status).toBe(200);
    const outside = await describeVSwitchesFrom("127.0.0.1");
    expect(outside).toMatchObject({ status: 403, json: { Code: "Forbidden.RAM", AccessDeniedDetail: { NoPermissionType: "ExplicitDeny" } } });

    // Repeating the grant with the same networks changes nothing.
    expect(await grant(["127.0.0.2/32"])).toMatchObject({ kind: "done", changes: [] });
  });

  it("removing the limit lets the key work from anywhere again", async () => {
    const removed = await grant([]);
    expect(removed).toMatchObject({ kind: "done", changes: [expect.stringContaining("removed the source network limit")] });
    expect((await describeVSwitchesFrom("127.0.0.1")).status).toBe(200);
  });
});
