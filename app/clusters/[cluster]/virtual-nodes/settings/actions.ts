"use server";

import { saveEciProfileSpec, type SaveOutcome } from "@/lib/server/eci-profile";
import { defineAction } from "@/lib/server/guard";
import { saveEciProfileSchema } from "./schema";

export type { SaveOutcome };

/**
 * Saves the eci-profile form: re-checked exactly as the form does (zod + the VPC's real vSwitches and security
 * groups), written only where changed, preconditioned on the resourceVersion the form was loaded at.
 */
export const saveEciProfile = defineAction({ ...saveEciProfileSpec, schema: saveEciProfileSchema });
