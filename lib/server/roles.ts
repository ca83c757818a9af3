import "server-only";
import type { Identity } from "@/lib/auth/identity";
import { listSetting } from "@/lib/auth/oidc-config";

/**
 * Console roles, for what Kubernetes cannot decide (the cloud side: RAM grants, AccessKey rotation, add-on installs),
 * mapped from the person's groups: VNODE_ADMIN_GROUPS, VNODE_OPERATOR_GROUPS, VNODE_VIEWER_GROUPS (comma lists).
 * Without VNODE_VIEWER_GROUPS every signed-in person is a viewer (what they see is still Kubernetes' decision).
 * The token sign-in is single-user: its one user is the administrator.
 */
export type ConsoleRole = "viewer" | "operator" | "admin";
export type Permission = "view" | "operate" | "admin";

const ROLE_RANK: Record<ConsoleRole, number> = { viewer: 1, operator: 2, admin: 3 };
const NEEDED: Record<Permission, ConsoleRole> = { view: "viewer", operate: "operator", admin: "admin" };
const SETTING: Record<ConsoleRole, string> = { admin: "VNODE_ADMIN_GROUPS", operator: "VNODE_OPERATOR_GROUPS", viewer: "VNODE_VIEWER_GROUPS" };

export function consoleRole(identity: Identity): ConsoleRole | null {
  if (identity.kind === "token") return "admin";
  const member = (role: ConsoleRole) => listSetting(SETTING[role]).some((g) => identity.groups.includes(g));
  if (member("admin")) return "admin";
  if (member("operator")) return "operator";
  if (member("viewer") || listSetting(SETTING.viewer).length === 0) return "viewer";
  return null;
}

export const roleAllows = (role: ConsoleRole | null, permission: Permission) => role !== null && ROLE_RANK[role] >= ROLE_RANK[NEEDED[permission]];

/** The role a permission needs, and the groups that give it (or a higher role), for a refusal that says who can grant it. */
export function whoMay(permission: Permission): { role: ConsoleRole; groups: string[] } {
  const role = NEEDED[permission];
  const groups = (Object.keys(ROLE_RANK) as ConsoleRole[]).filter((r) => ROLE_RANK[r] >= ROLE_RANK[role]).flatMap((r) => listSetting(SETTING[r]));
  return { role, groups };
}
