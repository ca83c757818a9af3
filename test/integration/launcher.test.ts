import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { startSandbox } from "@/sandbox/launcher";
import { SandboxBusyError } from "@/sandbox/state-lock";
import { readSandboxInfo } from "@/sandbox/sandbox-info";
import { kubectl } from "./kubectl";

const repoRoot = path.resolve(import.meta.dirname, "../..");

/** Pids of every process whose command line mentions `text` (the state dir), from /proc. */
async function processesMentioning(text: string) {
  const found: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "");
    if (cmdline.includes(text)) found.push(Number(entry));
  }
  return found;
}

/** GET `url` over http or https; resolves the status, or the error that ended the attempt (refused handshake...). */
function get(url: string, options: https.RequestOptions = {}): Promise<{ status?: number; error?: string }> {
  return new Promise((resolve) => {
    const req = (url.startsWith("https:") ? https : http).get(url, { ...options, timeout: 5_000 }, (res) => {
      res.resume();
      resolve({ status: res.statusCode });
    });
    req.on("error", (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
    req.on("timeout", () => req.destroy(new Error("timeout")));
  });
}

describe("etcd", () => {
  it("serves clients over TLS and only with a certificate of etcd's own CA (the apiserver's); plain or certificate-less connections are refused", async () => {
    const { stateDir } = inject("sandbox");
    const port = Number(await readFile(path.join(stateDir, "run", "etcd.port"), "utf8"));
    const pki = path.join(stateDir, "pki");
    const ca = await readFile(path.join(pki, "etcd", "ca.crt"));
    // Plain http on the client port: no answer from etcd's API (Go's TLS listener answers 400 to a plain request).
    expect((await get(`http://127.0.0.1:${port}/version`)).status).not.toBe(200);
    // TLS without a client certificate: the handshake is refused.
    const noCert = await get(`https://127.0.0.1:${port}/version`, { ca });
    expect(noCert.status).toBeUndefined();
    expect(noCert.error).toBeDefined();
    // The cluster admin's certificate is from the cluster CA, not etcd's: refused as well.
    const admin = await get(`https://127.0.0.1:${port}/version`, { ca, cert: await readFile(path.join(pki, "admin.crt")), key: await readFile(path.join(pki, "admin.key")) });
    expect(admin.status).toBeUndefined();
    // The apiserver's etcd client certificate works.
    const apiserver = await get(`https://127.0.0.1:${port}/version`, {
      ca,
      cert: await readFile(path.join(pki, "etcd", "apiserver-etcd-client.crt")),
      key: await readFile(path.join(pki, "etcd", "apiserver-etcd-client.key")),
    });
    expect(apiserver.status).toBe(200);
  });
});

describe("sandbox launcher", () => {
  it("refuses a second start on a state dir that a running sandbox owns, and says how to proceed", async () => {
    const { stateDir } = inject("sandbox");
    await expect(startSandbox({ stateDir })).rejects.toThrow(SandboxBusyError);
    await expect(startSandbox({ stateDir })).rejects.toThrow(/already running on .* pick another --state-dir/);
  });

  it("`npm run sandbox` prints `sandbox ready`, reuses the built binaries, and leaves no process behind on SIGTERM", async () => {
    const stateDir = await mkdtemp(path.join(os.tmpdir(), "vnode-cli-"));
    const child = spawn("npx", ["tsx", "sandbox/cli.ts", "--state-dir", stateDir, "--nodes", "1"], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (c) => (stderr += c));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (c) => {
        stdout += c;
        if (stdout.includes("sandbox ready")) resolve();
      });
      child.on("exit", (code) => reject(new Error(`launcher exited early (${code}): ${stderr}`)));
    });
    expect(stdout.trim()).toBe("sandbox ready");
    expect(stderr).toMatch(/control plane v1\.\d+\.\d+: cached in /);
    const info = await readSandboxInfo(stateDir);
    expect(info.kubeconfig).toBe(path.join(stateDir, "kubeconfig"));
    expect(await kubectl(info.kubeconfig, "get", "nodes", "--no-headers")).toMatch(/\sReady\s/);
    expect((await processesMentioning(stateDir)).length).toBeGreaterThanOrEqual(4);

    const exited = new Promise((resolve) => child.on("exit", resolve));
    // Signal the launcher itself (npx and tsx wrap it), as Ctrl+C in a terminal would signal the whole group.
    const launcher = Number(await readFile(path.join(stateDir, "sandbox.lock"), "utf8"));
    process.kill(launcher, "SIGTERM");
    await exited;
    expect(await processesMentioning(stateDir)).toEqual([]);
    await rm(stateDir, { recursive: true, force: true });
  });
});
