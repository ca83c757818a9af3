// Plain-text output of the CLI: aligned tables (like kubectl's), diffs, JSON/YAML for scripts. No I/O here.
import { stringify } from "yaml";
import { t } from "./i18n";

export type OutputFormat = "text" | "json" | "yaml";

export function parseOutputFormat(value: string | undefined): OutputFormat {
  if (value === undefined || value === "" || value === "text" || value === "wide") return "text";
  if (value === "json" || value === "yaml") return value;
  throw new Error(t("cli.runtime.unsupportedOutput", { value }));
}

/** Columns a string takes in a terminal: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return width;
}

/** padEnd by terminal columns, so Chinese headers line up with the rows under them. */
export const padDisplay = (text: string, width: number) => text + " ".repeat(Math.max(0, width - displayWidth(text)));

/** Columns padded to the widest cell, three spaces apart, as `kubectl get` prints them. */
export function table(headers: string[], rows: (string | number | undefined)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === undefined || c === "" ? "<none>" : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => displayWidth(r[i] ?? ""))));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : padDisplay(c, widths[i]))).join("   ")).join("\n");
}

/** Data for scripts: JSON (two-space indent) or YAML. */
export function serialize(data: unknown, format: "json" | "yaml"): string {
  return format === "json" ? JSON.stringify(data, null, 2) : stringify(data).trimEnd();
}

/** ConfigMap data before → after as `-`/`+` lines per key (unchanged keys left out). Empty when nothing changes. */
export function dataDiff(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const lines: string[] = [];
  for (const key of keys) {
    if (before[key] === after[key]) continue;
    if (key in before) lines.push(`- ${key}: ${before[key]}`);
    if (key in after) lines.push(`+ ${key}: ${after[key]}`);
  }
  return lines;
}

/** "a, b" lists from a flag: trims and drops empty entries. */
export function splitFlagList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** "Label:   value" lines with the values in one column: `gap` spaces after the widest of `labels`. */
export function labelColumn(labels: string[], gap: number) {
  const width = Math.max(...labels.map(displayWidth)) + gap;
  return (label: string, value: string) => `${padDisplay(label, width)}${value}`;
}
