// Plain-text output of the CLI: aligned tables (like kubectl's), diffs, JSON/YAML for scripts. No I/O here.
import { stringify } from "yaml";

export type OutputFormat = "text" | "json" | "yaml";

export function parseOutputFormat(value: string | undefined): OutputFormat {
  if (value === undefined || value === "" || value === "text" || value === "wide") return "text";
  if (value === "json" || value === "yaml") return value;
  throw new Error(`-o ${value} is not supported: use json, yaml, or leave it out for text.`);
}

/** Columns padded to the widest cell, three spaces apart, as `kubectl get` prints them. */
export function table(headers: string[], rows: (string | number | undefined)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === undefined || c === "" ? "<none>" : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join("   ")).join("\n");
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
