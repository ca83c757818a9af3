import { describe, expect, it } from "vitest";
import { formatSelectorsJson, parseSelectorsJson, type SelectorsProblem } from "@/lib/eci-profile/selectors-json";
import { formatJsonPath, lineColumn, parseLocatedJson } from "@/lib/eci-profile/json-locate";
import { translatorFor } from "@/lib/i18n/translator";

const errorsOf = (text: string): SelectorsProblem[] => {
  const r = parseSelectorsJson(text);
  if (r.ok) throw new Error("expected errors");
  return r.errors;
};
/** Line/column of the first occurrence of `needle` (plus `shift` characters), computed independently. */
function positionOf(text: string, needle: string, shift = 0) {
  const offset = text.indexOf(needle) + shift;
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before[before.length - 1].length + 1, offset };
}

const twoSelectors = `[
  {
    "name": "batch",
    "objectSelector": {"matchLabels": {"alibabacloud.com/eci": "true"}}
  },
  {
    "name": "ml",
    "namespaceSelector": {"matchLabels": {"team": "ml"}},
    "effect": {
      "annotations": {"k8s.aliyun.com/eci-use-specs": "ecs.gn6i-c4g1.xlarge"},
      "labels": {"created-by-eci": true}
    }
  }
]`;

describe("selectors JSON", () => {
  it("parses valid selectors and treats blank text as none", () => {
    const r = parseSelectorsJson(twoSelectors.replace('"created-by-eci": true', '"created-by-eci": "true"'));
    expect(r.ok && r.selectors.map((s) => s.name)).toEqual(["batch", "ml"]);
    expect(parseSelectorsJson("  \n")).toEqual({ ok: true, selectors: [], warnings: [] });
  });

  it("points a schema error at the offending value with line, column and JSON path", () => {
    const [error] = errorsOf(twoSelectors);
    expect(error).toEqual({
      kind: "schema",
      path: '[1].effect.labels["created-by-eci"]',
      message: 'label values in effect.labels must be strings: write "true" with quotes',
      ...positionOf(twoSelectors, "true}\n    }"),
    });
    expect(error).toMatchObject({ line: 11, column: 36 });
  });

  it("points an invalid label key at the key, not its value", () => {
    const text = '[{"name": "a",\n  "effect": {"labels": {"Bad Key": "x"}}}]';
    expect(errorsOf(text)).toEqual([expect.objectContaining({ path: '[0].effect.labels["Bad Key"]', ...positionOf(text, '"Bad Key"') })]);
  });

  it("points an unknown field at its key and a missing name at the selector", () => {
    const text = '[\n  {"name": "a", "objectSelectr": {}},\n  {"effect": {}}\n]';
    expect(errorsOf(text).map((e) => [e.path, e.line, e.column, e.message])).toEqual([
      ["[0].objectSelectr", 2, 17, 'Unknown field "objectSelectr"; allowed fields are "name", "namespaceSelector", "objectSelector", "effect"'],
      ["[1].name", 3, 3, 'Add a "name" to this selector; every selector needs a unique name'],
    ]);
  });

  it("reports duplicate selector names at the second name", () => {
    const text = '[{"name": "dup"}, {"name": "dup"}]';
    expect(errorsOf(text)).toEqual([expect.objectContaining({ path: "[1].name", line: 1, column: 28, kind: "schema" })]);
  });

  it("locates syntax errors exactly and explains the fix", () => {
    const trailing = '[\n  {"name": "a"},\n]';
    expect(errorsOf(trailing)).toEqual([{ kind: "syntax", path: "", message: 'Remove the trailing comma before "]"', ...positionOf(trailing, "},", 1) }]);

    const missingComma = '[{"name": "a"\n  "effect": {}}]';
    expect(errorsOf(missingComma)[0]).toMatchObject({ line: 2, column: 3, path: "[0]", message: 'Expected "," or "}" after the value of "name" but found """' });

    const singleQuotes = "[{'name': 'a'}]";
    expect(errorsOf(singleQuotes)[0]).toMatchObject({ line: 1, column: 3, message: 'Use double quotes (") around object keys' });

    const unclosed = '[{"name": "a", "effect": {"labels": {"x": "y"}}';
    expect(errorsOf(unclosed)[0]).toMatchObject({ line: 1, column: unclosed.length + 1, path: "[0]", message: 'The text ends inside an object; add "}"' });

    const lineBreak = '[{"name": "a\nb"}]';
    expect(errorsOf(lineBreak)[0]).toMatchObject({ line: 1, column: 13, path: "[0].name" });

    const extra = '[{"name": "a"}] [{"name": "b"}]';
    expect(errorsOf(extra)[0]).toMatchObject({ line: 1, column: 17, path: "" });
  });

  it("reports a duplicate key inside a selector at the repeated key", () => {
    const text = '[{"name": "a", "name": "b"}]';
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({ kind: "syntax", path: "[0].name", column: 16, message: 'Key "name" appears twice in this object; remove one (only the last would be used)' }),
    ]);
  });

  it("warns when a selector matches every pod", () => {
    const r = parseSelectorsJson('[{"name": "a", "objectSelector": {"matchLabels": {"eci": "true"}}},\n {"name": "all", "effect": {"labels": {"x": "y"}}}]');
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([expect.objectContaining({ kind: "warning", path: "[1]", line: 2, column: 2 })]);
    expect(r.warnings[0].message).toContain('Selector "all" has no namespaceSelector or objectSelector labels');
  });

  it("formats selectors stably (field order fixed) and reparses to the same value", () => {
    const selectors = [{ effect: { labels: { a: "1" } }, objectSelector: { matchLabels: { eci: "true" } }, name: "x" }];
    const text = formatSelectorsJson(selectors);
    expect(text.indexOf('"name"')).toBeLessThan(text.indexOf('"objectSelector"'));
    expect(text.indexOf('"objectSelector"')).toBeLessThan(text.indexOf('"effect"'));
    const r = parseSelectorsJson(text);
    expect(r.ok && r.selectors).toEqual(selectors);
    expect(formatSelectorsJson([])).toBe("");
  });
});

