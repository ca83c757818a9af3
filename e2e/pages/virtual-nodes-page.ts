import type { Locator, Page } from "@playwright/test";
import { SANDBOX_CLUSTER } from "../support/sandbox-helpers";
import { ConfirmDialog, ConsolePage, clusterPath } from "./console-page";

type Lane = "virtual" | "datacenter";

/** /clusters/<cluster>/virtual-nodes: the virtual node table, the pod lanes, the filters and the namespace panel, all live. */
export class VirtualNodesPage extends ConsolePage {
  readonly path: string;
  readonly virtualNodeTable: Locator;
  /** Pods on virtual nodes (ECI). */
  readonly virtualLane: Locator;
  /** Pods on data-center nodes (and those not placed yet). */
  readonly datacenterLane: Locator;
  readonly namespacePanel: Locator;
  readonly namespaceFilter: Locator;
  readonly labelFilter: Locator;
  /** "n pods on ECI · m on data-center nodes · k not placed" (a span without a role: test id). */
  readonly placementCounts: Locator;

  constructor(
    page: Page,
    readonly cluster = SANDBOX_CLUSTER,
  ) {
    super(page);
    this.path = clusterPath(cluster, "/virtual-nodes");
    this.virtualNodeTable = page.getByRole("region", { name: "Virtual nodes", exact: true });
    this.virtualLane = page.getByRole("region", { name: "Virtual nodes lane" });
    this.datacenterLane = page.getByRole("region", { name: "Data-center nodes lane" });
    this.namespacePanel = page.getByRole("region", { name: "Namespaces", exact: true });
    this.namespaceFilter = page.getByLabel("Filter by namespace");
    this.labelFilter = page.getByLabel("Filter by labels");
    this.placementCounts = page.getByTestId("placement-counts");
  }

  async goto() {
    await this.page.goto(this.path);
  }

  /** The row of the virtual node table whose text matches (its name, e.g. virtual-kubelet-cn-hangzhou-b). */
  virtualNode(name: string | RegExp): Locator {
    return this.virtualNodeTable.getByRole("row").filter({ hasText: name });
  }

  /** A node's lane card ("Node <name>"), with its pods. */
  nodeLane(node: string): Locator {
    return this.page.getByRole("article", { name: `Node ${node}`, exact: true });
  }

  /**
   * A pod's row ("namespace/name"), in one lane or anywhere on the page. The rows have no accessible name; they are
   * found by their `data-pod` attribute.
   */
  pod(namespacedName: string, lane?: Lane): Locator {
    const scope = lane === "virtual" ? this.virtualLane : lane === "datacenter" ? this.datacenterLane : this.page;
    return scope.locator(`[data-pod="${namespacedName}"]`);
  }

  /** A namespace's row in the namespace panel. */
  namespace(name: string): Locator {
    return this.namespacePanel.getByRole("listitem").filter({ has: this.page.getByText(name, { exact: true }) });
  }

  /** A namespace's ECI toggle, by what it offers. */
  eciToggle(namespace: string, offer: "Send new pods to ECI" | "Stop sending to ECI"): Locator {
    return this.namespace(namespace).getByRole("button", { name: offer });
  }

  /** "Send new pods to ECI" on a namespace: the confirmation opens (it adds alibabacloud.com/eci=true). */
  async startSendingToEci(namespace: string): Promise<ConfirmDialog> {
    await this.eciToggle(namespace, "Send new pods to ECI").click();
    return new ConfirmDialog(this.page, `Send new pods of ${namespace} to ECI?`, "Add the label");
  }

  /** "Stop sending to ECI" on a namespace: the confirmation opens (it removes the label). */
  async startStoppingEci(namespace: string): Promise<ConfirmDialog> {
    await this.eciToggle(namespace, "Stop sending to ECI").click();
    return new ConfirmDialog(this.page, `Stop sending ${namespace} to ECI?`, "Remove the label");
  }

  /** The namespace panel's answer to the last toggle. */
  namespaceMessage(text: string | RegExp): Locator {
    return this.namespacePanel.getByRole("status").or(this.namespacePanel.getByRole("alert")).filter({ hasText: text });
  }

  async filterByNamespace(namespace: string) {
    await this.namespaceFilter.selectOption(namespace === "" ? { label: "All namespaces" } : namespace);
  }

  async filterByLabels(selector: string) {
    await this.labelFilter.fill(selector);
  }

  async openSettings() {
    await this.page.getByRole("link", { name: "Settings (vSwitches, security group)" }).click();
  }
}
