// Realistic-looking identifiers and timestamps.
import { randomBytes, randomInt } from "node:crypto";

const ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
const REGION_PREFIX: Record<string, string> = { "cn-hangzhou": "bp1", "cn-shanghai": "uf6", "cn-beijing": "2ze" };

export function randomAlnum(n: number, alphabet = ALNUM): string {
  let s = "";
  for (let i = 0; i < n; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

/** e.g. vpc-bp1k3x9..., vsw-bp1..., sg-bp1... (20 chars after the prefix, like real ids). */
export function resourceId(kind: "vpc" | "vsw" | "sg" | "vrt" | "eci", regionId: string): string {
  return `${kind}-${REGION_PREFIX[regionId] ?? "gw8"}${randomAlnum(17)}`;
}

export function clusterId(): string {
  return `c${randomBytes(16).toString("hex")}`;
}

export function accessKeyId(): string {
  return `LTAI5t${randomAlnum(18, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")}`;
}

export function accessKeySecret(): string {
  return randomAlnum(30, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
}

export function numericId(digits: number): string {
  let s = String(randomInt(1, 10));
  for (let i = 1; i < digits; i++) s += String(randomInt(10));
  return s;
}

/** ISO-8601 UTC without milliseconds, as RAM/VPC/ECS return. */
export function isoNow(d = new Date()): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}
