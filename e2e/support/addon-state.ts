// Bringing the sandbox back to "nothing granted, nothing installed" before a spec that walks the seed's flow from
// the start: in a full run, earlier specs leave the add-on installed or a Secret holding another user's key.
import { expect } from "@playwright/test";
import { uninstallAddon } from "@/sandbox/virtual-kubelet/addon-install";
import { e2eSandbox, kubectl, kubectlSucceeds } from "./sandbox-helpers";

/** UnInstallClusterAddons through the cloud emulator if installed, the virtual nodes deleted, alibaba-addon-secret deleted. */
export async function resetToNothingInstalled() {
  const info = e2eSandbox();
  if (await kubectlSucceeds("-n", "kube-system", "get", "deploy", "ack-virtual-node-controller")) await uninstallAddon(info.cloud!, info.clusters![0].clusterId);
  await kubectl("delete", "nodes", "-l", "type=virtual-kubelet", "--ignore-not-found", "--wait=false");
  await kubectl("-n", "kube-system", "delete", "secret", "alibaba-addon-secret", "--ignore-not-found");
  await expect.poll(() => kubectl("get", "nodes", "-l", "type=virtual-kubelet", "-o", "name"), { timeout: 30_000 }).toBe("");
}
