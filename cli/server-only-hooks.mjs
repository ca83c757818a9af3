// Module hooks for the `vnode` process: `server-only` (imported by lib/server) resolves to nothing, as it does inside
// Next's server. Done by a hook rather than the react-server condition: that condition also gives React's server build,
// which next-intl's translator (the CLI's words, lib/i18n/translator.ts) cannot load.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return { url: "data:text/javascript,export {};", shortCircuit: true };
  return nextResolve(specifier, context);
}
