/** What the UI disables, and why: `null` when allowed, else the sentence shown beside the disabled button. */
export interface PagePermissions {
  operate: string | null;
  admin: string | null;
  /** Namespaces the person may label for ECI: "all", or the names (Kubernetes decides: SelfSubjectAccessReview). */
  labelNamespaces: "all" | string[];
  labelRefusal: string;
}
