import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { SERVER_MALLOC_ENV, SERVER_NODE_FLAGS } from "../../scripts/server-node-flags";
import { e2eSandbox } from "./sandbox-helpers";

const root = path.resolve(import.meta.dirname, "..", "..");
/** The server the container image runs (scripts/build-standalone.sh lays it out as the Dockerfile does). */
export const STANDALONE_SERVER = path.join(root, ".next-standalone", "standalone", "server.js");

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** A ServiceAccount's mounted files, as the kubelet projects them into a pod: token, ca.crt, namespace. */
export function serviceAccountDir(token: string, namespace: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "vnode-sa-"));
  const kubeconfig = e2eSandbox().kubeconfig;
  const caData = /certificate-authority-data:\s*(\S+)/.exec(readFileSync(kubeconfig, "utf8"))?.[1];
  if (!caData) throw new Error(`no certificate-authority-data in ${kubeconfig}`);
  writeFileSync(path.join(dir, "token"), token);
  writeFileSync(path.join(dir, "ca.crt"), Buffer.from(caData, "base64"));
  writeFileSync(path.join(dir, "namespace"), namespace);
  return dir;
}

export interface Replica {
  name: string;
  url: string;
  child: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** One console replica: the standalone server as the image runs it, in-cluster mode, with the environment the chart's Deployment sets. */
export async function startReplica(name: string, env: Record<string, string>): Promise<Replica> {
  if (!existsSync(STANDALONE_SERVER)) throw new Error(`${STANDALONE_SERVER} is missing: build it with \`bash scripts/build-standalone.sh\``);
  const port = await freePort();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, STANDALONE_SERVER], {
    cwd: path.dirname(STANDALONE_SERVER),
    // The pod's environment, then what differs on this machine: the port and the loopback address (the pod listens on
    // 0.0.0.0:3000 in its own network namespace).
    env: {
      PATH: process.env.PATH,
      HOME: os.tmpdir(),
      NODE_ENV: "production",
      ...SERVER_MALLOC_ENV,
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_MANUAL_SIG_HANDLE: "1",
      VNODE_POD_NAME: name,
      ...env,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const status = (await fetch(`${url}/healthz`).catch(() => undefined))?.status;
    if (status === 200) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`replica ${name} did not answer /healthz (${child.exitCode === null ? "60 s" : `exited ${child.exitCode}`}); its output:\n${output.slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    name,
    url,
    child,
    output: () => output,
    stop: (signal = "SIGTERM") =>
      new Promise((resolve) => {
        // Already gone (a signal leaves exitCode null and sets signalCode).
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once("exit", (code) => resolve(code));
        child.kill(signal);
      }),
  };
}
