import { currentSession } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/** Lets the browser tell "signed out" from "server unreachable" when its stream drops. */
export async function GET() {
  const session = await currentSession();
  return session ? Response.json({ signedIn: true, expiresAt: session.exp * 1000 }) : Response.json({ signedIn: false }, { status: 401 });
}
