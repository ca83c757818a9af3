import type { Command } from "commander";
import { runDoctor } from "@/lib/server/doctor";
import { EXIT } from "../exit-codes";
import { table } from "../format";
import { clusterFor, forContexts } from "../runtime";

export async function doctorCommand(cmd: Command): Promise<void> {
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
}
