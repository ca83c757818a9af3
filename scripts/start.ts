// `npm start`: builds the console if its sources changed, and serves it on 127.0.0.1. With no kubeconfig (no
// KUBECONFIG, no ~/.kube/config), or with --state-dir, it first starts the embedded sandbox and points the console
// at it; pointed at real clusters it starts none. Prints the sign-in link (the access token is generated per start
// unless VNODE_CONSOLE_TOKEN is set; a given one must have at least 32 characters). It listens on loopback unless told
// otherwise: another --host serves plain HTTP to the network, so it needs --insecure-http (put a TLS proxy in front and
// set VNODE_TRUST_PROXY=1 so the console believes its X-Forwarded-For/-Proto and marks cookies Secure).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, readdirSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startSandbox, type Sandbox } from "../sandbox/launcher";
import { updateSandboxInfo } from "../sandbox/sandbox-info";
import { SERVER_MALLOC_ENV, SERVER_NODE_FLAGS } from "./server-node-flags";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const { values } = parseArgs({
  options: {
    "state-dir": { type: "string" },
    port: { type: "string", default: process.env.PORT ?? "3123" },
    host: { type: "string", default: process.env.HOST ?? "127.0.0.1" },
    fresh: { type: "boolean", default: false },
    // Simulated data-center nodes of the sandbox (110 pods each); the launcher's default is 2.
    nodes: { type: "string" },
    // Serve plain HTTP on a non-loopback --host (the token and session cookie then cross the network in clear text).
    "insecure-http": { type: "boolean", default: false },
  },
});

const MIN_TOKEN_LENGTH = 32; // as lib/auth/config.ts
const isLoopback = (host: string) => host === "localhost" || host === "::1" || /^127(?:\.\d{1,3}){3}$/.test(host);

/** Reasons not to start at all, found before the sandbox or the build start. */
function refusals(): string[] {
  const problems: string[] = [];
  const given = process.env.VNODE_CONSOLE_TOKEN;
  if (given !== undefined && given !== "" && given.length < MIN_TOKEN_LENGTH) {
    problems.push(
      `VNODE_CONSOLE_TOKEN is too short (${given.length} characters): use at least ${MIN_TOKEN_LENGTH}, e.g. \`openssl rand -base64 32\`, or unset it and a token is generated.`,
    );
  }
  if (!isLoopback(values.host!) && !values["insecure-http"]) {
    problems.push(
      `--host ${values.host} would serve the console over plain HTTP to the network (the access token and the session cookie in clear text). Serve it on 127.0.0.1 behind a TLS reverse proxy (with VNODE_TRUST_PROXY=1), or pass --insecure-http to accept that.`,
    );
  }
  return problems;
}

function userKubeconfig() {
  if (process.env.KUBECONFIG) return process.env.KUBECONFIG;
  const file = path.join(os.homedir(), ".kube", "config");
  return existsSync(file) ? file : undefined;
}

/** Newest modification time under the console's sources, to rebuild only when they changed. */
function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const dir of ["app", "components", "lib", "public"]) if (existsSync(path.join(root, dir))) walk(path.join(root, dir));
  for (const file of ["next.config.ts", "package-lock.json", "proxy.ts", "instrumentation.ts", "instrumentation-client.ts", "postcss.config.mjs"]) {
    if (existsSync(path.join(root, file))) newest = Math.max(newest, statSync(path.join(root, file)).mtimeMs);
  }
  return newest;
}

