// Run-time fault injection, configured through the admin endpoint (administrator credential required)
// `/__sandbox/faults` on the emulator's own port (see README.md).
import { setTimeout as delay } from "node:timers/promises";
import { z } from "zod";
import { ApiError, Errors } from "./errors";

const matchSchema = z
  .object({
    /** RAM service code of the product: ram, vpc, ecs, eci, cs. Absent = all. */
    product: z.string().optional(),
    /** API action name, e.g. CreateContainerGroup. Absent = all. */
    action: z.string().optional(),
    /** How many matching requests fail before the rule expires. Absent = until cleared. */
    count: z.number().int().positive().optional(),
  })
  .strict();

export const faultConfigSchema = z
  .object({
    /** Added latency for every API request, in milliseconds. */
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    /** Answer matching requests with 400 Throttling.User. */
    throttle: matchSchema.optional(),
    /** Answer matching requests with a 5xx error. */
    serverError: matchSchema
      .extend({ status: z.number().int().min(500).max(599).default(500), code: z.string().default("InternalError"), message: z.string().optional() })
      .strict()
      .optional(),
    /** How long an ACK add-on task stays running before it does its work (real ACK tasks take tens of seconds). */
    addonTaskMs: z.number().int().min(0).max(600_000).optional(),
    /** Zones where ECI CreateContainerGroup fails for lack of stock. */
    noStockZones: z.array(z.string()).optional(),
  })
  .strict();

export type FaultConfig = z.infer<typeof faultConfigSchema>;

function matches(rule: { product?: string; action?: string }, product: string, action: string): boolean {
  return (rule.product === undefined || rule.product.toLowerCase() === product) && (rule.action === undefined || rule.action === action);
}

export class Faults {
  config: FaultConfig = {};

  set(input: unknown): FaultConfig {
    this.config = faultConfigSchema.parse(input);
    return this.config;
  }

  clear(): void {
    this.config = {};
  }

  isOutOfStock(zoneId: string): boolean {
    return this.config.noStockZones?.includes(zoneId) ?? false;
  }

  /** Applied to every signed API request before it reaches the product handler. */
  async beforeRequest(product: string, action: string): Promise<void> {
    const c = this.config;
    if (c.latencyMs) await delay(c.latencyMs);
    if (c.throttle && matches(c.throttle, product, action)) {
      this.consume("throttle");
      throw Errors.throttled();
    }
    const se = c.serverError;
    if (se && matches(se, product, action)) {
      this.consume("serverError");
      throw new ApiError(se.status, se.code, se.message ?? "The request processing has failed due to some unknown error.");
    }
  }

  private consume(key: "throttle" | "serverError"): void {
    const rule = this.config[key];
    if (!rule || rule.count === undefined) return;
    if (rule.count <= 1) delete this.config[key];
    else rule.count -= 1;
  }
}
