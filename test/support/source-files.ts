import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The product's TypeScript sources a person's words could be in (tests, sandbox and bench are not shown to users). */
export function productSources(dirs = ["app", "components", "lib", "cli"]): { file: string; text: string }[] {
  return dirs.flatMap((dir) =>
    (readdirSync(path.join(ROOT, dir), { recursive: true }) as string[])
      .filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".d.ts"))
      .map((f) => `${dir}/${f.split(path.sep).join("/")}`)
      .sort()
      .map((file) => ({ file, text: readFileSync(path.join(ROOT, file), "utf8") })),
  );
}
