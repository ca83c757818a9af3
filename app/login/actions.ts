"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { authConfig, MIN_TOKEN_LENGTH } from "@/lib/auth/config";
import { clientAddress } from "@/lib/auth/request-info";
import { signInSchema } from "@/lib/auth/schema";
import { tokenMatches } from "@/lib/auth/session-cookie";
import { startSession } from "@/lib/auth/session";
import { signInThrottle } from "@/lib/auth/throttle";

export type SignInState = { error?: string };

/** The one public action: it exchanges the access token for a session cookie. */
export async function signIn(_prev: SignInState, form: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse({ token: form.get("token"), next: form.get("next") ?? undefined });
  if (!parsed.success) return { error: parsed.error.issues[0].message };
  const client = clientAddress(await headers());
  const wait = signInThrottle.retryAfterSeconds(client);
  if (wait > 0) return { error: `Too many wrong tokens. Try again in ${wait} s.` };
  if (!authConfig.accessToken())
    return { error: `This console has no usable access token: set VNODE_CONSOLE_TOKEN to at least ${MIN_TOKEN_LENGTH} characters (npm start generates one).` };
  if (!tokenMatches(parsed.data.token, authConfig.accessToken())) {
    signInThrottle.fail(client);
    return { error: "That token is not right. Use the one `npm start` printed (or VNODE_CONSOLE_TOKEN)." };
  }
  await startSession("token-user");
  // A path, not a URL: the browser stays on the host it used.
  redirect(parsed.data.next);
}
