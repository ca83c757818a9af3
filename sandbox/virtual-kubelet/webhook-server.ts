// vk-webhook's HTTPS endpoint. How the apiserver reaches it: the MutatingWebhookConfiguration uses
// `clientConfig.url: https://127.0.0.1:PORT/mutate` (not `clientConfig.service`), and kube-apiserver, itself a
// process on this host's loopback, dials that URL directly, verifying the serving certificate against `caBundle`.
// Pods never really run here, so the in-cluster vk-webhook Service could not route to anything.
// The server listens only while the simulated controller runs: when the controller is gone, the apiserver gets
// "connection refused" and, with the add-on's failurePolicy Ignore, admits pods unchanged, as with the real add-on.
import https from "node:https";
import type { AddressInfo } from "node:net";
import type { V1Pod } from "@kubernetes/client-node";
import type { JsonPatch, WebhookMatch } from "./selectors";
import type { WebhookTls } from "./webhook-tls";

export const WEBHOOK_PATH = "/mutate";
const MAX_BODY = 3 << 20;

interface AdmissionRequest {
  uid: string;
  kind?: { kind?: string };
  namespace?: string;
  operation?: string;
  object?: V1Pod;
}

export type Mutator = (pod: V1Pod, namespace: string, matched?: WebhookMatch) => Promise<JsonPatch> | JsonPatch;

/** `/mutate/label` and `/mutate/selector/<i>` name the vk-webhook entry that called; plain `/mutate` names none. */
export function webhookMatch(urlPath: string): WebhookMatch | undefined | null {
  if (urlPath === WEBHOOK_PATH) return undefined;
  if (urlPath === `${WEBHOOK_PATH}/label`) return "label";
  const m = new RegExp(`^${WEBHOOK_PATH}/selector/(\\d+)$`).exec(urlPath);
  return m ? Number(m[1]) : null;
}

export class WebhookServer {
  private server?: https.Server;

  constructor(
    private readonly tls: WebhookTls,
    private readonly port: number,
    private readonly log: (line: string) => void,
  ) {}

  get url() {
    return `https://127.0.0.1:${this.port}${WEBHOOK_PATH}`;
  }

  async listen(mutate: Mutator) {
    if (this.server) return;
    const server = https.createServer({ key: this.tls.key, cert: this.tls.cert }, (req, res) => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      const matched = webhookMatch(req.url?.split("?")[0] ?? "");
      if (req.method !== "POST" || matched === null) return reply(404, { message: "not found" });
      const chunks: Buffer[] = [];
      let size = 0;
      req.on("data", (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) req.destroy();
        else chunks.push(c);
      });
      req.on("end", async () => {
        let request: AdmissionRequest;
        try {
          request = JSON.parse(Buffer.concat(chunks).toString("utf8")).request;
          if (!request?.uid) throw new Error("no request.uid");
        } catch (error) {
          return reply(400, { message: `bad AdmissionReview: ${(error as Error).message}` });
        }
        const response: Record<string, unknown> = { uid: request.uid, allowed: true };
        try {
          if (request.kind?.kind === "Pod" && request.operation === "CREATE" && request.object) {
            const patch = await mutate(request.object, request.namespace ?? request.object.metadata?.namespace ?? "default", matched);
            if (patch.length) Object.assign(response, { patchType: "JSONPatch", patch: Buffer.from(JSON.stringify(patch)).toString("base64") });
          }
        } catch (error) {
          // Admit unchanged, as failurePolicy Ignore would; the reason is in the sandbox log.
          this.log(`vk-webhook: ${request.namespace}/${request.object?.metadata?.name ?? request.object?.metadata?.generateName ?? "?"}: ${(error as Error).message}`);
        }
        reply(200, { apiVersion: "admission.k8s.io/v1", kind: "AdmissionReview", response });
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    this.server = server;
    this.log(`vk-webhook listening on 127.0.0.1:${(server.address() as AddressInfo).port}`);
  }

  async close() {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
