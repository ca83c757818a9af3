import type { Metadata } from "next";
import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "@/components/locale-switcher";
import { Providers } from "@/components/providers";
import { SignOutButton } from "@/components/sign-out-button";
import { currentActor } from "@/lib/server/guard";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: t("appName"), description: t("appDescription") };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const session = await currentActor();
  const locale = await getLocale();
  const t = await getTranslations();
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <NextIntlClientProvider>
          <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-1">
            {t("common.skipToContent")}
          </a>
          <header className="border-b border-slate-200 bg-white">
            <nav aria-label={t("nav.main")} className="mx-auto flex max-w-7xl items-center gap-6 px-6 py-3">
              <Link href="/clusters" className="font-semibold tracking-tight">
                {t("common.appName")}
              </Link>
              {session && (
                <Link href="/clusters" className="text-sm text-slate-600 hover:text-slate-900">
                  {t("nav.clusters")}
                </Link>
              )}
              {session && (
                <Link href="/activity" className="text-sm text-slate-600 hover:text-slate-900">
                  {t("nav.activity")}
                </Link>
              )}
              <span className="flex-1" />
              {session && (
                <span data-testid="signed-in-as" className="text-sm text-slate-600">
                  <span className="font-medium text-slate-900">{session.identity.displayName}</span>
                  {session.identity.kind === "oidc" && <span className="font-mono"> ({session.identity.username})</span>} ·{" "}
                  <span data-testid="console-role">{session.role ? t("nav.role", { role: session.role }) : t("nav.noConsoleRole")}</span>
                </span>
              )}
              <LocaleSwitcher />
              {session && <SignOutButton label={t("nav.signOut")} />}
            </nav>
          </header>
          <main id="main" className="mx-auto max-w-7xl px-6 py-8">
            {session ? <Providers>{children}</Providers> : children}
          </main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
