import { type MessageFormatElement, parse, TYPE } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import { findRawStrings } from "../support/raw-strings";
import { productSources } from "../support/source-files";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(name, value);
    else for (const [k, v] of leaves(value, name)) out.set(k, v);
  }
  return out;
}

/** The ICU arguments ({name}, {n, plural, …}) and rich-text tags (<code>) a message uses, by the ICU parser. */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.tag) {
        names.add(`<${el.value}>`);
        walk(el.children);
      } else if (el.type !== TYPE.literal && el.type !== TYPE.pound) names.add(el.value);
      if (el.type === TYPE.select || el.type === TYPE.plural) for (const option of Object.values(el.options)) walk(option.value);
    }
  };
  walk(parse(message));
  return [...names].sort();
}

function catalogueProblems(a: Tree, b: Tree): string[] {
  const left = leaves(a);
  const right = leaves(b);
  const problems: string[] = [];
  for (const key of left.keys()) if (!right.has(key)) problems.push(`missing in zh-CN: ${key}`);
  for (const key of right.keys()) if (!left.has(key)) problems.push(`missing in en: ${key}`);
  for (const [key, value] of left) {
    const other = right.get(key);
    if (other === undefined) continue;
    if (other.trim() === "") problems.push(`empty in zh-CN: ${key}`);
    const [p, q] = [placeholders(value), placeholders(other)];
    if (p.join() !== q.join()) problems.push(`placeholders differ for ${key}: en ${p.join(" ")} / zh-CN ${q.join(" ")}`);
  }
  return problems;
}

/** Files whose words are not in the catalogues yet. Empty when the console is fully translated. */
const PENDING = new Set<string>([]);

describe("message catalogues", () => {
  it("en and zh-CN have the same keys and the same placeholders", () => {
    expect(catalogueProblems(en, zhCN)).toEqual([]);
  });

  it("the parity check fails on a missing key and on a renamed placeholder", () => {
    expect(catalogueProblems({ a: { b: "Hi {name}", c: "x" } }, { a: { b: "你好 {name}" } })).toEqual(["missing in zh-CN: a.c"]);
    expect(catalogueProblems({ a: "Hi {name}" }, { a: "你好 {user}" })).toEqual(["placeholders differ for a: en name / zh-CN user"]);
    expect(catalogueProblems({ a: "<code>x</code>" }, { a: "x" })).toEqual(["placeholders differ for a: en <code> / zh-CN "]);
  });
});

describe("no user-facing text outside the catalogues", () => {
  it("finds none in app/, components/, lib/ and cli/", () => {
    const found = productSources()
      .filter((s) => !PENDING.has(s.file))
      .flatMap((s) => findRawStrings(s.file, s.text))
      .map((r) => `${r.file}:${r.line} ${r.why}: ${r.text}`);
    expect(found).toEqual([]);
  });

  it("the check fails on JSX text, a text attribute, an error's words and a CLI line, and passes catalogue keys and code", () => {
    const page = `export const P = () => (<div><h1>Virtual nodes</h1><button aria-label="Close dialog">×</button><code>kubectl get no</code><p>{t("x.y")}</p></div>);`;
    expect(findRawStrings("components/p.tsx", page).map((r) => r.why)).toEqual(["JSX text", "aria-label attribute"]);
    const errors = `const e = { title: "The AccessKey is disabled", whatToDo: "errors.disabled.whatToDo", code: "Forbidden.AccessKeyDisabled" };`;
    expect(findRawStrings("lib/errors.ts", errors).map((r) => r.text)).toEqual(["The AccessKey is disabled"]);
    const cli = `program.command("install").description("Install the add-on and wait").option("--no-wait", "Return at once"); console.log(\`\${name} is installed\`);`;
    expect(
      findRawStrings("cli/commands/addon.ts", cli)
        .map((r) => r.text)
        .sort(),
    ).toEqual(["Install the add-on and wait", "Return at once", "is installed"]);
    expect(findRawStrings("components/p.tsx", `// i18n-ignore: a product's own name\nconst x = <span>VNode Console</span>;`)).toEqual([]);
  });
});
