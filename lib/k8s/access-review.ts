import "server-only";
import { AuthorizationV1Api } from "@kubernetes/client-node";
import { apiClient, type ImpersonatedUser } from "./api-client";

export interface ResourceAccess {
  verb: string;
  group: string;
  resource: string;
  /** Absent: cluster-wide (every namespace, or a cluster-scoped resource). */
  namespace?: string;
  name?: string;
}

/**
 * Asks the apiserver whether `who` may do `access` (SubjectAccessReview, made with the console's own credentials):
 * the same RBAC decision the apiserver would make for their own request.
 */
export async function mayAccess(cluster: string, who: ImpersonatedUser, access: ResourceAccess): Promise<boolean> {
  const review = await apiClient(cluster, AuthorizationV1Api).createSubjectAccessReview({
    body: {
      apiVersion: "authorization.k8s.io/v1",
      kind: "SubjectAccessReview",
      spec: {
        user: who.user,
        groups: [...who.groups, "system:authenticated"],
        resourceAttributes: { verb: access.verb, group: access.group, resource: access.resource, namespace: access.namespace, name: access.name },
      },
    },
  });
  return review.status?.allowed === true;
}

/** The same question asked by the person themselves (SelfSubjectAccessReview, impersonated): for the UI's buttons. */
export async function mayAccessSelf(cluster: string, who: ImpersonatedUser | undefined, access: ResourceAccess): Promise<boolean> {
  const review = await apiClient(cluster, AuthorizationV1Api, { as: who }).createSelfSubjectAccessReview({
    body: {
      apiVersion: "authorization.k8s.io/v1",
      kind: "SelfSubjectAccessReview",
      spec: { resourceAttributes: { verb: access.verb, group: access.group, resource: access.resource, namespace: access.namespace, name: access.name } },
    },
  });
  return review.status?.allowed === true;
}
