// Shared types between the router and the product modules.
import { ApiError, Errors } from "./errors";
import type { Faults } from "./faults";
import type { CloudState, Region } from "./state";
import type { StateStore } from "./state";

export interface Caller {
  accessKeyId: string;
  userName: string | null /* null = root account */;
}

export interface Ctx {
  requestId: string;
  action: string;
  query: Record<string, string>;
  body: Buffer;
  pathParams: Record<string, string>;
  caller: Caller;
  /** The client's address as the emulator's socket sees it (IPv4-mapped IPv6 unwrapped): acs:SourceIp. */
  sourceIp: string;
  state: CloudState;
  store: StateStore;
  faults: Faults;
  log: (line: string) => void;
}

export interface ActionDef {
  handler: (ctx: Ctx) => unknown | Promise<unknown>;
  /** RAM resource ARN the action is authorised against; default acs:<code>:<region|*>:<account>:* */
  resource?: (ctx: Ctx) => string;
  /** No RAM authorisation needed (e.g. eci:DescribeRegions, sts:GetCallerIdentity; the request is still authenticated). */
  noAuth?: boolean;
  /** Persist state after success. */
  mutates?: boolean;
}

export interface RoaRoute {
  method: string;
  pattern: RegExp;
  keys: string[];
  action: string;
}

export interface Product {
  name: string; // product name as used in Recommend links: Ram, Vpc, Ecs, Eci, CS
  code: string; // RAM service code: ram, vpc, ecs, eci, cs
  version: string;
  hostId: string;
  style: "RPC" | "ROA";
  /** Error code for a RAM permission denial. */
  deniedCode: string;
  actions: Record<string, ActionDef>;
  routes?: RoaRoute[];
}

export function required(ctx: Ctx, name: string): string {
  const v = ctx.query[name];
  if (v === undefined || v === "") throw Errors.missing(name);
  return v;
}

export function optional(ctx: Ctx, name: string): string | undefined {
  const v = ctx.query[name];
  return v === undefined || v === "" ? undefined : v;
}

export function intParam(ctx: Ctx, name: string, def: number, min: number, max: number): number {
  const v = optional(ctx, name);
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ApiError(400, `InvalidParameter.${name}`, `The specified ${name} is invalid; it must be an integer from ${min} to ${max}.`);
  return n;
}

export function boolParam(ctx: Ctx, name: string): boolean | undefined {
  const v = optional(ctx, name);
  if (v === undefined) return undefined;
  if (v !== "true" && v !== "false") throw new ApiError(400, `InvalidParameter.${name}`, `The specified ${name} must be true or false.`);
  return v === "true";
}

export function requireRegion(ctx: Ctx, name = "RegionId"): Region {
  const id = required(ctx, name);
  const r = ctx.state.regions.find((x) => x.regionId === id);
  if (!r) throw Errors.regionNotFound();
  return r;
}

/** Flattened list parameters: Tag.1.Key=k&Tag.1.Value=v -> [{Key:"k",Value:"v"}]. */
export function listParam(ctx: Ctx, prefix: string): Record<string, string>[] {
  const out: Record<number, Record<string, string>> = {};
  const re = new RegExp(`^${prefix.replace(/\./g, "\\.")}\\.(\\d+)(?:\\.(.+))?$`);
  for (const [k, v] of Object.entries(ctx.query)) {
    const m = re.exec(k);
    if (!m) continue;
    const i = Number(m[1]);
    out[i] ??= {};
    out[i][m[2] ?? ""] = v;
  }
  return Object.keys(out)
    .map(Number)
    .sort((a, b) => a - b)
    .map((i) => out[i]);
}

export function paginate<T>(items: T[], pageNumber: number, pageSize: number): T[] {
  return items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
}
