// One live stream for every tab of this console in the browser (a SharedWorker). Browsers allow only 6 HTTP/1.1
// connections per host, so one EventSource per tab would leave a 7th tab waiting forever. The worker opens one
// /api/stream for the union of the topics its tabs show, keeps the current items of each topic (to hand a joining
// tab its snapshot at once), and relays frames to the tabs that want them.
"use strict";

const tabs = new Map(); // MessagePort -> { topics: Map<key, topic>, lastSeen: number }
const topics = new Map(); // key -> { byUid: Map<uid, item>, synced: boolean, status?: frame }
let source = null;
let openedWith = null;
let reopenTimer = null;
let connection = { kind: "connection", state: "connecting", lastEventAt: Date.now() };

function wanted() {
  const union = new Map();
  for (const tab of tabs.values()) for (const [key, topic] of tab.topics) union.set(key, topic);
  return union;
}

function send(port, frame) {
  try {
    port.postMessage(frame);
  } catch {
    tabs.delete(port);
  }
}

function broadcast(frame, topicKey) {
  for (const [port, tab] of tabs) if (!topicKey || tab.topics.has(topicKey)) send(port, frame);
}

function setConnection(state) {
  connection = { kind: "connection", state, lastEventAt: connection.lastEventAt };
  broadcast(connection);
}

function scheduleReopen(force) {
  clearTimeout(reopenTimer);
  reopenTimer = setTimeout(() => reopen(force), 50);
}

function reopen(force) {
  const union = wanted();
  const param = JSON.stringify([...union.keys()].sort().map((key) => union.get(key)));
  if (!force && param === openedWith) return;
  if (source) source.close();
  source = null;
  openedWith = param;
  for (const key of [...topics.keys()]) if (!union.has(key)) topics.delete(key);
  if (union.size === 0) return;
  const es = new EventSource(`/api/stream?topics=${encodeURIComponent(param)}`);
  source = es;
  setConnection("connecting");
  es.onopen = () => {
    connection.lastEventAt = Date.now();
    setConnection("open");
  };
  es.onerror = async () => {
    if (es !== source) return;
    if (es.readyState !== EventSource.CLOSED) return setConnection("reconnecting");
    // The browser gave up (a non-200 answer): tell "signed out" from "server trouble".
    const answer = await fetch("/api/session").catch(() => null);
    if (answer && answer.status === 401) return setConnection("signed-out");
    setConnection("reconnecting");
    setTimeout(() => es === source && scheduleReopen(true), 2000);
  };
  const on = (kind, handler) => es.addEventListener(kind, (event) => {
    if (es !== source) return;
    connection.lastEventAt = Date.now();
    handler(JSON.parse(event.data));
  });
  on("snapshot", (frame) => {
    topics.set(frame.topic, { byUid: new Map(frame.items.map((item) => [item.uid, item])), synced: true, status: topics.get(frame.topic)?.status });
    broadcast(frame, frame.topic);
  });
  on("change", (frame) => {
    const data = topics.get(frame.topic);
    if (data) {
      if (frame.type === "DELETED") data.byUid.delete(frame.item.uid);
      else data.byUid.set(frame.item.uid, frame.item);
    }
    broadcast(frame, frame.topic);
  });
  on("status", (frame) => {
    const data = topics.get(frame.topic) ?? { byUid: new Map(), synced: false };
    data.status = frame;
    topics.set(frame.topic, data);
    broadcast(frame, frame.topic);
  });
  on("heartbeat", (frame) => broadcast(frame));
}

function subscribe(port, list) {
  const tab = tabs.get(port);
  if (!tab) return;
  tab.lastSeen = Date.now();
  tab.topics = new Map(list.map(({ key, topic }) => [key, topic]));
  send(port, connection);
  for (const key of tab.topics.keys()) {
    const data = topics.get(key);
    if (data?.status) send(port, data.status);
    if (data?.synced) send(port, { kind: "snapshot", topic: key, items: [...data.byUid.values()], resync: false });
  }
  scheduleReopen(false);
}

self.onconnect = (event) => {
  const port = event.ports[0];
  tabs.set(port, { topics: new Map(), lastSeen: Date.now() });
  port.onmessage = ({ data }) => {
    if (data.type === "subscribe") subscribe(port, data.topics);
    else if (data.type === "ping" && tabs.has(port)) tabs.get(port).lastSeen = Date.now();
    else if (data.type === "bye") {
      tabs.delete(port);
      scheduleReopen(false);
    }
  };
  port.start();
};

// A tab that was closed without saying goodbye (crash, kill) stops pinging: forget it after 30 s.
setInterval(() => {
  let changed = false;
  for (const [port, tab] of tabs) if (Date.now() - tab.lastSeen > 30000) changed = tabs.delete(port) || changed;
  if (changed) scheduleReopen(false);
}, 10000);
