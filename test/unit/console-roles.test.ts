import { afterEach, describe, expect, it } from "vitest";
import { tokenIdentity, type Identity } from "@/lib/auth/identity";
import { consoleRole, roleAllows, whoMay } from "@/lib/server/roles";

const person = (groups: string[]): Identity => ({ username: "p", subject: "p", displayName: "P", groups, kind: "oidc" });
const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe("console roles from groups", () => {
  it("maps admin, operator and viewer groups; the highest wins; the token user is admin", () => {
    Object.assign(process.env, { VNODE_ADMIN_GROUPS: "ops-admins, platform", VNODE_OPERATOR_GROUPS: "vnode-operators", VNODE_VIEWER_GROUPS: "readers" });
    expect(consoleRole(person(["platform", "vnode-operators"]))).toBe("admin");
    expect(consoleRole(person(["vnode-operators"]))).toBe("operator");
    expect(consoleRole(person(["readers"]))).toBe("viewer");
    expect(consoleRole(person(["someone-else"]))).toBeNull();
    expect(consoleRole(tokenIdentity())).toBe("admin");
  });

  it("makes every person a viewer when no viewer groups are configured", () => {
    Object.assign(process.env, { VNODE_ADMIN_GROUPS: "a", VNODE_OPERATOR_GROUPS: "o" });
    delete process.env.VNODE_VIEWER_GROUPS;
    expect(consoleRole(person([]))).toBe("viewer");
  });

  it("ranks permissions, and names the groups that grant one", () => {
    Object.assign(process.env, { VNODE_ADMIN_GROUPS: "admins", VNODE_OPERATOR_GROUPS: "operators" });
    expect(roleAllows("operator", "operate")).toBe(true);
    expect(roleAllows("operator", "admin")).toBe(false);
    expect(roleAllows(null, "view")).toBe(false);
    expect(whoMay("operate")).toEqual({ role: "operator", groups: ["operators", "admins"] });
    expect(whoMay("admin")).toEqual({ role: "admin", groups: ["admins"] });
  });
});
