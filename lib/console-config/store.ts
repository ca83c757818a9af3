import "server-only";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { invalidConsoleConfig } from "./invalid";
import { consoleConfigSchema, type ConsoleConfig } from "./schema";

/** The console's own small config file (cluster links); never holds credentials. */
export const consoleConfigPath = () =>
  process.env.VNODE_CONSOLE_CONFIG ?? path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), ".config"), "vnode-console", "console.json");

export async function readConsoleConfig(): Promise<ConsoleConfig> {
  const text = await readFile(/*turbopackIgnore: true*/ consoleConfigPath(), "utf8").catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return "{}";
    throw e;
  });
  const parsed = consoleConfigSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw invalidConsoleConfig(consoleConfigPath(), parsed.error.issues[0]);
  return parsed.data;
}

let writing: Promise<unknown> = Promise.resolve();

/** Read-modify-write, serialized within the process and atomic on disk (write a temp file, then rename). */
export function updateConsoleConfig(change: (config: ConsoleConfig) => ConsoleConfig): Promise<ConsoleConfig> {
  const next = writing.then(async () => {
    const updated = consoleConfigSchema.parse(change(await readConsoleConfig()));
    const file = consoleConfigPath();
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(`${file}.tmp`, `${JSON.stringify(updated, null, 2)}\n`, { mode: 0o600 });
    await rename(`${file}.tmp`, file);
    return updated;
  });
  writing = next.catch(() => {});
  return next;
}
