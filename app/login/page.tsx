import { SignInForm } from "./sign-in-form";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <section className="mx-auto mt-16 max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">Sign in to VNode Console</h1>
      <p className="text-sm text-slate-600">
        Paste the access token that <code>npm start</code> printed, or open the sign-in link it printed.
      </p>
      <SignInForm next={next ?? "/clusters"} />
    </section>
  );
}
