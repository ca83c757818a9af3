// `vnode`: the VNode Console's flow from a terminal or a pipeline, through the same lib/server services as the console.
import { CommanderError } from "commander";
import { errorSentence, explainError } from "@/lib/errors";
import { CliError, EXIT, exitCodeFor } from "./exit-codes";
import { buildProgram } from "./program";

/** Runs the CLI; resolves the process exit code. Never throws. */
export async function main(argv: string[]): Promise<number> {
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
      process.stderr.write(`error: ${error.message}\n`);
      return error.exitCode;
    }
    const explained = explainError(error);
    process.stderr.write(`error: ${errorSentence(explained)}\n`);
    return exitCodeFor(explained);
  }
}

const code = await main(process.argv.slice(2));
// Open watches and keep-alive sockets would hold the process; the command is done.
process.exit(code);
