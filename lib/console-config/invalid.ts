// The console's stored configuration (a file on a laptop, a ConfigMap in the cluster) that does not parse.
import type { z } from "zod";
import { ConsoleError, words } from "@/lib/errors";
import { currentTranslator } from "@/lib/i18n/locale-context";
import { issueText } from "@/lib/i18n/zod";

/** `where` names the file or the ConfigMap; the first zod issue says what is wrong with it. */
export function invalidConsoleConfig(where: string, issue: z.core.$ZodIssue): ConsoleError {
  return new ConsoleError({
    code: "InvalidConsoleConfig",
    title: words("server.state.invalidConfig.title", { where, problem: issueText(issue, currentTranslator()) }),
    whatToDo: words("server.state.invalidConfig.whatToDo"),
  });
}
