import { CoreV1Api, RbacAuthorizationV1Api, type KubeConfig, type V1ClusterRole, type V1ClusterRoleBinding, type V1Role, type V1RoleBinding } from "@kubernetes/client-node";
import { SANDBOX_GROUPS } from "./oidc/users";

/**
 * The RBAC the sandbox's people get (sandbox/oidc/users.ts), so that impersonated requests are decided by Kubernetes:
 * vnode-admins are cluster-admin; vnode-operators read everything and change what installing ack-virtual-node touches;
 * team-a-developers may work in namespace team-a only (its pods, its eci-profile label); a user with no group, nothing.
 */
export const TEAM_A_NAMESPACE = "team-a";

const label = { "app.kubernetes.io/managed-by": "vnode-sandbox" };

const operatorRole: V1ClusterRole = {
  metadata: { name: "vnode-console-operator", labels: label },
  rules: [
    { apiGroups: ["*"], resources: ["*"], verbs: ["get", "list", "watch"] },
    { apiGroups: [""], resources: ["configmaps", "namespaces", "nodes", "events"], verbs: ["create", "update", "patch", "delete"] },
    { apiGroups: ["apps"], resources: ["deployments"], verbs: ["update", "patch"] },
  ],
};

// A Role in team-a naming `namespaces`: RBAC applies it to the namespace object team-a itself (labelling it for ECI).
const teamRole: V1Role = {
  metadata: { name: "team-developer", namespace: TEAM_A_NAMESPACE, labels: label },
  rules: [
    { apiGroups: ["", "apps", "batch"], resources: ["*"], verbs: ["get", "list", "watch", "create", "update", "patch", "delete"] },
    { apiGroups: [""], resources: ["namespaces"], verbs: ["get", "patch"] },
  ],
};

const clusterBindings: V1ClusterRoleBinding[] = [
  {
    metadata: { name: "vnode-admins", labels: label },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
    subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: SANDBOX_GROUPS.admins }],
  },
  {
    metadata: { name: "vnode-operators", labels: label },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: operatorRole.metadata!.name! },
    subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: SANDBOX_GROUPS.operators }],
  },
];

const teamBinding: V1RoleBinding = {
  metadata: { name: "team-a-developers", namespace: TEAM_A_NAMESPACE, labels: label },
  roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: teamRole.metadata!.name! },
  subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: SANDBOX_GROUPS.teamA }],
};

const isCode = (error: unknown, code: number) => (error as { code?: number })?.code === code;

/** Creates, or brings back to this definition, what an earlier start left (idempotent across restarts). */
async function upsert(create: () => Promise<unknown>, replace: () => Promise<unknown>) {
  try {
    await create();
  } catch (error) {
    if (!isCode(error, 409)) throw error;
    await replace();
  }
}

export async function applySandboxRbac(kubeConfig: KubeConfig) {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const rbac = kubeConfig.makeApiClient(RbacAuthorizationV1Api);
  await core.createNamespace({ body: { metadata: { name: TEAM_A_NAMESPACE, labels: label } } }).catch((error) => {
    if (!isCode(error, 409)) throw error;
  });
  const name = operatorRole.metadata!.name!;
  await upsert(
    () => rbac.createClusterRole({ body: operatorRole }),
    () => rbac.replaceClusterRole({ name, body: operatorRole }),
  );
  for (const body of clusterBindings) {
    await upsert(
      () => rbac.createClusterRoleBinding({ body }),
      () => rbac.replaceClusterRoleBinding({ name: body.metadata!.name!, body }),
    );
  }
  await upsert(
    () => rbac.createNamespacedRole({ namespace: TEAM_A_NAMESPACE, body: teamRole }),
    () => rbac.replaceNamespacedRole({ namespace: TEAM_A_NAMESPACE, name: teamRole.metadata!.name!, body: teamRole }),
  );
  await upsert(
    () => rbac.createNamespacedRoleBinding({ namespace: TEAM_A_NAMESPACE, body: teamBinding }),
    () => rbac.replaceNamespacedRoleBinding({ namespace: TEAM_A_NAMESPACE, name: teamBinding.metadata!.name!, body: teamBinding }),
  );
}
