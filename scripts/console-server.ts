// The console's HTTP server, started by scripts/start.ts: Next.js's own request handler (as `next start`), behind one
// rule Next.js lacks. Next fills X-Forwarded-For/-Proto/-Host/-Port from the socket only when a request does not bring
// its own, so any client could name its address (and dodge or aim the sign-in throttle) or claim HTTPS. Unless
// VNODE_TRUST_PROXY=1 says a reverse proxy in front sets them, this server drops the client's copies first.
import { createServer } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import next from "next";

const { values } = parseArgs({ options: { host: { type: "string" }, port: { type: "string" } } });
const host = values.host!;
const port = Number(values.port);
const trustProxy = process.env.VNODE_TRUST_PROXY === "1" || process.env.VNODE_TRUST_PROXY === "true";
const FORWARDED = ["forwarded", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "x-real-ip"];

const app = next({ dev: false, dir: path.resolve(import.meta.dirname, ".."), hostname: host, port });
const handle = app.getRequestHandler();
await app.prepare();
const server = createServer((req, res) => {
  if (!trustProxy) for (const name of FORWARDED) delete req.headers[name];
  void handle(req, res);
});
const stop = () => process.exit(0);
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.listen(port, host, () => console.log(`▲ Next.js ready on http://${host}:${port}${trustProxy ? " (trusting X-Forwarded-* from the proxy in front)" : ""}`));