describe("located JSON helpers", () => {
  it("formats paths with quoted keys where needed", () => {
    expect(formatJsonPath([1, "effect", "labels"])).toBe("[1].effect.labels");
    expect(formatJsonPath([0, "effect", "annotations", "k8s.aliyun.com/eci-use-specs"])).toBe('[0].effect.annotations["k8s.aliyun.com/eci-use-specs"]');
    expect(formatJsonPath(["a", 2])).toBe("a[2]");
  });

  it("computes 1-based line and column", () => {
    expect(lineColumn("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
  });

  it("decodes the same values as JSON.parse", () => {
    const text = '{"s": "a\\"b\\\\c\\u00e9\\n", "n": -1.5e2, "t": true, "f": false, "z": null, "l": [1, {"x": []}]}';
    const r = parseLocatedJson(text);
    expect(r.ok && r.value).toEqual(JSON.parse(text));
  });
});

describe("selectors problems in Simplified Chinese", () => {
  it("words syntax and schema problems; JSON punctuation and field names stay as written", () => {
    const zh = translatorFor("zh-CN");
    const syntax = parseSelectorsJson('[{"name": "a"},]', zh);
    expect(syntax.ok ? [] : syntax.errors.map((e) => e.message)).toEqual(['请删除 "]" 之前多余的逗号']);
    const schema = parseSelectorsJson('[{"name": "a", "objectSelector": {"matchLabels": {"eci": true}}}]', zh);
    expect(schema.ok ? [] : schema.errors.map((e) => e.message)).toEqual(['objectSelector.matchLabels 中的 label 值必须是字符串：请加引号写成 "true"']);
  });
});
