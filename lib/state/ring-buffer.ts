/**
 * A bounded list of text lines, oldest first: appending past `maxItems` lines or `maxBytes` (UTF-8) drops the oldest,
 * so a store with a size limit (a ConfigMap holds at most 1 MiB) keeps the newest records.
 */
export function appendBounded(lines: readonly string[], line: string, limits: { maxItems: number; maxBytes: number }): string[] {
  const next = [...lines, line];
  let bytes = next.reduce((sum, l) => sum + Buffer.byteLength(l) + 1, 0);
  let start = Math.max(0, next.length - limits.maxItems);
  for (let i = 0; i < start; i++) bytes -= Buffer.byteLength(next[i]) + 1;
  while (bytes > limits.maxBytes && start < next.length - 1) bytes -= Buffer.byteLength(next[start++]) + 1;
  return next.slice(start);
}

export const splitLines = (text: string | undefined) => (text ?? "").split("\n").filter(Boolean);
