import { z } from "zod";

/** Only same-site paths: an open redirect after sign-in would hand the session to another site. */
export const nextPathSchema = z
  .string()
  .regex(/^\/(?!\/)[^\\\s]*$/, "must be a path on this console")
  .catch("/clusters");

export const signInSchema = z.object({
  token: z.string().trim().min(1, "Enter the access token printed by `npm start`.").max(512, "That is not an access token: it is too long."),
  next: nextPathSchema,
});
