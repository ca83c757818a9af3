import type { Locator, Page } from "@playwright/test";
import { type UiText, ui } from "../support/catalogue";
import { ConsolePage } from "./console-page";

/** /clusters: one card per kube context, with its facts, prerequisites and ACK link. */
export class ClustersPage extends ConsolePage {
  readonly heading: Locator;

  constructor(page: Page, t: UiText = ui()) {
    super(page, t);
    this.heading = page.getByRole("heading", { name: t("clusters.title"), level: 1 });
  }

  async goto() {
    await this.page.goto("/clusters");
  }

  card(cluster: string): ClusterCard {
    return new ClusterCard(this.page, cluster, this.t);
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
    readonly t: UiText = ui(),
  ) {
    this.root = page.getByRole("article", { name: t("clusters.cardLabel", { cluster }), exact: true });
    this.kubernetesVersion = this.root.getByTestId("k8s-version");
    this.datacenterNodes = this.root.getByTestId("dc-nodes");
    this.virtualNodes = this.root.getByTestId("virtual-nodes");
    this.addonState = this.root.getByTestId("addon-state");
    this.linkSummary = this.root.getByTestId("cluster-link");
    this.linkClusterId = this.root.getByLabel(t("clusters.link.clusterId"), { exact: true });
    this.linkRegion = this.root.getByLabel(t("clusters.link.region"), { exact: true });
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
    await this.root.getByRole("button", { name: this.t("clusters.link.save") }).click();
  }

  /** The link form's answer: a status when saved, an alert when refused. */
  linkResult(text: string | RegExp): Locator {
    return this.root.getByRole("status").or(this.root.getByRole("alert")).filter({ hasText: text });
  }

  /** The card's "Virtual Nodes →" link. */
  virtualNodesLink(): Locator {
    return this.root.getByRole("link", { name: this.t("clusters.virtualNodesLink") });
  }

  /** The card's "Add-ons →" link. */
  addonsLink(): Locator {
    return this.root.getByRole("link", { name: this.t("clusters.addonsLink") });
  }

  async openVirtualNodes() {
    await this.virtualNodesLink().click();
  }

  async openAddons() {
    await this.addonsLink().click();
  }
}
