// The `vnode` command tree. Commands reach Kubernetes and Alibaba Cloud only through lib/server, like the console.
import { Command } from "commander";
import { registerAddon } from "./commands/addon";
import { registerDoctor } from "./commands/doctor";
import { registerEciProfile } from "./commands/eci-profile";
import { registerPlacement } from "./commands/placement";
import { registerRamUser } from "./commands/ram-user";
import { bashCompletion, zshCompletion } from "./completion";
import { CliError, EXIT } from "./exit-codes";

export function buildProgram(): Command {
  const program = new Command("vnode")
    .description("Burst Kubernetes pods onto Alibaba Cloud ECI with ack-virtual-node: grant, install, configure, check.")
    .version(process.env.npm_package_version ?? "0.1.0")
    .showSuggestionAfterError()
    .configureOutput({ outputError: (text, write) => write(text) })
    .exitOverride()
    .addHelpText(
      "after",
      `
The seed's flow:
  vnode doctor
  vnode ram-user grant --addon ack-virtual-node
  vnode addon install ack-virtual-node
  kubectl get no | grep virtual-kubelet
  vnode placement -n vk

Exit codes: 0 ok, 1 failure, 2 usage or invalid input, 3 not found, 4 refused (not confirmed, forbidden, not linked),
5 conflict, 6 Alibaba Cloud error. Configuration: KUBECONFIG / --kubeconfig / --context as kubectl; Alibaba Cloud
credentials from the default credential chain (ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET, credentials file, ECS RAM role, OIDC),
VNODE_ALIBABA_CLOUD_ENDPOINT for a private gateway; the console's config file (VNODE_CONSOLE_CONFIG) for cluster links.`,
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
    .argument("<shell>", "bash or zsh")
    .description("Print a shell completion script")
    .addHelpText("after", "\nExamples:\n  source <(vnode completion bash)\n  vnode completion zsh > ~/.zsh/completions/_vnode")
    .action((shell: string) => {
      if (shell !== "bash" && shell !== "zsh") throw new CliError(`No completion for "${shell}": use bash or zsh.`, EXIT.usage, "Usage");
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
