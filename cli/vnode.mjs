#!/usr/bin/env node
// `vnode` launcher: runs cli/main.ts under tsx, with a module hook that makes `server-only` (imported by lib/server)
// resolve to an empty module, as it does inside Next's server. tsx is the one in this package's node_modules, and the
// package's tsconfig (the "@/…" paths) applies whatever the current directory is.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { constants } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(path.join(root, "package.json"));
const tsx = pathToFileURL(path.join(path.dirname(require.resolve("tsx/package.json")), "dist", "loader.mjs")).href;
const hooks = pathToFileURL(path.join(root, "cli", "server-only-hooks.mjs")).href;
const registerHooks = `data:text/javascript,import { register } from "node:module"; register(${JSON.stringify(hooks)});`;

const child = spawn(process.execPath, ["--import", registerHooks, "--import", tsx, path.join(root, "cli", "main.ts"), ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json") },
});
// Ctrl-C reaches the child too (same process group); the launcher only waits for it and passes its exit code on.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
