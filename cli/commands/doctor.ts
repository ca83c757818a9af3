import type { Command } from "commander";
import { runDoctor } from "@/lib/server/doctor";
import { EXIT } from "../exit-codes";
import { table } from "../format";
import { clusterFor, forContexts } from "../runtime";
import { withGlobals } from "./shared";

export function registerDoctor(program: Command) {
  withGlobals(program.command("doctor"), { allContexts: true })
    .description("Check the seed's prerequisites and the add-on's health for a context, each with what to do (exit 1 when one fails)")
    .addHelpText("after", "\nExamples:\n  vnode doctor\n  vnode doctor --context prod -o json\n  vnode doctor --all-contexts")
    .action(async (_o, cmd: Command) => {
      process.exitCode = await forContexts(cmd.optsWithGlobals(), async (context) => {
        const cluster = await clusterFor(context);
        const checks = await runDoctor(cluster);
        const failing = checks.filter((c) => c.status === "fail");
        return {
          context: cluster.id,
          exitCode: failing.length ? EXIT.failure : EXIT.ok,
          summary: failing.length ? `${failing.length} failed: ${failing.map((c) => c.label).join("; ")}` : `${checks.length} checks ok`,
          lines: [
            table(
              ["CHECK", "STATUS", "DETAILS"],
              checks.map((c) => [c.label, c.status === "ok" ? "ok" : c.status === "fail" ? "FAIL" : "unknown", c.explanation]),
            ),
          ],
          data: { context: cluster.id, ok: failing.length === 0, checks },
        };
      });
    });
}
