// Commander's own words (help headings, the help and version options, usage errors) in the CLI's language. In
// English they are left exactly as commander writes them.
import { type Command, Help, type Option } from "commander";
import { currentLocale } from "@/lib/i18n/locale-context";
import { displayWidth } from "./format";
import { t } from "./i18n";

/** A wrap point: one CJK character (with the punctuation that must not start a line), or a run of other non-spaces. */
const CHUNK = /\s*(?:[\u2e80-\ua4cf\uf900-\ufaff\uff00-\uff60][，。、；：！？）」』”’》]*|[^\s\u2e80-\ua4cf\uf900-\ufaff\uff00-\uff60]+)/g;

/** Commander's boxWrap, with Chinese text wrapped between characters (it has no spaces to wrap at). */
function wrapCjk(text: string, width: number): string {
  const lines: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const chunks = raw.match(CHUNK);
    if (!chunks) {
      lines.push("");
      continue;
    }
    let line = chunks.shift() ?? "";
    for (const chunk of chunks) {
      if (displayWidth(line) + displayWidth(chunk) <= width) line += chunk;
      else {
        lines.push(line);
        line = chunk.trimStart();
      }
    }
    lines.push(line);
  }
  return lines.join("\n");
}

const TITLES: Record<string, () => string> = {
  "Usage:": () => t("cli.help.usage"),
  "Arguments:": () => t("cli.help.arguments"),
  "Options:": () => t("cli.help.options"),
  "Commands:": () => t("cli.help.commands"),
  "Global Options:": () => t("cli.help.globalOptions"),
};

const error = (message: string) => t("cli.error", { message });

/** Commander's error lines (command.js, suggestSimilar.js) and their words in the CLI's language. */
const COMMANDER_LINES: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^error: unknown command '(.*)'$/, (m) => error(t("cli.commander.unknownCommand", { name: m[1] }))],
  [/^error: unknown option '(.*)'$/, (m) => error(t("cli.commander.unknownOption", { name: m[1] }))],
  [/^error: missing required argument '(.*)'$/, (m) => error(t("cli.commander.missingArgument", { name: m[1] }))],
  [/^error: option '(.*)' argument missing$/, (m) => error(t("cli.commander.optionMissingArgument", { flags: m[1] }))],
  [/^error: required option '(.*)' not specified$/, (m) => error(t("cli.commander.missingMandatoryOption", { flags: m[1] }))],
  [/^error: option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/, (m) => error(t("cli.commander.invalidChoice", { flags: m[1], value: m[2], choices: m[3] }))],
  [
    /^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    (m) => error(t("cli.commander.excessArguments", { command: m[1] ? t("cli.commander.forCommand", { name: m[1] }) : "", expected: m[2], received: m[3] })),
  ],
  [/^\(Did you mean one of (.*)\?\)$/, (m) => t("cli.commander.didYouMeanOneOf", { names: m[1] })],
  [/^\(Did you mean (.*)\?\)$/, (m) => t("cli.commander.didYouMean", { name: m[1] })],
  [/^error: (.*)$/, (m) => error(m[1])],
];

/** One line of a commander error ("error: unknown option '--x'", "(Did you mean --y?)") in the CLI's language. */
export function commanderLine(line: string): string {
  if (currentLocale() === "en") return line;
  for (const [pattern, words] of COMMANDER_LINES) {
    const m = line.match(pattern);
    if (m) return words(m);
  }
  return line;
}

/** Sets the root command's help option, help command, help layout and error output; subcommands inherit them. */
export function localizeCommander(program: Command): Command {
  const base = new Help();
  return program
    .helpOption("-h, --help", t("cli.help.helpOption"))
    .helpCommand("help [command]", t("cli.help.helpCommand"))
    .configureHelp({
      styleTitle: (title: string) => TITLES[title]?.() ?? title,
      // Chinese characters take two columns: the descriptions' column and wrapping count them so.
      // (The help is never styled with colours here, so there are no escape codes to leave out.)
      displayWidth: (text: string) => (currentLocale() === "en" ? base.displayWidth(text) : displayWidth(text)),
      boxWrap: (text: string, width: number) => (currentLocale() === "en" || width < base.minWidthToWrap ? base.boxWrap(text, width) : wrapCjk(text, width)),
      optionDescription: (option: Option) => {
        const text = base.optionDescription(option);
        if (currentLocale() === "en") return text;
        // "(default: "600")", "(choices: "text", "json")": commander's extras, in the CLI's words.
        return text.replace(
          / ?\((default|choices): (.*)\)$/,
          (_, kind: string, value: string) => `（${kind === "default" ? t("cli.help.default", { value }) : t("cli.help.choices", { value })}）`,
        );
      },
    })
    .configureOutput({ outputError: (text, write) => write(text.split("\n").map(commanderLine).join("\n")) });
}
