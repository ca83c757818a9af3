import { z } from "zod";

/** Revoked session ids and the second (since the epoch) each stops mattering: the cookie's own `exp`. */
export const revocationListSchema = z.record(z.string(), z.number());
export type RevocationList = z.infer<typeof revocationListSchema>;

/** Entries whose cookie has expired are dropped: the cookie is refused by its `exp` alone. */
export function pruneRevocations(list: RevocationList, nowMs: number): RevocationList {
  return Object.fromEntries(Object.entries(list).filter(([, exp]) => exp * 1000 > nowMs));
}

export function addRevocation(list: RevocationList, sid: string, exp: number, nowMs: number): RevocationList {
  const pruned = pruneRevocations(list, nowMs);
  return exp * 1000 > nowMs ? { ...pruned, [sid]: Math.max(exp, pruned[sid] ?? 0) } : pruned;
}

export const isRevokedIn = (list: RevocationList, sid: string, nowMs: number) => (list[sid] ?? 0) * 1000 > nowMs;

export function parseRevocations(text: string | undefined): RevocationList {
  if (!text) return {};
  try {
    const parsed = revocationListSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
