import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Runs the real kubectl against a kubeconfig, as a user would; resolves stdout, rejects with stderr. */
export async function kubectl(kubeconfig: string, ...args: string[]): Promise<string> {
  try {
    const { stdout } = await run("kubectl", args, { env: { ...process.env, KUBECONFIG: kubeconfig }, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(
      `kubectl ${args.join(" ")} failed: ${
        e.stderr
          ?.split("\n")
          .filter((l) => !l.startsWith("WARNING"))
          .join(" ") || e.message
      }`,
    );
  }
}

export async function kubectlJson<T = any>(kubeconfig: string, ...args: string[]): Promise<T> {
  return JSON.parse(await kubectl(kubeconfig, ...args, "-o", "json"));
}

/** Polls until `check` returns a value (not undefined), failing with the last seen state after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${last})` : ""}`);
}
