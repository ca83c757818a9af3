// Input of the eci-profile save action. The form checks the same schema and lib/eci-profile/check.ts, so what the
// browser shows is what the server enforces.
import { z } from "zod";
import { vmsg } from "@/lib/i18n/zod";
import { KNOWN_KEYS, eciProfileFormSchema } from "@/lib/eci-profile";

export const saveEciProfileSchema = z.object({
  cluster: z.string().min(1, vmsg("validation.clusters.pickCluster")).max(253),
  /** The ConfigMap version the form was loaded at (or merged onto): the write's precondition. */
  resourceVersion: z.string().min(1, vmsg("validation.noResourceVersion")).max(64),
  fields: eciProfileFormSchema,
  /** Known keys to write even if unchanged in meaning (replacing a stored value that could not be read). */
  forceKeys: z.array(z.enum(KNOWN_KEYS)).max(KNOWN_KEYS.length).default([]),
});

export type SaveEciProfileInput = z.input<typeof saveEciProfileSchema>;
