import { readFile, writeFile } from "node:fs/promises";
import { stringify } from "yaml";

const b64 = async (file: string) => (await readFile(file)).toString("base64");

/** Writes a kubeconfig with one cluster, one client-certificate user and one context. */
export async function writeKubeconfig(opts: { file: string; server: string; caCert: string; user: string; clientCert: string; clientKey: string; contextName?: string }) {
  const context = opts.contextName ?? "vnode-sandbox";
  const doc = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: context, cluster: { server: opts.server, "certificate-authority-data": await b64(opts.caCert) } }],
    users: [{ name: opts.user, user: { "client-certificate-data": await b64(opts.clientCert), "client-key-data": await b64(opts.clientKey) } }],
    contexts: [{ name: context, context: { cluster: context, user: opts.user, namespace: "default" } }],
    "current-context": context,
  };
  await writeFile(opts.file, stringify(doc), { mode: 0o600 });
}
