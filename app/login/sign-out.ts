"use server";

import { redirect } from "next/navigation";
import { endSession } from "@/lib/auth/session";

export async function signOut(): Promise<never> {
  const { providerLogout } = await endSession();
  // With OIDC the provider's session ends too (RP-initiated logout); it sends the browser back to /login.
  redirect(providerLogout ?? "/login");
}
