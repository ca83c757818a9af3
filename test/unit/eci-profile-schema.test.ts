import { describe, expect, it } from "vitest";
import { eciProfileFormSchema, selectorsSchema, type EciProfileFields } from "@/lib/eci-profile/schema";
import { schemaIssueText } from "@/lib/eci-profile/words";
import { translatorFor } from "@/lib/i18n/translator";

const valid: EciProfileFields = {
  vpcId: "vpc-2zeghwzptn5zii0w70001",
  vSwitchIds: ["vsw-2ze23nqzig8inprou0001", "vsw-2ze94pjtfuj9vaymf0002"],
  securityGroupId: "sg-2zeeyaaxlkq9sppl0001",
  resourceGroupId: "",
  enableClusterIp: true,
  enableHybridMode: false,
  enablePrivateZone: false,
  selectors: [{ name: "batch", objectSelector: { matchLabels: { "alibabacloud.com/eci": "true" } }, effect: { labels: { "created-by-eci": "true" } } }],
};

/** "path: message" for every issue (worded in English, or `t`'s language), so each assertion names the exact field and text. */
function issues(input: unknown, t?: Parameters<typeof schemaIssueText>[1]): string[] {
  const r = eciProfileFormSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${schemaIssueText(i, t)}`);
}

describe("eci-profile form schema", () => {
  it("accepts a realistic profile", () => {
    expect(issues(valid)).toEqual([]);
    expect(issues({ ...valid, resourceGroupId: "rg-acfmzw2jz2z0001" })).toEqual([]);
  });

  it("explains each ID format mistake", () => {
    expect(issues({ ...valid, vpcId: "" })).toEqual(['vpcId: Enter a VPC ID (it starts with "vpc-")']);
    expect(issues({ ...valid, vpcId: "vsw-2ze1" })).toEqual(['vpcId: VPC ID "vsw-2ze1" must start with "vpc-"']);
    expect(issues({ ...valid, vpcId: "VPC-2ZE1" })).toEqual(['vpcId: VPC ID "VPC-2ZE1" must be lowercase: use "vpc-2ze1"']);
    expect(issues({ ...valid, vpcId: " vpc-2ze1" })).toEqual(['vpcId: Remove the spaces from VPC ID " vpc-2ze1"']);
    expect(issues({ ...valid, vpcId: "vpc-2ze_1" })).toEqual(['vpcId: VPC ID "vpc-2ze_1" may contain only lowercase letters and digits after "vpc-"']);
    expect(issues({ ...valid, vSwitchIds: ["vsw-a1", "sg-b2"] })).toEqual(['vSwitchIds.1: vSwitch ID "sg-b2" must start with "vsw-"']);
    expect(issues({ ...valid, securityGroupId: "sg-a1,sg-b2" })).toEqual(['securityGroupId: eci-profile supports only one security group; keep one of "sg-a1", "sg-b2"']);
    expect(issues({ ...valid, securityGroupId: "group-1" })).toEqual(['securityGroupId: Security group ID "group-1" must start with "sg-"']);
    expect(issues({ ...valid, resourceGroupId: "default" })).toEqual([
      'resourceGroupId: Resource group ID "default" must start with "rg-", or leave it empty for the default resource group',
    ]);
    expect(issues({ ...valid, vpcId: 42 })).toEqual(['vpcId: Expected a text ID starting with "vpc-", got 42']);
  });

  it("limits vSwitches to 1..10 and rejects duplicates at the duplicate's position", () => {
    expect(issues({ ...valid, vSwitchIds: [] })).toEqual(["vSwitchIds: Pick at least one vSwitch: ECI pods take their IP addresses from it"]);
    const twelve = Array.from({ length: 12 }, (_, i) => `vsw-z${i}`);
    expect(issues({ ...valid, vSwitchIds: twelve })).toEqual(["vSwitchIds: At most 10 vSwitches are allowed; remove 2"]);
    expect(issues({ ...valid, vSwitchIds: ["vsw-a1", "vsw-b2", "vsw-a1"] })).toEqual(['vSwitchIds.2: vSwitch "vsw-a1" is already listed at position 1; remove the duplicate']);
  });

  it("requires real booleans for the switches", () => {
    expect(issues({ ...valid, enablePrivateZone: "true" })).toEqual(['enablePrivateZone: enablePrivateZone must be on or off (true/false), got "true"']);
  });
});

describe("selectors schema", () => {
  const selectorIssues = (input: unknown) => {
    const r = selectorsSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${schemaIssueText(i)}`);
  };

  it("accepts the documented format, with matchExpressions as in a Kubernetes LabelSelector", () => {
    expect(
      selectorIssues([
        {
          name: "selector-demo1",
          namespaceSelector: { matchLabels: { eci: "true" } },
          objectSelector: { matchLabels: { eci: "true" } },
          effect: { annotations: { "k8s.aliyun.com/eci-use-specs": "ecs.c6.xlarge" }, labels: { "created-by-eci": "true" } },
        },
        {
          name: "gpu",
          objectSelector: {
            matchExpressions: [
              { key: "workload", operator: "In", values: ["train", "infer"] },
              { key: "spot", operator: "DoesNotExist" },
            ],
          },
        },
      ]),
    ).toEqual([]);
  });

  it("requires a unique, non-empty name", () => {
    expect(selectorIssues([{ effect: {} }])).toEqual(['0.name: Add a "name" to this selector; every selector needs a unique name']);
    expect(selectorIssues([{ name: " " }])).toEqual(['0.name: The selector name is empty; give it a name such as "batch-jobs"']);
    expect(selectorIssues([{ name: "a" }, { name: "b" }, { name: "a" }])).toEqual(['2.name: Selector name "a" is already used by selector 1; names must be unique']);
  });

  it("names unknown fields and the allowed ones", () => {
    expect(selectorIssues([{ name: "a", policy: "fair" }])).toEqual(['0: Unknown field "policy"; allowed fields are "name", "namespaceSelector", "objectSelector", "effect"']);
    expect(selectorIssues([{ name: "a", objectSelector: { matchLabel: { eci: "true" } } }])).toEqual([
      '0.objectSelector: Unknown field "matchLabel"; allowed fields are "matchLabels", "matchExpressions"',
    ]);
    expect(selectorIssues([{ name: "a", effect: { annotation: {} } }])).toEqual(['0.effect: Unknown field "annotation"; allowed fields are "annotations", "labels"']);
  });

  it("checks label keys, label values and value types", () => {
    expect(selectorIssues([{ name: "a", objectSelector: { matchLabels: { eci: true } } }])).toEqual([
      '0.objectSelector.matchLabels.eci: label values in objectSelector.matchLabels must be strings: write "true" with quotes',
    ]);
    expect(selectorIssues([{ name: "a", effect: { labels: { "bad key": "x" } } }])).toEqual([
      '0.effect.labels.bad key: Invalid label key in effect.labels: key "bad key" may use only letters, digits, "-", "_" and ".", and must start and end with a letter or digit',
    ]);
    expect(selectorIssues([{ name: "a", effect: { labels: { team: "a b" } } }])).toEqual([
      '0.effect.labels.team: Invalid label value in effect.labels: label value "a b" may use only letters, digits, "-", "_" and ".", and must start and end with a letter or digit',
    ]);
    expect(selectorIssues([{ name: "a", namespaceSelector: { matchLabels: { "Example.com/eci": "true" } } }])).toEqual([
      '0.namespaceSelector.matchLabels.Example.com/eci: Invalid label key in namespaceSelector.matchLabels: key prefix "Example.com" must be a lowercase DNS domain such as "k8s.aliyun.com"',
    ]);
    // Annotation values are free text (specs lists contain commas and spaces).
    expect(selectorIssues([{ name: "a", effect: { annotations: { "k8s.aliyun.com/eci-use-specs": "2-4Gi, ecs.c6.xlarge" } } }])).toEqual([]);
    expect(selectorIssues({ name: "a" })).toEqual([': selectors must be a JSON list [ ... ] of selector objects, got {"name":"a"}']);
  });

  it("applies the LabelSelector operator rules", () => {
    expect(selectorIssues([{ name: "a", objectSelector: { matchExpressions: [{ key: "x", operator: "In" }] } }])).toEqual([
      '0.objectSelector.matchExpressions.0.values: operator In needs at least one value in "values"',
    ]);
    expect(selectorIssues([{ name: "a", objectSelector: { matchExpressions: [{ key: "x", operator: "Exists", values: ["y"] }] } }])).toEqual([
      '0.objectSelector.matchExpressions.0.values: operator Exists takes no values; remove "values"',
    ]);
    expect(selectorIssues([{ name: "a", objectSelector: { matchExpressions: [{ key: "x", operator: "in", values: ["y"] }] } }])).toEqual([
      '0.objectSelector.matchExpressions.0.operator: operator must be one of In, NotIn, Exists, DoesNotExist, got "in"',
    ]);
  });
});

describe("eci-profile schema messages in Simplified Chinese", () => {
  const zh = translatorFor("zh-CN");
  it("words ID problems, nested problems and type errors with their values", () => {
    expect(issues({ ...valid, vSwitchIds: ["vsw-a1", "sg-b2"] }, zh)).toEqual(["vSwitchIds.1: 交换机 ID“sg-b2”必须以“vsw-”开头"]);
    expect(issues({ ...valid, resourceGroupId: "default" }, zh)).toEqual(["resourceGroupId: 资源组 ID“default”必须以“rg-”开头，或留空以使用默认资源组"]);
    expect(issues({ ...valid, vpcId: 42 }, zh)).toEqual(["vpcId: 应为以“vpc-”开头的文本 ID，实际为 42"]);
    expect(issues({ ...valid, vSwitchIds: [] }, zh)).toEqual(["vSwitchIds: 请至少选择一个交换机：ECI Pod 从交换机获取 IP 地址"]);
  });
});
