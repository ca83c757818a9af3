// What the browser received and what the sandbox logged, kept for scans (e.g. that a secret appears nowhere).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { e2eSandbox, SANDBOX_CLUSTER } from "./sandbox-helpers";

/** Every HTTP response body the page receives from now on (SSE is left out: see recordStream). */
export function recordResponses(page: Page, bodies: string[] = []): string[] {
  page.on("response", async (response) => {
    if ((response.headers()["content-type"] ?? "").includes("text/event-stream")) return;
    bodies.push(await response.text().catch(() => ""));
  });
  return bodies;
}

/** A second EventSource in the page, on the same topics as the live views, keeps every SSE frame (see streamFrames). */
export async function recordStream(page: Page, cluster = SANDBOX_CLUSTER) {
  await page.evaluate((cluster) => {
    const topics = ["pods", "nodes", "namespaces"].map((resource) => ({ cluster, resource }));
    const frames: string[] = [];
    (window as unknown as { __frames: string[] }).__frames = frames;
    const source = new EventSource(`/api/stream?topics=${encodeURIComponent(JSON.stringify(topics))}`);
    for (const kind of ["snapshot", "change", "status", "heartbeat"]) source.addEventListener(kind, (e) => frames.push((e as MessageEvent).data));
  }, cluster);
}

/** The SSE frames recordStream has kept in this page so far. */
export const streamFrames = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { __frames: string[] }).__frames);

/** Everything the sandbox (and the console it started) logged so far. */
export function sandboxLogs(): string {
  const logsDir = path.join(e2eSandbox().stateDir, "logs");
  return readdirSync(logsDir)
    .map((f) => readFileSync(path.join(logsDir, f), "utf8"))
    .join("\n");
}
