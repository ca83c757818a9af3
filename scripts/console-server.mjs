// The console's HTTP server, started by scripts/start.ts: Next.js's own request handler (as `next start`), behind one
// rule Next.js lacks. Next fills X-Forwarded-For/-Proto/-Host/-Port from the socket only when a request does not bring
// its own, so any client could name its address (and dodge or aim the sign-in throttle) or claim HTTPS. Unless
// VNODE_TRUST_PROXY=1 says a reverse proxy in front sets them, this server drops the client's copies first.
// Plain JavaScript run by node itself: under tsx's loader the same server took about 500 MiB more (750 MiB idle, not 235).
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import next from "next";

const { values } = parseArgs({ options: { host: { type: "string" }, port: { type: "string" } } });
const host = values.host;
const port = Number(values.port);
const trustProxy = process.env.VNODE_TRUST_PROXY === "1" || process.env.VNODE_TRUST_PROXY === "true";
const FORWARDED = ["forwarded", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "x-real-ip"];

const dir = path.resolve(import.meta.dirname, "..");
// The configuration the build was made with, as Next's standalone server.js (the container image) reads it: loading
// next.config.ts instead would transpile it with Next's native SWC compiler, 27 MiB of resident memory kept for good.
const distDir = process.env.VNODE_DIST_DIR || ".next"; // as next.config.ts
const { config } = JSON.parse(readFileSync(path.join(dir, distDir, "required-server-files.json"), "utf8"));
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
const app = next({ dev: false, dir, hostname: host, port, conf: config });
const handle = app.getRequestHandler();
await app.prepare();
const server = createServer((req, res) => {
  if (!trustProxy) for (const name of FORWARDED) delete req.headers[name];
  void handle(req, res);
});
// SIGTERM/SIGINT: stop accepting connections, let the app drain (lib/server/lifecycle.ts: streams told to reconnect,
// actions in flight finished), then exit. A second signal exits at once.
let stopping = false;
/** @param {string} signal */
const stop = async (signal) => {
  if (stopping) process.exit(1);
  stopping = true;
  const closed = new Promise((resolve) => server.close(() => resolve(undefined)));
  /** @type {{ drain?: () => Promise<{ unfinished: number }> } | undefined} */
  const lifecycle = globalThis.__vnodeLifecycle;
  const drain = lifecycle?.drain;
  const { unfinished } = drain ? await drain() : { unfinished: 0 };
  // The streams ended by the drain flush their last bytes; connections left idle are closed, the rest after 3 s.
  server.closeIdleConnections();
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 3_000).unref())]);
  server.closeAllConnections();
  console.log(`[console] ${signal}: stopped${unfinished ? ` with ${unfinished} action(s) unfinished (their state is read back from ACK and Kubernetes)` : ""}`);
  process.exit(0);
};
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
server.listen(port, host, () => console.log(`▲ Next.js ready on http://${host}:${port}${trustProxy ? " (trusting X-Forwarded-* from the proxy in front)" : ""}`));
