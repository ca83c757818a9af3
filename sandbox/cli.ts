// `npm run sandbox -- --state-dir DIR [--fresh] [--nodes N]`: runs the local environment until Ctrl+C or SIGTERM.
import { parseArgs } from "node:util";
import { startSandbox } from "./launcher";
import { SandboxBusyError } from "./state-lock";

const usage = "usage: npm run sandbox -- --state-dir DIR [--fresh] [--nodes N]";

async function main() {
  const { values } = parseArgs({
    options: {
      "state-dir": { type: "string" },
      fresh: { type: "boolean", default: false },
      nodes: { type: "string", default: "2" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return console.log(usage);
  const stateDir = values["state-dir"];
  if (!stateDir) throw new UsageError(`--state-dir is required.\n${usage}`);
  const nodes = Number(values.nodes);
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 50) throw new UsageError(`--nodes must be a whole number from 1 to 50, not "${values.nodes}".`);

  const started = Date.now();
  const sandbox = await startSandbox({ stateDir, fresh: values.fresh, nodes, log: (line) => console.error(line) });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    void (async () => {
      console.error(`${signal}: stopping the sandbox...`);
      await sandbox.stop();
      console.error("sandbox stopped");
      process.exit(0);
    })();
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGHUP", () => shutdown("SIGHUP"));
  console.error(`Kubernetes ${sandbox.info.kubernetesVersion} at ${sandbox.info.apiserver}, started in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.error(`export KUBECONFIG=${sandbox.info.kubeconfig}`);
  console.log("sandbox ready");
}

class UsageError extends Error {}

main().catch((error) => {
  console.error(error instanceof UsageError || error instanceof SandboxBusyError ? error.message : error);
  process.exit(error instanceof UsageError ? 2 : 1);
});
