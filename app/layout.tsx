import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "VNode Console",
  description: "Burst Kubernetes pods onto Alibaba Cloud ECI through ack-virtual-node",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-6xl items-center gap-6 px-6 py-3">
            <a href="/" className="font-semibold tracking-tight">VNode Console</a>
          </div>
        </header>
        <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
      </body>
    </html>
  );
}
