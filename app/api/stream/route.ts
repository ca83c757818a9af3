import { z } from "zod";
import { currentSession } from "@/lib/auth/session";
import { kubeConfigFor, UnknownClusterError } from "@/lib/k8s/kubeconfig";
import { watchHub, type HubEvent } from "@/lib/k8s/watch-hub";
import type { StreamFrame } from "@/lib/live/stream-protocol";
import { topicKey, topicSchema, type LiveResource } from "@/lib/live/topics";
import { toView, type ViewByResource } from "@/lib/live/views";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 10_000;
const topicsSchema = z.array(topicSchema).min(1).max(20);

/**
 * The one multiplexed Server-Sent Events stream of a browser tab: `?topics=<JSON array of topics>`. Each topic is
 * served from the process-wide watch hub, so N tabs cost the apiserver one watch per topic, not N.
 */
export async function GET(request: Request) {
  if (!(await currentSession())) return Response.json({ error: "unauthenticated", message: "Sign in first." }, { status: 401 });
  let topics;
  try {
    topics = topicsSchema.parse(JSON.parse(new URL(request.url).searchParams.get("topics") ?? "null"));
    for (const topic of topics) kubeConfigFor(topic.cluster);
  } catch (error) {
    const message = error instanceof UnknownClusterError ? error.message : "`topics` must be a JSON array of 1 to 20 topics ({cluster, resource, namespace?, labelSelector?, fieldSelector?}).";
    return Response.json({ error: "bad-request", message }, { status: 400 });
  }

  const encoder = new TextEncoder();
  const cleanups: (() => void)[] = [];
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (frame: StreamFrame) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(`event: ${frame.kind}\ndata: ${JSON.stringify(frame)}\n\n`));
        } catch {
          close();
        }
      };
      const close = () => {
        if (closed) return;
        closed = true;
        cleanups.forEach((fn) => fn());
        try {
          controller.close();
        } catch {
          /* already closed by the client */
        }
      };
      controller.enqueue(encoder.encode("retry: 2000\n\n"));
      for (const topic of topics) {
        const key = topicKey(topic);
        const project = toView[topic.resource] as (raw: unknown) => ViewByResource[LiveResource];
        const toFrame = (event: HubEvent): StreamFrame =>
          event.kind === "snapshot"
            ? { kind: "snapshot", topic: key, items: event.items.map((item) => project(item)), resync: event.resync }
            : event.kind === "change"
              ? { kind: "change", topic: key, type: event.type, item: project(event.object) }
              : { kind: "status", topic: key, state: event.state, lastEventAt: event.lastEventAt, error: event.error };
        cleanups.push(watchHub.subscribe(topic, (event) => send(toFrame(event))));
      }
      const heartbeat = setInterval(() => send({ kind: "heartbeat", now: Date.now() }), HEARTBEAT_MS);
      cleanups.push(() => clearInterval(heartbeat));
      request.signal.addEventListener("abort", close);
    },
    cancel() {
      cleanups.forEach((fn) => fn());
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform", Connection: "keep-alive", "X-Accel-Buffering": "no" },
  });
}
