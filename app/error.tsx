"use client";

import Link from "next/link";

/** A page that failed to render: say so plainly, offer a retry, never show a stack trace. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section role="alert" className="space-y-3 rounded-lg border border-red-200 bg-white p-6">
      <h1 className="text-xl font-semibold text-red-800">This page could not be shown</h1>
      <p className="text-sm text-slate-700">
        The console hit an error while loading it. Retry; if it keeps happening, the console&apos;s server log has the details
        {error.digest ? (
          <>
            {" "}
            under the reference <code>{error.digest}</code>
          </>
        ) : null}
        .
      </p>
      <div className="flex gap-3 text-sm">
        <button type="button" onClick={reset} className="rounded bg-sky-700 px-3 py-1.5 font-medium text-white hover:bg-sky-800">
          Retry
        </button>
        <Link href="/clusters" className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-50">
          Back to Clusters
        </Link>
      </div>
    </section>
  );
}
