import type { Command } from "commander";
import { runDoctor } from "@/lib/server/doctor";
import { EXIT } from "../exit-codes";
import { table } from "../format";
import { t } from "../i18n";
import { clusterFor, forContexts } from "../runtime";

export async function doctorCommand(cmd: Command): Promise<void> {
  process.exitCode = await forContexts(cmd.optsWithGlobals(), async (context) => {
    const cluster = await clusterFor(context);
    const checks = await runDoctor(cluster);
    const failing = checks.filter((c) => c.status === "fail");
    return {
      context: cluster.id,
      exitCode: failing.length ? EXIT.failure : EXIT.ok,
      summary: failing.length
        ? t("cli.doctor.failedSummary", { count: failing.length, labels: failing.map((c) => c.label).join("; ") })
        : t("cli.doctor.okSummary", { count: checks.length }),
      lines: [
        table(
          [t("cli.doctor.checkHeader"), t("cli.doctor.statusHeader"), t("cli.doctor.detailsHeader")],
          checks.map((c) => [c.label, t(c.status === "ok" ? "cli.doctor.ok" : c.status === "fail" ? "cli.doctor.fail" : "cli.doctor.unknown"), c.explanation]),
        ),
      ],
      data: { context: cluster.id, ok: failing.length === 0, checks },
    };
  });
}
