// `npm start`: builds the console if needed and serves it. With no kubeconfig (no KUBECONFIG, no ~/.kube/config)
// it first starts the embedded sandbox and points the console at it; pointed at real clusters it starts none.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startSandbox, type Sandbox } from "../sandbox/launcher";

const root = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    "state-dir": { type: "string" },
    port: { type: "string", default: process.env.PORT ?? "3123" },
    host: { type: "string", default: process.env.HOST ?? "127.0.0.1" },
    fresh: { type: "boolean", default: false },
  },
});

function userKubeconfig() {
  if (process.env.KUBECONFIG) return process.env.KUBECONFIG;
  const file = path.join(os.homedir(), ".kube", "config");
  return existsSync(file) ? file : undefined;
}

async function main() {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  let sandbox: Sandbox | undefined;
  const kubeconfig = values["state-dir"] ? undefined : userKubeconfig();
  if (kubeconfig) {
    console.error(`Using your kubeconfig (${kubeconfig}); no sandbox started.`);
  } else {
    const stateDir = path.resolve(values["state-dir"] ?? path.join(root, ".sandbox"));
    console.error(`No kubeconfig found: starting the embedded sandbox in ${stateDir} ...`);
    sandbox = await startSandbox({ stateDir, fresh: values.fresh, log: (line) => console.error(`[sandbox] ${line}`) });
    env.KUBECONFIG = sandbox.info.kubeconfig;
  }

  if (!existsSync(path.join(root, ".next", "BUILD_ID")) || process.env.VNODE_REBUILD === "1") {
    console.error("Building the console (first start only) ...");
    const build = spawnSync("npx", ["next", "build"], { cwd: root, env, stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed; see the output above");
  }

  const server = spawn("npx", ["next", "start", "-H", values.host!, "-p", values.port!], { cwd: root, env, stdio: "inherit" });
  const url = `http://${values.host}:${values.port}`;
  console.error(`VNode Console: ${url}`);

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    server.kill("SIGTERM");
    await sandbox?.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  server.on("exit", (code) => {
    if (!stopping) {
      console.error(`the console server exited (code ${code})`);
      void sandbox?.stop().then(() => process.exit(code ?? 1));
    }
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
