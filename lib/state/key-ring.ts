import { z } from "zod";

/**
 * The keys that sign session cookies, newest first. Cookies are signed with the newest; a key replaced by a newer one
 * keeps verifying for as long as a cookie it signed can live (the session TTL), so a rotation signs nobody out.
 */
export const sessionKeySchema = z.object({ id: z.string().min(1), secret: z.string().min(32), createdAt: z.number() });
export const keyRingSchema = z.array(sessionKeySchema).min(1);

export type SessionKey = z.infer<typeof sessionKeySchema>;
export type KeyRing = SessionKey[];

export const signingKey = (ring: KeyRing): SessionKey => ring[0];

/** The newest key, and each older one whose successor was made less than `ttlMs` ago (its cookies may still live). */
export function verifyingKeys(ring: KeyRing, nowMs: number, ttlMs: number): SessionKey[] {
  return ring.filter((_, i) => i === 0 || ring[i - 1].createdAt + ttlMs > nowMs);
}

/** `fresh` becomes the signing key; keys that can no longer verify a live cookie are dropped. */
export function rotate(ring: KeyRing, fresh: SessionKey, nowMs: number, ttlMs: number): KeyRing {
  return verifyingKeys([fresh, ...ring.filter((k) => k.id !== fresh.id)], nowMs, ttlMs);
}

/** Whether the signing key is older than `maxAgeMs` (0: never rotate by age). */
export const needsRotation = (ring: KeyRing, nowMs: number, maxAgeMs: number) => maxAgeMs > 0 && signingKey(ring).createdAt + maxAgeMs <= nowMs;

/** Reads a stored ring; anything unreadable is null (the caller falls back to the seed key). */
export function parseKeyRing(text: string | undefined): KeyRing | null {
  if (!text) return null;
  try {
    const parsed = keyRingSchema.safeParse(JSON.parse(text));
    return parsed.success ? [...parsed.data].sort((a, b) => b.createdAt - a.createdAt) : null;
  } catch {
    return null;
  }
}