async function main() {
  const problems = refusals();
  if (problems.length > 0) throw new Error(`Not starting the console:\n  ${problems.join("\n  ")}`);
  const token = process.env.VNODE_CONSOLE_TOKEN || randomBytes(32).toString("base64url");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    VNODE_CONSOLE_TOKEN: token,
    VNODE_SESSION_SECRET: process.env.VNODE_SESSION_SECRET || randomBytes(32).toString("hex"),
  };
  let sandbox: Sandbox | undefined;
  let child: ChildProcess | undefined; // the build, then the server
  let stopping = false;
  // Registered before anything starts, so a Ctrl+C or SIGTERM during start-up or the build stops everything too.
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((resolve) => child!.once("exit", resolve));
    }
    await sandbox?.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  const kubeconfig = values["state-dir"] ? undefined : userKubeconfig();
  if (kubeconfig) {
    console.error(`Using your kubeconfig (${kubeconfig}); no sandbox started.`);
  } else {
    const stateDir = path.resolve(values["state-dir"] ?? path.join(root, ".sandbox"));
    console.error(`No kubeconfig given: starting the embedded sandbox in ${stateDir} ...`);
    const nodes = values.nodes === undefined ? undefined : Number(values.nodes);
    if (nodes !== undefined && !(Number.isInteger(nodes) && nodes >= 1 && nodes <= 200)) throw new Error("--nodes must be a whole number from 1 to 200");
    sandbox = await startSandbox({ stateDir, fresh: values.fresh, nodes, log: (line) => console.error(`[sandbox] ${line}`) });
    env.KUBECONFIG = sandbox.info.kubeconfig;
    env.VNODE_CONSOLE_CONFIG ??= path.join(stateDir, "console", "console.json");
    for (const [key, value] of Object.entries(sandbox.consoleEnv)) env[key] = value;
    // The sandbox's people sign in with its OIDC provider; whoever ran npm start keeps the token (as administrator).
    env.VNODE_TOKEN_SIGN_IN ??= "1";
  }

  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId) || statSync(buildId).mtimeMs < newestSource()) {
    console.error("Building the console (its sources changed since the last build) ...");
    // Asynchronously: the sandbox runs in this process, and its simulated kubelets must keep renewing leases meanwhile.
    const build = spawn(process.execPath, [nextBin, "build"], { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
    child = build;
    const status = await new Promise<number | null>((resolve) => build.on("exit", resolve));
    if (stopping) return;
    if (status !== 0) {
      await sandbox?.stop();
      throw new Error("next build failed; see the output above");
    }
  }

  const url = `http://${values.host!.includes(":") ? `[${values.host}]` : values.host}:${values.port}`;
  const link = `${url}/auth?token=${token}`;
  // Node itself, not npx: a signal to the child must reach the server itself, or it outlives us.
  const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, path.join(root, "scripts", "console-server.mjs"), "--host", values.host!, "--port", values.port!], {
    cwd: root,
    env: { ...env, ...SERVER_MALLOC_ENV, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = server;
  // The console's own log: to the terminal, and with a sandbox also to <stateDir>/logs/console.log.
  const logFile = sandbox ? createWriteStream(path.join(sandbox.info.stateDir, "logs", "console.log"), { flags: "a" }) : undefined;
  const tee = (out: NodeJS.WriteStream) => (chunk: Buffer) => {
    out.write(chunk);
    logFile?.write(chunk);
  };
  server.stdout.on("data", tee(process.stdout));
  server.stderr.on("data", tee(process.stderr));
  if (sandbox) await updateSandboxInfo(sandbox.info.stateDir, { console: { url, token, link } });
  console.error(`\nVNode Console: ${url}\nSign in with this link (or paste the token on the sign-in page):\n  ${link}\n`);
  if (sandbox?.info.oidc) {
    const people = sandbox.info.oidc.users.map((u) => `  ${u.username.padEnd(11)} password ${u.password}   groups: ${u.groups.join(", ") || "(none)"}`);
    console.error(
      `Or sign in as a person of the sandbox's identity provider (${sandbox.info.oidc.issuer}): on the sign-in page choose\n"Sign in with your identity provider", then one of:\n${people.join("\n")}\n(Kubernetes RBAC decides what each may do; the apiserver's audit log is ${sandbox.info.auditLog}.)\n`,
    );
  }

  server.on("exit", (code) => {
    if (stopping) return;
    console.error(`the console server exited (code ${code})`);
    void (sandbox?.stop() ?? Promise.resolve()).then(() => process.exit(code ?? 1));
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
