"use server";

import { redirect } from "next/navigation";
import { authConfig } from "@/lib/auth/config";
import { signInSchema } from "@/lib/auth/schema";
import { tokenMatches } from "@/lib/auth/session-cookie";
import { startSession } from "@/lib/auth/session";
import { signInThrottle } from "@/lib/auth/throttle";

export type SignInState = { error?: string };

/** The one public action: it exchanges the access token for a session cookie. */
export async function signIn(_prev: SignInState, form: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse({ token: form.get("token"), next: form.get("next") ?? undefined });
  if (!parsed.success) return { error: parsed.error.issues[0].message };
  const wait = signInThrottle.retryAfterSeconds();
  if (wait > 0) return { error: `Too many wrong tokens. Try again in ${wait} s.` };
  if (!authConfig.accessToken()) return { error: "This console has no access token configured: set VNODE_CONSOLE_TOKEN (npm start sets one)." };
  if (!tokenMatches(parsed.data.token, authConfig.accessToken())) {
    signInThrottle.fail();
    return { error: "That token is not right. Use the one `npm start` printed (or VNODE_CONSOLE_TOKEN)." };
  }
  await startSession("token-user");
  redirect(parsed.data.next);
}
