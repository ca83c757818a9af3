// The `vnode` command tree. Commands reach Kubernetes and Alibaba Cloud only through lib/server, like the console.
import { Command } from "commander";
import { registerAddon } from "./commands/addon";
import { registerDoctor } from "./commands/doctor";
import { registerEciProfile } from "./commands/eci-profile";
import { registerPlacement } from "./commands/placement";
import { registerRamUser } from "./commands/ram-user";
import { bashCompletion, zshCompletion } from "./completion";
import { localizeCommander } from "./commander-words";
import { CliError, EXIT } from "./exit-codes";
import { examples, t } from "./i18n";

export function buildProgram(): Command {
  const program = localizeCommander(new Command("vnode"))
    .description(t("cli.program.description"))
    .version(process.env.npm_package_version ?? "0.1.0", "-V, --version", t("cli.help.version"))
    .showSuggestionAfterError()
    .exitOverride()
    .addHelpText(
      "after",
      // i18n-ignore: the seed's commands, the same in every language (the words around them are translated)
      `
${t("cli.program.seedFlow")}
  vnode doctor
  vnode ram-user grant --addon ack-virtual-node
  vnode addon install ack-virtual-node
  kubectl get no | grep virtual-kubelet
  vnode placement -n vk

${t("cli.program.exitCodes")}`,
    );
  // Like kubectl, --kubeconfig wins over KUBECONFIG: set before any command reads the kubeconfig (it is read once).
  program.hook("preAction", (_program, action) => {
    const file = action.optsWithGlobals<{ kubeconfig?: string }>().kubeconfig;
    if (file) process.env.KUBECONFIG = file;
  });
  registerRamUser(program);
  registerAddon(program);
  registerEciProfile(program);
  registerPlacement(program);
  registerDoctor(program);
  program
    .command("completion")
    .argument("<shell>", t("cli.program.completionShell"))
    .description(t("cli.program.completionDescription"))
    .addHelpText("after", examples("source <(vnode completion bash)", "vnode completion zsh > ~/.zsh/completions/_vnode"))
    .action((shell: string) => {
      if (shell !== "bash" && shell !== "zsh") throw new CliError(t("cli.program.noCompletion", { shell }), EXIT.usage, "Usage");
      process.stdout.write(shell === "bash" ? bashCompletion(program) : zshCompletion(program));
    });
  // Subcommands inherit the parent's exit override and error output.
  const inherit = (cmd: Command) => {
    for (const sub of cmd.commands) {
      sub.exitOverride().showSuggestionAfterError();
      inherit(sub);
    }
  };
  inherit(program);
  return program;
}
