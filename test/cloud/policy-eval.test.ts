import { describe, expect, test } from "vitest";
import { evaluate, parsePolicyDocument, requestContext, wildcardMatch } from "@/sandbox/cloud/policy-eval";
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
  test("an operator the emulator does not evaluate is read conservatively: such an Allow never applies, such a Deny does", () => {
    const cond = { DateLessThan: { "acs:CurrentTime": "2000-01-01T00:00:00Z" } };
    expect(evaluate([doc([{ Effect: "Allow", Action: "*", Resource: "*", Condition: cond }])], "eci:CreateContainerGroup", R)).toBe("ImplicitDeny");
    expect(
      evaluate(
        [
          doc([
            { Effect: "Allow", Action: "*", Resource: "*" },
            { Effect: "Deny", Action: "*", Resource: "*", Condition: cond },
          ]),
        ],
        "eci:CreateContainerGroup",
        R,
      ),
    ).toBe("ExplicitDeny");
  });
});

describe("conditions", () => {
  const R = "acs:eci:cn-hangzhou:123:*";
  const allowIf = (Condition: unknown) => [doc([{ Effect: "Allow", Action: "eci:*", Resource: "*", Condition }])];
  const from = (ip: string) => requestContext({ sourceIp: ip, secureTransport: false });
  test("IpAddress / NotIpAddress on acs:SourceIp: CIDR blocks and single addresses, any of the listed values", () => {
    const only = allowIf({ IpAddress: { "acs:SourceIp": ["10.0.0.0/8", "127.0.0.2"] } });
    expect(evaluate(only, "eci:CreateContainerGroup", R, from("10.1.2.3"))).toBe("Allow");
    expect(evaluate(only, "eci:CreateContainerGroup", R, from("127.0.0.2"))).toBe("Allow");
    expect(evaluate(only, "eci:CreateContainerGroup", R, from("127.0.0.1"))).toBe("ImplicitDeny");
    expect(evaluate(only, "eci:CreateContainerGroup", R, from("::ffff:10.9.9.9"))).toBe("Allow");
    const notLoop = allowIf({ NotIpAddress: { "acs:SourceIp": "127.0.0.0/30" } });
    expect(evaluate(notLoop, "eci:CreateContainerGroup", R, from("127.0.0.1"))).toBe("ImplicitDeny");
    expect(evaluate(notLoop, "eci:CreateContainerGroup", R, from("127.0.0.9"))).toBe("Allow");
    // Deny from outside the office network wins over an unconditional Allow.
    const office = [
      doc([
        { Effect: "Allow", Action: "*", Resource: "*" },
        { Effect: "Deny", Action: "*", Resource: "*", Condition: { NotIpAddress: { "acs:SourceIp": "192.168.0.0/16" } } },
      ]),
    ];
    expect(evaluate(office, "eci:CreateContainerGroup", R, from("192.168.3.4"))).toBe("Allow");
    expect(evaluate(office, "eci:CreateContainerGroup", R, from("8.8.8.8"))).toBe("ExplicitDeny");
  });
  test("Bool and StringEquals; operator and key names are case-insensitive; every operator and key must hold", () => {
    expect(evaluate(allowIf({ Bool: { "acs:SecureTransport": "true" } }), "eci:X", R, from("127.0.0.1"))).toBe("ImplicitDeny");
    expect(evaluate(allowIf({ bool: { "ACS:SecureTransport": false } }), "eci:X", R, from("127.0.0.1"))).toBe("Allow");
    expect(evaluate(allowIf({ StringEquals: { "acs:SourceVpc": "vpc-x" } }), "eci:X", R, requestContext({ sourceVpc: "vpc-x" }))).toBe("Allow");
    expect(evaluate(allowIf({ StringEquals: { "acs:SourceVpc": "vpc-x" } }), "eci:X", R, requestContext({ sourceVpc: "vpc-y" }))).toBe("ImplicitDeny");
    const both = allowIf({ Bool: { "acs:SecureTransport": "false" }, IpAddress: { "acs:SourceIp": "127.0.0.2/32" } });
    expect(evaluate(both, "eci:X", R, from("127.0.0.2"))).toBe("Allow");
    expect(evaluate(both, "eci:X", R, from("127.0.0.1"))).toBe("ImplicitDeny");
  });
  test("a key the request lacks (acs:SourceVpc outside a VPC, an unknown key) is not met, for Allow and for Deny", () => {
    expect(evaluate(allowIf({ StringEquals: { "acs:SourceVpc": ["vpc-x"] } }), "eci:X", R, from("127.0.0.1"))).toBe("ImplicitDeny");
    expect(evaluate(allowIf({ StringNotEquals: { "acs:NoSuchKey": "x" } }), "eci:X", R, from("127.0.0.1"))).toBe("ImplicitDeny");
    const denyVpc = [
      doc([
        { Effect: "Allow", Action: "*", Resource: "*" },
        { Effect: "Deny", Action: "*", Resource: "*", Condition: { StringEquals: { "acs:SourceVpc": "vpc-x" } } },
      ]),
    ];
    expect(evaluate(denyVpc, "eci:X", R, from("127.0.0.1"))).toBe("Allow");
  });
});
