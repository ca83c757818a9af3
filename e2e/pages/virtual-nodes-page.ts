import type { Locator, Page } from "@playwright/test";
import { SANDBOX_CLUSTER } from "../support/sandbox-helpers";
import { type UiText, ui } from "../support/catalogue";
import { ConfirmDialog, ConsolePage, clusterPath } from "./console-page";

type Lane = "virtual" | "datacenter";

/** /clusters/<cluster>/virtual-nodes: the virtual node table, the pod lanes, the filters and the namespace panel, all live. */
export class VirtualNodesPage extends ConsolePage {
  readonly path: string;
  readonly heading: Locator;
  /** "Settings (vSwitches, security group)". */
  readonly settingsLink: Locator;
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
    t: UiText = ui(),
  ) {
    super(page, t);
    this.path = clusterPath(cluster, "/virtual-nodes");
    this.heading = page.getByRole("heading", { name: t("virtualNodes.title"), level: 1 });
    this.virtualNodeTable = page.getByRole("region", { name: t("virtualNodes.table.title"), exact: true });
    this.virtualLane = page.getByRole("region", { name: t("virtualNodes.virtualLane") });
    this.datacenterLane = page.getByRole("region", { name: t("virtualNodes.datacenterLane") });
    this.namespacePanel = page.getByRole("region", { name: t("virtualNodes.namespaces.title"), exact: true });
    this.namespaceFilter = page.getByLabel(t("virtualNodes.filterByNamespace"));
    this.labelFilter = page.getByLabel(t("virtualNodes.filterByLabels"));
    this.settingsLink = page.getByRole("link", { name: t("virtualNodes.settingsLink") });
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
    return this.page.getByRole("article", { name: this.t("virtualNodes.lane.node", { name: node }), exact: true });
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

  /** A namespace's ECI toggle, by what it offers ("Send new pods to ECI" or "Stop sending to ECI", in English). */
  eciToggle(namespace: string, offer: "Send new pods to ECI" | "Stop sending to ECI"): Locator {
    const key = offer === "Send new pods to ECI" ? "virtualNodes.namespaces.sendButton" : "virtualNodes.namespaces.stopButton";
    return this.namespace(namespace).getByRole("button", { name: this.t(key) });
  }

  /** "Send new pods to ECI" on a namespace: the confirmation opens (it adds alibabacloud.com/eci=true). */
  async startSendingToEci(namespace: string): Promise<ConfirmDialog> {
    await this.eciToggle(namespace, "Send new pods to ECI").click();
    return new ConfirmDialog(this.page, this.t("virtualNodes.namespaces.sendTitle", { namespace }), this.t("virtualNodes.namespaces.addLabel"), this.t);
  }

  /** "Stop sending to ECI" on a namespace: the confirmation opens (it removes the label). */
  async startStoppingEci(namespace: string): Promise<ConfirmDialog> {
    await this.eciToggle(namespace, "Stop sending to ECI").click();
    return new ConfirmDialog(this.page, this.t("virtualNodes.namespaces.stopTitle", { namespace }), this.t("virtualNodes.namespaces.removeLabel"), this.t);
  }

  /** The namespace panel's answer to the last toggle. */
  namespaceMessage(text: string | RegExp): Locator {
    return this.namespacePanel.getByRole("status").or(this.namespacePanel.getByRole("alert")).filter({ hasText: text });
  }

  async filterByNamespace(namespace: string) {
    await this.namespaceFilter.selectOption(namespace === "" ? { label: this.t("virtualNodes.allNamespaces") } : namespace);
  }

  async filterByLabels(selector: string) {
    await this.labelFilter.fill(selector);
  }

  async openSettings() {
    await this.settingsLink.click();
  }
}
