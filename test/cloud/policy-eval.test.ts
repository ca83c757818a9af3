import { describe, expect, test } from "vitest";
import { evaluate, parsePolicyDocument, wildcardMatch } from "@/sandbox/cloud/policy-eval";
import { SYSTEM_POLICIES } from "@/sandbox/cloud/system-policies";

function doc(statements: unknown[]) {
  const r = parsePolicyDocument(JSON.stringify({ Version: "1", Statement: statements }));
  if (!r.ok) throw new Error(r.message);
  return r.doc;
}

describe("policy documents", () => {
  test("valid documents parse; every system policy is valid", () => {
    for (const p of Object.values(SYSTEM_POLICIES)) expect(parsePolicyDocument(p.document).ok).toBe(true);
  });
  test.each([
    ["not JSON", "{"],
    ["wrong version", JSON.stringify({ Version: "2", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] })],
    ["empty statement", JSON.stringify({ Version: "1", Statement: [] })],
    ["bad effect", JSON.stringify({ Version: "1", Statement: [{ Effect: "Maybe", Action: "*", Resource: "*" }] })],
    ["no action", JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Resource: "*" }] })],
    ["no resource", JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: "*" }] })],
    ["unknown key", JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: "*", Resource: "*", Foo: 1 }] })],
  ])("rejects %s", (_n, text) => {
    expect(parsePolicyDocument(text).ok).toBe(false);
  });
});

describe("evaluation", () => {
  const R = "acs:eci:cn-hangzhou:123:*";
  test("wildcards in actions are case-insensitive, in resources case-sensitive", () => {
    expect(wildcardMatch("eci:Describe*", "eci:DescribeContainerGroups", true)).toBe(true);
    expect(wildcardMatch("ECI:describe*", "eci:DescribeContainerGroups", true)).toBe(true);
    expect(wildcardMatch("eci:Describe?", "eci:DescribeX", true)).toBe(true);
    expect(wildcardMatch("eci:Describe?", "eci:DescribeXY", true)).toBe(false);
    expect(wildcardMatch("acs:ram:*:*:user/Alice", "acs:ram:*:1:user/alice", false)).toBe(false);
  });
  test("allow, implicit deny and explicit deny", () => {
    const allow = doc([{ Effect: "Allow", Action: ["eci:*"], Resource: "*" }]);
    const deny = doc([{ Effect: "Deny", Action: "eci:DeleteContainerGroup", Resource: "*" }]);
    expect(evaluate([allow], "eci:CreateContainerGroup", R)).toBe("Allow");
    expect(evaluate([allow], "ecs:DescribeSecurityGroups", R)).toBe("ImplicitDeny");
    expect(evaluate([allow, deny], "eci:DeleteContainerGroup", R)).toBe("ExplicitDeny");
    expect(evaluate([], "eci:CreateContainerGroup", R)).toBe("ImplicitDeny");
  });
  test("NotAction and NotResource", () => {
    const d = doc([{ Effect: "Allow", NotAction: "ram:*", Resource: "*" }]);
    expect(evaluate([d], "vpc:DescribeVpcs", R)).toBe("Allow");
    expect(evaluate([d], "ram:CreateUser", R)).toBe("ImplicitDeny");
    const r = doc([{ Effect: "Allow", Action: "ram:*", NotResource: "acs:ram:*:*:user/root-*" }]);
    expect(evaluate([r], "ram:GetUser", "acs:ram:*:1:user/alice")).toBe("Allow");
    expect(evaluate([r], "ram:GetUser", "acs:ram:*:1:user/root-admin")).toBe("ImplicitDeny");
  });
  test("resources restrict the grant", () => {
    const d = doc([{ Effect: "Allow", Action: "cs:*", Resource: "acs:cs:*:*:cluster/c1*" }]);
    expect(evaluate([d], "cs:InstallClusterAddons", "acs:cs:cn-hangzhou:1:cluster/c123")).toBe("Allow");
    expect(evaluate([d], "cs:InstallClusterAddons", "acs:cs:cn-hangzhou:1:cluster/c999")).toBe("ImplicitDeny");
  });
  test("conditions are read conservatively: conditional Allow never applies, conditional Deny always does", () => {
    const cond = { StringEquals: { "acs:SourceVpc": ["vpc-x"] } };
    expect(evaluate([doc([{ Effect: "Allow", Action: "*", Resource: "*", Condition: cond }])], "eci:CreateContainerGroup", R)).toBe("ImplicitDeny");
    expect(evaluate([doc([{ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "*", Resource: "*", Condition: cond }])], "eci:CreateContainerGroup", R)).toBe("ExplicitDeny");
  });
});
