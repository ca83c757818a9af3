import { NextResponse } from "next/server";

/**
 * Redirects with a relative Location: the browser resolves it against the host it used. Next.js names 127.0.0.1 as
 * `localhost` in request.url, so an absolute URL built from it sends the browser to another host (without its cookie).
 */
export function redirectTo(path: string, status: 303 | 307 = 303): NextResponse {
  if (!path.startsWith("/") || path.startsWith("//")) throw new Error(`not a path on this console: ${path}`);
  return new NextResponse(null, { status, headers: { Location: path, "Cache-Control": "no-store" } });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small page for refusals a person sees (no scripts, no styles: the CSP needs no nonce for it). */
export function refusalPage(status: number, title: string, message: string): Response {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="/login">Go to the sign-in page</a></p></body></html>`;
  return new Response(body, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}
