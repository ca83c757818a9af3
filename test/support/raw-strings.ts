// Finds user-facing text written straight into the source instead of the message catalogues (messages/*.json).
// Used by test/unit/i18n-catalogue.test.ts over app/, components/, lib/ and cli/.
import ts from "typescript";

export interface RawString {
  file: string;
  line: number;
  text: string;
  why: string;
}

/** Words: a Latin letter followed by more, or any CJK character. Punctuation, numbers and symbols alone are fine. */
const WORDS = /[A-Za-z]{2,}|[\u3400-\u9fff]/;
/** Elements whose text is a command, an object name or a key: never translated. */
const VERBATIM_ELEMENTS = new Set(["code", "kbd", "pre", "samp", "var"]);
/** Attributes a person reads or hears. */
const TEXT_ATTRIBUTES = new Set(["aria-label", "aria-description", "title", "placeholder", "alt", "label", "aria-valuetext"]);
/**
 * Object properties whose string values reach a person (errors, notices, results), in any file. A value that is a
 * catalogue key ("validation.x") is fine.
 */
const TEXT_PROPERTIES = new Set(["title", "whatToDo", "hint", "message", "error", "label", "description", "notice", "reason", "summary"]);

/** Calls that print to a person in the CLI (and commander's help texts). */
const PRINTING_CALLS = new Set(["log", "error", "warn", "info", "write", "print", "description", "summary", "addHelpText", "option", "requiredOption", "argument", "fail", "note"]);

/** zod checks whose second argument is the message a form shows (it must be a catalogue key: vmsg()). */
const ZOD_CHECKS = new Set(["min", "max", "length", "regex", "refine", "nonempty", "gte", "lte", "gt", "lt"]);

const isCatalogueKey = (text: string) => /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_]+)+$/.test(text);
const sentenceLike = (text: string) => WORDS.test(text) && /\s/.test(text.trim()) && !isCatalogueKey(text.trim());

function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(" ");
  return undefined;
}

function insideVerbatim(node: ts.Node): boolean {
  for (let p: ts.Node | undefined = node.parent; p; p = p.parent) {
    if (ts.isJsxElement(p)) {
      const tag = p.openingElement.tagName.getText();
      if (VERBATIM_ELEMENTS.has(tag)) return true;
    }
  }
  return false;
}

/** A line with `i18n-ignore: <why>` on it or just above it is allowed: for names of products or of languages. */
function ignored(source: ts.SourceFile, node: ts.Node): boolean {
  const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
  const lines = source.text.split("\n");
  return [lines[line], lines[line - 1]].some((l) => l?.includes("i18n-ignore:"));
}

export function findRawStrings(file: string, text: string): RawString[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: RawString[] = [];
  const report = (node: ts.Node, raw: string, why: string) => {
    if (ignored(source, node)) return;
    found.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, text: raw.trim().replace(/\s+/g, " ").slice(0, 80), why });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && WORDS.test(node.text) && !insideVerbatim(node)) report(node, node.text, "JSX text");
    else if (ts.isJsxAttribute(node) && TEXT_ATTRIBUTES.has(node.name.getText()) && node.initializer) {
      const init = node.initializer;
      const value = ts.isJsxExpression(init) && init.expression ? literalText(init.expression) : literalText(init);
      if (value !== undefined && WORDS.test(value) && !isCatalogueKey(value)) report(node, value, `${node.name.getText()} attribute`);
    } else if (ts.isJsxExpression(node) && node.expression && !insideVerbatim(node) && ts.isJsxElement(node.parent)) {
      const value = literalText(node.expression);
      if (value !== undefined && sentenceLike(value)) report(node, value, "JSX expression");
    } else if (ts.isPropertyAssignment(node) && TEXT_PROPERTIES.has(node.name.getText())) {
      const value = literalText(node.initializer);
      if (value !== undefined && sentenceLike(value)) report(node, value, `"${node.name.getText()}" property`);
    } else if (ts.isNewExpression(node) && /Error$/.test(node.expression.getText())) {
      for (const arg of node.arguments ?? []) {
        const value = literalText(arg);
        if (value !== undefined && sentenceLike(value)) report(arg, value, `${node.expression.getText()} message`);
      }
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ZOD_CHECKS.has(node.expression.name.text)) {
      for (const arg of node.arguments.slice(1)) {
        const value = literalText(arg);
        if (value !== undefined && sentenceLike(value)) report(arg, value, `zod ${node.expression.name.text}() message`);
      }
    } else if (ts.isCallExpression(node) && file.startsWith("cli/")) {
      const callee = node.expression;
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : callee.getText();
      // An option's first argument is its flags ("-o, --output <format>"), not words.
      const first = name === "option" || name === "requiredOption" || name === "argument" ? 1 : 0;
      if (PRINTING_CALLS.has(name))
        node.arguments.slice(first).forEach((arg) => {
          const value = literalText(arg);
          if (value !== undefined && sentenceLike(value)) report(arg, value, `${name}() text`);
        });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
