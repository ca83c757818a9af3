import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const stateDir = mkdtempSync(path.join(os.tmpdir(), "vnode-auth-start-"));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

/**
 * Runs `npm start` (scripts/start.ts) as a user would. `--nodes 0` is invalid and makes it stop right before it would
 * start the sandbox, so a run that got past the checks under test ends there too, with nothing started.
 */
function start(args: string[], env: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "start.ts"), "--state-dir", stateDir, "--port", "3199", "--nodes", "0", ...args], {
      cwd: root,
      env: { ...process.env, VNODE_CONSOLE_TOKEN: undefined, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describe("npm start refuses unsafe settings before starting anything", () => {
  it("refuses a VNODE_CONSOLE_TOKEN shorter than 32 characters, and says so", async () => {
    const { code, output } = await start([], { VNODE_CONSOLE_TOKEN: "too-short-a-token" });
    expect(code).not.toBe(0);
    expect(output).toContain("VNODE_CONSOLE_TOKEN is too short (17 characters): use at least 32");
    expect(output).not.toContain("too-short-a-token");
    expect(output).not.toContain("--nodes must be");
    expect(existsSync(path.join(stateDir, "sandbox.json"))).toBe(false);
  });

  it("refuses a non-loopback --host over plain HTTP unless --insecure-http is given", async () => {
    const { code, output } = await start(["--host", "0.0.0.0"], {});
    expect(code).not.toBe(0);
    expect(output).toContain("--host 0.0.0.0 would serve the console over plain HTTP");
    expect(output).toContain("--insecure-http");
    expect(output).not.toContain("--nodes must be");
  });

  it("accepts the explicit --insecure-http, and a long enough token", async () => {
    const { output } = await start(["--host", "0.0.0.0", "--insecure-http"], { VNODE_CONSOLE_TOKEN: "x".repeat(32) });
    expect(output).toContain("--nodes must be a whole number");
    expect(output).not.toContain("Not starting the console");
  });
});
