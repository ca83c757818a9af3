"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { authConfig, MIN_TOKEN_LENGTH } from "@/lib/auth/config";
import { localeOfRequest } from "@/lib/i18n/request-locale";
import { translatorFor } from "@/lib/i18n/translator";
import { issueText } from "@/lib/i18n/zod";
import { clientAddress } from "@/lib/auth/request-info";
import { signInSchema } from "@/lib/auth/schema";
import { tokenMatches } from "@/lib/auth/session-cookie";
import { startSession } from "@/lib/auth/session";
import { signInThrottle } from "@/lib/auth/throttle";

export type SignInState = { error?: string };

/** The one public action: it exchanges the access token for a session cookie. */
export async function signIn(_prev: SignInState, form: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse({ token: form.get("token"), next: form.get("next") ?? undefined });
  const t = translatorFor(await localeOfRequest());
  if (!parsed.success) return { error: issueText(parsed.error.issues[0], t) };
  const client = clientAddress(await headers());
  const wait = signInThrottle.retryAfterSeconds(client);
  if (wait > 0) return { error: t("login.throttled", { seconds: wait }) };
  if (!authConfig.accessToken()) return { error: t("login.noToken", { length: MIN_TOKEN_LENGTH }) };
  if (!tokenMatches(parsed.data.token, authConfig.accessToken())) {
    signInThrottle.fail(client);
    return { error: t("login.wrongToken") };
  }
  await startSession("token-user");
  // A path, not a URL: the browser stays on the host it used.
  redirect(parsed.data.next);
}
