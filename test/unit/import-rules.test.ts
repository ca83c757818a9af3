// The import rules of .dependency-cruiser.cjs are enforced by `npm run lint`; this proves they bite: each probe file
// breaks one rule (one obeys them all) and the checker must refuse exactly the breakers, naming the rule.
import { execFile } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const probes = {
  "components/zz-import-probe.ts": 'import { kubeConfigFor } from "@/lib/k8s/kubeconfig";\nexport const probe = kubeConfigFor;\n',
  "lib/eci-profile/zz-import-probe.ts": 'import { readFileSync } from "node:fs";\nexport const probe = readFileSync;\n',
  "lib/k8s/zz-import-probe.ts": 'import { redirect } from "next/navigation";\nimport { csClient } from "@/lib/alicloud/clients";\nexport const probe = [redirect, csClient];\n',
  "lib/server/zz-import-probe.ts": 'import { kubeConfigFor } from "@/lib/k8s/kubeconfig";\nexport const probe = kubeConfigFor;\n',
  "app/zz-import-probe.ts": 'import "@/sandbox/sandbox-info";\nexport const probe = 1;\n',
};
let result: { code: number; output: string };

beforeAll(async () => {
  await Promise.all(Object.entries(probes).map(([file, source]) => writeFile(path.join(root, file), source)));
  try {
    const { stdout } = await promisify(execFile)("npx", ["depcruise", ...Object.keys(probes), "--config", ".dependency-cruiser.cjs"], { cwd: root });
    result = { code: 0, output: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    result = { code: e.code, output: e.stdout };
  }
}, 60_000);

afterAll(() => Promise.all(Object.keys(probes).map((file) => rm(path.join(root, file), { force: true }))));

const violations = () => result.output.split("\n").filter((line) => line.includes("error "));

describe("import rules", () => {
  it("fails the check", () => expect(result.code).not.toBe(0));
  it("refuses a component that imports a Kubernetes adapter", () =>
    expect(violations()).toContainEqual(expect.stringMatching(/ui-not-to-adapters: components\/zz-import-probe\.ts → lib\/k8s\/kubeconfig\.ts/)));
  it("refuses domain code that does file I/O", () =>
    expect(violations()).toContainEqual(expect.stringMatching(/domain-is-pure: lib\/eci-profile\/zz-import-probe\.ts → (node:)?fs/)));
  it("refuses an adapter that imports Next.js or another adapter", () => {
    expect(violations()).toContainEqual(expect.stringMatching(/adapters-not-to-next-or-auth: lib\/k8s\/zz-import-probe\.ts → node_modules\/next\//));
    expect(violations()).toContainEqual(expect.stringMatching(/k8s-not-to-alicloud: lib\/k8s\/zz-import-probe\.ts → lib\/alicloud\/clients\.ts/));
  });
  it("refuses product code that imports the sandbox", () =>
    expect(violations()).toContainEqual(expect.stringMatching(/product-not-to-sandbox: app\/zz-import-probe\.ts → sandbox\//)));
  it("accepts the server layer using an adapter", () => expect(violations().some((line) => line.includes("lib/server/zz-import-probe.ts"))).toBe(false));
});
