// One live stream for every tab of this console in the browser (a SharedWorker, bundled by Next from this file).
// Browsers allow only 6 HTTP/1.1 connections per host, so one EventSource per tab would leave a 7th tab waiting
// forever. The stream logic itself is LiveStreamClient (lib/live/stream-client.ts), which a tab without
// SharedWorker runs for itself; this file only connects tabs (MessagePorts) to it.
import { LiveStreamClient, type ClientFrame } from "@/lib/live/stream-client";
import type { Topic } from "@/lib/live/topics";

/** Messages a tab sends its worker (see sharedWorkerTransport). */
export type TabMessage = { type: "subscribe"; topics: Topic[] } | { type: "ping" } | { type: "bye" };

// The worker global, typed here: the project's TypeScript lib is the DOM's, not the webworker one.
const scope = self as unknown as { onconnect: ((event: MessageEvent) => void) | null };

const client = new LiveStreamClient({
  EventSource,
  sessionStatus: () => fetch("/api/session", { cache: "no-store" }).then((answer) => answer.status),
});

scope.onconnect = (event) => {
  const port = event.ports[0];
  const member = client.join((frame: ClientFrame) => port.postMessage(frame));
  port.onmessage = ({ data }: MessageEvent<TabMessage>) => {
    if (data.type === "subscribe") member.setTopics(data.topics);
    else if (data.type === "ping") member.touch();
    else if (data.type === "bye") member.leave();
  };
  port.start();
};

// A tab that was closed without saying goodbye (crash, kill) stops pinging: forget it after 30 s.
setInterval(() => client.sweep(30_000), 10_000);
