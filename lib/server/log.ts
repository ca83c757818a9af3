import "server-only";
import pino from "pino";

// The console's own log lines (actions, streams, shutdown). JSON, one object per line, when VNODE_LOG_FORMAT=json or
// in a cluster (log collectors parse it); short human lines on a laptop. Fields that could carry a credential are
// redacted by name wherever they appear, as a last guard: callers never log secrets on purpose.

const json = process.env.VNODE_LOG_FORMAT === "json" || (process.env.VNODE_LOG_FORMAT !== "text" && process.env.VNODE_IN_CLUSTER === "1");

const REDACT = ["accessKeySecret", "AccessKeySecret", "secret", "token", "password", "authorization", "cookie", "clientSecret", "refreshToken", "idToken"];

/** Human lines: "level msg key=value …", what a person reads in a terminal. */
const textDestination = {
  write(line: string) {
    const { level, msg, time: _time, pid: _pid, hostname: _host, ...fields } = JSON.parse(line) as Record<string, unknown>;
    const extra = Object.entries(fields)
      .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
      .join(" ");
    const name = pino.levels.labels[level as number] ?? String(level);
    (name === "error" || name === "warn" ? process.stderr : process.stdout).write(`[console] ${name === "info" ? "" : `${name}: `}${msg}${extra ? ` ${extra}` : ""}\n`);
  },
};

const globalForLog = globalThis as unknown as { __vnodeLog?: pino.Logger };
globalForLog.__vnodeLog ??= pino(
  {
    level: process.env.VNODE_LOG_LEVEL ?? "info",
    base: json ? { service: "vnode-console", pod: process.env.VNODE_POD_NAME } : undefined,
    redact: { paths: [...REDACT, ...REDACT.map((k) => `*.${k}`)], censor: "[redacted]" },
    timestamp: json ? pino.stdTimeFunctions.isoTime : false,
    formatters: json ? { level: (label) => ({ level: label }) } : undefined,
  },
  json ? pino.destination({ dest: 1, sync: true }) : textDestination,
);
export const log = globalForLog.__vnodeLog;
