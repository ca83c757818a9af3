import type { Locator, Page } from "@playwright/test";
import { ConsolePage } from "./console-page";

/** /clusters: one card per kube context, with its facts, prerequisites and ACK link. */
export class ClustersPage extends ConsolePage {
  readonly heading: Locator;

  constructor(page: Page) {
    super(page);
    this.heading = page.getByRole("heading", { name: "Clusters", level: 1 });
  }

  async goto() {
    await this.page.goto("/clusters");
  }

  card(cluster: string): ClusterCard {
    return new ClusterCard(this.page, cluster);
  }
}

/** A cluster's card. The facts (<dd>) and prerequisites (<li>, in a <details> that is closed when all are met) have no accessible names: test ids. */
export class ClusterCard {
  readonly root: Locator;
  readonly kubernetesVersion: Locator;
  readonly datacenterNodes: Locator;
  readonly virtualNodes: Locator;
  readonly addonState: Locator;
  /** The summary of the ACK link form ("ACK registered cluster: … — change"). */
  readonly linkSummary: Locator;
  readonly linkClusterId: Locator;
  readonly linkRegion: Locator;

  constructor(
    readonly page: Page,
    readonly cluster: string,
  ) {
    this.root = page.getByRole("article", { name: `Cluster ${cluster}`, exact: true });
    this.kubernetesVersion = this.root.getByTestId("k8s-version");
    this.datacenterNodes = this.root.getByTestId("dc-nodes");
    this.virtualNodes = this.root.getByTestId("virtual-nodes");
    this.addonState = this.root.getByTestId("addon-state");
    this.linkSummary = this.root.getByTestId("cluster-link");
    this.linkClusterId = this.root.getByLabel("Cluster ID", { exact: true });
    this.linkRegion = this.root.getByLabel("Region", { exact: true });
  }

  /** A prerequisite by its id (kubernetes-version, registered-cluster, eci-region, …); `data-status` is ok, fail or unknown. */
  prerequisite(id: string): Locator {
    return this.root.getByTestId(`prereq-${id}`);
  }

  /** Opens the link form and saves the ACK registered cluster this context belongs to. */
  async linkTo({ clusterId, regionId }: { clusterId: string; regionId: string }) {
    if (!(await this.linkClusterId.isVisible())) await this.linkSummary.click();
    await this.linkClusterId.fill(clusterId);
    await this.linkRegion.fill(regionId);
    await this.root.getByRole("button", { name: "Save link" }).click();
  }

  /** The link form's answer: a status when saved, an alert when refused. */
  linkResult(text: string | RegExp): Locator {
    return this.root.getByRole("status").or(this.root.getByRole("alert")).filter({ hasText: text });
  }

  async openVirtualNodes() {
    await this.root.getByRole("link", { name: "Virtual Nodes →" }).click();
  }

  async openAddons() {
    await this.root.getByRole("link", { name: "Add-ons →" }).click();
  }
}
