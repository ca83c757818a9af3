// Runs once when the server starts. In the container image Next's own standalone server runs, with
// NEXT_MANUAL_SIG_HANDLE=1 (Dockerfile) so that it leaves SIGTERM to the console: readiness turns false, live streams
// are told to reconnect to another replica, and actions in flight finish before the process exits
// (lib/server/lifecycle.ts). `npm start`'s own server (scripts/console-server.mjs) does the same itself.
export function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.NEXT_MANUAL_SIG_HANDLE) return;
  type Lifecycle = { drain?: () => Promise<{ unfinished: number }> };
  let stopping = false;
  const stop = async () => {
    if (stopping) process.exit(1);
    stopping = true;
    const drain = (globalThis as { __vnodeLifecycle?: Lifecycle }).__vnodeLifecycle?.drain;
    const { unfinished } = drain ? await drain() : { unfinished: 0 };
    console.log(JSON.stringify({ level: "info", msg: "SIGTERM: stopped", unfinished }));
    // The ended streams' last bytes leave before the process does.
    setTimeout(() => process.exit(0), 500);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}
