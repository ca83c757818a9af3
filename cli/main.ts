// `vnode`: the VNode Console's flow from a terminal or a pipeline, through the same lib/server services as the console.
import { CommanderError } from "commander";
import { errorSentence, explainError } from "@/lib/errors";
import { setProcessLocale } from "@/lib/i18n/locale-context";
import { localeFromEnv } from "@/lib/i18n/locales";
import { CliError, EXIT, exitCodeFor } from "./exit-codes";
import { errorLine } from "./i18n";
import { buildProgram } from "./program";

/** Runs the CLI; resolves the process exit code. Never throws. */
export async function main(argv: string[]): Promise<number> {
  // First of all: the help, our messages and the server's errors (lib/errors) all speak the user's language.
  setProcessLocale(localeFromEnv(process.env));
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: "user" });
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end in a CommanderError with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      process.stderr.write(errorLine(error.message));
      return error.exitCode;
    }
    const explained = explainError(error);
    process.stderr.write(errorLine(errorSentence(explained)));
    return exitCodeFor(explained);
  }
}

const code = await main(process.argv.slice(2));
// Open watches and keep-alive sockets would hold the process; the command is done.
process.exit(code);
