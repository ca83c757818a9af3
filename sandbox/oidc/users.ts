import { randomBytes } from "node:crypto";

/** A person of the sandbox's identity provider, and the groups the sandbox's RBAC (sandbox/rbac.ts) binds. */
export interface SandboxUser {
  username: string;
  name: string;
  email: string;
  groups: string[];
  password: string;
}

/** The groups the console's roles are mapped from (VNODE_ADMIN_GROUPS, VNODE_OPERATOR_GROUPS). */
export const SANDBOX_GROUPS = { admins: "vnode-admins", operators: "vnode-operators", teamA: "team-a-developers" } as const;

/** Passwords are generated per start (printed by `npm start`, kept in the owner-only sandbox.json). */
export function sandboxUsers(): SandboxUser[] {
  const password = () => randomBytes(12).toString("base64url");
  return [
    { username: "admin", name: "Ada Admin", email: "admin@sandbox.test", groups: [SANDBOX_GROUPS.admins], password: password() },
    { username: "operator", name: "Otto Operator", email: "operator@sandbox.test", groups: [SANDBOX_GROUPS.operators], password: password() },
    { username: "dev-team-a", name: "Dana Developer", email: "dev-team-a@sandbox.test", groups: [SANDBOX_GROUPS.teamA], password: password() },
    { username: "nobody", name: "Nora Nobody", email: "nobody@sandbox.test", groups: [], password: password() },
  ];
}
