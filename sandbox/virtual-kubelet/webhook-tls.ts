// The serving certificate of vk-webhook. The real add-on serves it behind Service kube-system/vk-webhook; here the
// apiserver dials the host directly (see webhook-server.ts), so the certificate is for IP 127.0.0.1, signed by a
// CA of its own whose PEM becomes the MutatingWebhookConfiguration's caBundle.
import { execFile } from "node:child_process";
import { access, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

export interface WebhookTls {
  key: Buffer;
  cert: Buffer;
  /** base64 of the CA certificate PEM, as `clientConfig.caBundle` wants it. */
  caBundle: string;
}

/** Created once per state dir (openssl, EC P-256), reused by later starts. */
export async function ensureWebhookTls(dir: string): Promise<WebhookTls> {
  const file = (name: string) => path.join(dir, name);
  if (!(await exists(file("done")))) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const openssl = (args: string[]) => run("openssl", args, { cwd: dir });
    await openssl([
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      "ca.key",
      "-out",
      "ca.crt",
      "-days",
      "3650",
      "-subj",
      "/CN=vk-webhook-ca",
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign,digitalSignature",
    ]);
    await openssl([
      "req",
      "-new",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      "webhook.key",
      "-out",
      "webhook.csr",
      "-subj",
      "/CN=vk-webhook.kube-system.svc",
    ]);
    // The apiserver checks the SAN only: IP 127.0.0.1 for the URL it dials, and the Service names for completeness.
    await writeFile(
      file("webhook.ext"),
      "subjectAltName=IP:127.0.0.1,DNS:vk-webhook.kube-system.svc,DNS:vk-webhook.kube-system.svc.cluster.local\n" +
        "extendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n",
    );
    await openssl([
      "x509",
      "-req",
      "-in",
      "webhook.csr",
      "-CA",
      "ca.crt",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-days",
      "3650",
      "-extfile",
      "webhook.ext",
      "-out",
      "webhook.crt",
    ]);
    await writeFile(file("done"), new Date().toISOString());
  }
  const [key, cert, ca] = await Promise.all([readFile(file("webhook.key")), readFile(file("webhook.crt")), readFile(file("ca.crt"))]);
  return { key, cert, caBundle: ca.toString("base64") };
}
