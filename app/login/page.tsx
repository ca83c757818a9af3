import { authConfig } from "@/lib/auth/config";
import { oidcConfig } from "@/lib/auth/oidc-config";
import { SignInForm } from "./sign-in-form";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  const oidc = oidcConfig.enabled();
  const token = !oidc || authConfig.accessToken() !== "";
  return (
    <section className="mx-auto mt-16 max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">Sign in to VNode Console</h1>
      {oidc && (
        <>
          <p className="text-sm text-slate-600">Sign in as yourself with your organisation&apos;s identity provider.</p>
          <a
            href={`/auth/oidc/login?next=${encodeURIComponent(next ?? "/clusters")}`}
            className="block w-full rounded bg-sky-700 px-3 py-2 text-center font-medium text-white hover:bg-sky-800"
          >
            Sign in with your identity provider
          </a>
        </>
      )}
      {token && (
        <>
          <p className="text-sm text-slate-600">
            {oidc ? "Or, as the console's administrator, p" : "P"}aste the access token that <code>npm start</code> printed, or open the sign-in link it printed.
          </p>
          <SignInForm next={next ?? "/clusters"} />
        </>
      )}
    </section>
  );
}
