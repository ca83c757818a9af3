import { readFileSync } from "node:fs";
import path from "node:path";
import type { SandboxInfo } from "@/sandbox/sandbox-info";

/** The sandbox the web server of this run started (see playwright.config.ts). */
export function e2eSandbox(): SandboxInfo {
  return JSON.parse(readFileSync(path.join(process.env.E2E_STATE_DIR!, "sandbox.json"), "utf8"));
}
