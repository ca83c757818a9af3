import { getTranslations } from "next-intl/server";
import { authConfig } from "@/lib/auth/config";
import { oidcConfig } from "@/lib/auth/oidc-config";
import { SignInForm } from "./sign-in-form";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  const t = await getTranslations("login");
  const oidc = oidcConfig.enabled();
  const token = !oidc || authConfig.accessToken() !== "";
  const code = (chunks: React.ReactNode) => <code>{chunks}</code>;
  return (
    <section className="mx-auto mt-16 max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      {oidc && (
        <>
          <p className="text-sm text-slate-600">{t("oidcIntro")}</p>
          <a
            href={`/auth/oidc/login?next=${encodeURIComponent(next ?? "/clusters")}`}
            className="block w-full rounded bg-sky-700 px-3 py-2 text-center font-medium text-white hover:bg-sky-800"
          >
            {t("oidcButton")}
          </a>
        </>
      )}
      {token && (
        <>
          <p className="text-sm text-slate-600">{oidc ? t.rich("tokenIntroBesideOidc", { code }) : t.rich("tokenIntro", { code })}</p>
          <SignInForm next={next ?? "/clusters"} />
        </>
      )}
    </section>
  );
}
