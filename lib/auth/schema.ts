import { z } from "zod";
import { vmsg } from "@/lib/i18n/zod";

/** Only same-site paths: an open redirect after sign-in would hand the session to another site. */
export const nextPathSchema = z
  .string()
  // i18n-ignore: never shown, .catch() replaces a bad path with /clusters
  .regex(/^\/(?!\/)[^\\\s]*$/, "must be a path on this console")
  .catch("/clusters");

export const signInSchema = z.object({
  token: z.string().trim().min(1, vmsg("validation.tokenRequired")).max(512, vmsg("validation.tokenTooLong")),
  next: nextPathSchema,
});
