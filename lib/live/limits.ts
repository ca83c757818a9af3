/**
 * Limits of the live stream, in one place for the server (/api/stream, the watch hub) and the browser's stream client
 * (the SharedWorker, or the tab's own stream), so the client never asks for more than the server serves.
 */

/** Topics one /api/stream request may carry. The browser's client splits a larger union into several streams. */
export const MAX_TOPICS_PER_STREAM = 20;

/**
 * Streams the browser's client opens at most (one SharedWorker for every tab, or one tab without SharedWorker).
 * Browsers allow 6 HTTP/1.1 connections per host; live streams must leave room for pages and server actions. Topics
 * beyond MAX_TOPICS_PER_STREAM × MAX_STREAMS_PER_CLIENT are not served; the tabs that asked last are served first.
 */
export const MAX_STREAMS_PER_CLIENT = 2;

/**
 * Server-side limits. An object (not constants) so integration tests can lower a bound to reach it quickly; the
 * server only reads them.
 */
export const serverStreamLimits = {
  /**
   * Open /api/stream requests per signed-in session. A browser opens at most MAX_STREAMS_PER_CLIENT; the rest is room
   * for a closing stream the server has not yet seen go, for tabs of a browser without SharedWorker, and for a session
   * copied into several browsers (bench/live-latency.ts opens 20 browser contexts on one session cookie).
   */
  streamsPerSession: 32,
  /** Upstream list+watches the process-wide hub keeps open at once (every cluster, every topic). */
  upstreamWatches: 200,
  /**
   * Bytes of change, status and heartbeat frames queued for a client that does not read; above this its stream is
   * closed (it reconnects and gets a fresh snapshot). Snapshots are not counted: their size is the cluster's.
   */
  queuedBytesPerStream: 1024 * 1024,
};
