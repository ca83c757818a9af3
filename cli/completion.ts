// Shell completion scripts generated from the command tree, so they never fall behind the commands.
import type { Command } from "commander";

interface Node {
  words: string[];
  options: string[];
}

/** Every command path ("", "addon", "addon install", …) with the words and options that may follow it. */
export function completionTable(program: Command): Map<string, Node> {
  const table = new Map<string, Node>();
  const walk = (cmd: Command, path: string[]) => {
    const args = (cmd as unknown as { registeredArguments?: { description: string }[] }).registeredArguments ?? [];
    table.set(path.join(" "), {
      words: [...cmd.commands.map((c) => c.name()), ...args.map((a) => a.description).filter((d) => /^[a-z][a-z0-9-]*$/.test(d))],
      options: cmd.options.flatMap((o) => [o.long, o.short].filter((x): x is string => Boolean(x))),
    });
    for (const sub of cmd.commands) walk(sub, [...path, sub.name()]);
  };
  walk(program, []);
  return table;
}

export function bashCompletion(program: Command): string {
  const cases = [...completionTable(program)].map(([path, node]) => `    "${path}") words="${[...node.words, ...node.options, "--help"].join(" ")}" ;;`);
  return `# vnode bash completion: source <(vnode completion bash)
_vnode() {
  local cur prev path="" w
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  for w in "\${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    case "$w" in -*) ;; *) if [[ -n "$(_vnode_words "\${path:+$path }$w")" ]]; then path="\${path:+$path }$w"; fi ;; esac
  done
  case "$prev" in --context) COMPREPLY=( $(compgen -W "$(kubectl config get-contexts -o name 2>/dev/null)" -- "$cur") ); return ;; esac
  COMPREPLY=( $(compgen -W "$(_vnode_words "$path")" -- "$cur") )
}
_vnode_words() {
  local words=""
  case "$1" in
${cases.join("\n")}
  esac
  echo "$words"
}
complete -F _vnode vnode
`;
}

export function zshCompletion(program: Command): string {
  return `#compdef vnode
# vnode zsh completion: source <(vnode completion zsh)
autoload -U +X bashcompinit && bashcompinit
${bashCompletion(program)}`;
}
