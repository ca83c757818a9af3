import type { Metadata } from "next";
import Link from "next/link";
import { Providers } from "@/components/providers";
import { currentActor } from "@/lib/server/guard";
import { SignOutButton } from "@/components/sign-out-button";
import "./globals.css";

export const metadata: Metadata = {
  title: "VNode Console",
  description: "Burst Kubernetes pods onto Alibaba Cloud ECI through ack-virtual-node",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const session = await currentActor();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-1">
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white">
          <nav aria-label="Main" className="mx-auto flex max-w-7xl items-center gap-6 px-6 py-3">
            <Link href="/clusters" className="font-semibold tracking-tight">
              VNode Console
            </Link>
            {session && (
              <Link href="/clusters" className="text-sm text-slate-600 hover:text-slate-900">
                Clusters
              </Link>
            )}
            {session && (
              <Link href="/activity" className="text-sm text-slate-600 hover:text-slate-900">
                Activity
              </Link>
            )}
            <span className="flex-1" />
            {session && (
              <span data-testid="signed-in-as" className="text-sm text-slate-600">
                <span className="font-medium text-slate-900">{session.identity.displayName}</span>
                {session.identity.kind === "oidc" && <span className="font-mono"> ({session.identity.username})</span>} ·{" "}
                <span data-testid="console-role">{session.role ?? "no console role"}</span>
              </span>
            )}
            {session && <SignOutButton />}
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-7xl px-6 py-8">
          {session ? <Providers>{children}</Providers> : children}
        </main>
      </body>
    </html>
  );
}
