// Functions the live-latency bench runs inside the Virtual Nodes page (serialised by Playwright's page.evaluate,
// so each must be self-contained: no imports, no closures over module scope).

/** One pod row that turned "Running" in a tab; wall-clock times (performance.timeOrigin + performance.now()), ms. */
export interface RowRunning {
  pod: string;
  /** MutationObserver callback after React committed the row's "Running" text to the DOM */
  dom: number;
  /** the next animation frame's callback (style, layout and paint of that frame follow) */
  frame: number;
  /** the first task after that frame, i.e. after it was painted; 0 if no frame came within 30 s (hidden page) */
  painted: number;
}

/**
 * Watches rows `tr[data-pod^=prefix]` and reports each pod once, when its Status cell (4th column) first reads
 * "Running", through the exposed function `__benchReport` (batched every 100 ms; the times are taken in the page,
 * so the report's own delay does not count).
 */
export function installRowObserver(prefix: string) {
  const w = window as unknown as { __benchReport: (rows: RowRunning[]) => Promise<void> };
  const now = () => performance.timeOrigin + performance.now();
  const seen = new Set<string>();
  let outbox: RowRunning[] = [];
  let sendTimer: number | undefined;
  const send = () => {
    sendTimer = undefined;
    const rows = outbox;
    outbox = [];
    void w.__benchReport(rows);
  };
  const check = (tr: Element) => {
    const pod = (tr as HTMLElement).dataset.pod;
    if (!pod?.startsWith(prefix) || seen.has(pod)) return;
    if (tr.children[3]?.textContent !== "Running") return;
    seen.add(pod);
    const row: RowRunning = { pod, dom: now(), frame: 0, painted: 0 };
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      outbox.push(row);
      if (sendTimer === undefined) sendTimer = window.setTimeout(send, 100);
    };
    requestAnimationFrame(() => {
      row.frame = now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        row.painted = now();
        finish();
      };
      channel.port2.postMessage(0);
    });
    window.setTimeout(finish, 30_000);
  };
  const selector = `tr[data-pod^="${prefix}"]`;
  new MutationObserver((records) => {
    for (const record of records) {
      const target = record.target.nodeType === Node.ELEMENT_NODE ? (record.target as Element) : record.target.parentElement;
      const tr = target?.closest("tr[data-pod]");
      if (tr) check(tr);
      for (const node of record.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        const el = node as Element;
        if (el.matches(selector)) check(el);
        else el.querySelectorAll(selector).forEach(check);
      }
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
  document.querySelectorAll(selector).forEach(check);
}

/** Rows of pods whose `<ns>/<name>` starts with `prefix`, and how many of them read "Running". */
export function countRows(prefix: string) {
  let rows = 0;
  let running = 0;
  for (const tr of document.querySelectorAll(`tr[data-pod^="${prefix}"]`)) {
    rows++;
    if (tr.children[3]?.textContent === "Running") running++;
  }
  return { rows, running, visibility: document.visibilityState };
}

/**
 * Watches the virtual-node lanes' Running counts (each lane header's data-running; the few virtual lanes are always
 * drawn) and records, in `window.__burst`, when their sum first reached `target` (DOM) and the first task after the
 * next frame (painted); and the longest main-thread task seen since (PerformanceObserver "longtask").
 */
export function installBurstProbe(target: number) {
  const w = window as unknown as { __burst: { dom: number; painted: number; longest: number; running: number; frame: string } };
  const now = () => performance.timeOrigin + performance.now();
  const state = { dom: 0, painted: 0, longest: 0, running: 0, frame: "" };
  w.__burst = state;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) state.longest = Math.max(state.longest, entry.duration);
  }).observe({ type: "longtask" });
  // Where the longest animation frame went (Long Animation Frames API): its scripts (what invoked them, how long,
  // forced layout) and its own style and layout, so the longest task can be told apart from rendering.
  let longestFrame = 0;
  type Frame = PerformanceEntry & {
    renderStart: number;
    styleAndLayoutStart: number;
    blockingDuration: number;
    scripts: { invoker: string; invokerType: string; duration: number; forcedStyleAndLayoutDuration: number; sourceFunctionName: string }[];
  };
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Frame[]) {
        if (entry.duration <= longestFrame) continue;
        longestFrame = entry.duration;
        const end = entry.startTime + entry.duration;
        const scripts = [...entry.scripts]
          .sort((a, b) => b.duration - a.duration)
          .slice(0, 4)
          .map(
            (s) =>
              `${s.invokerType} ${s.invoker}${s.sourceFunctionName ? ` (${s.sourceFunctionName})` : ""} ${Math.round(s.duration)} ms, forced layout ${Math.round(s.forcedStyleAndLayoutDuration)} ms`,
          );
        const layout = entry.styleAndLayoutStart ? Math.round(end - entry.styleAndLayoutStart) : 0;
        state.frame = `longest frame ${Math.round(entry.duration)} ms (style+layout+paint ${layout} ms): ${scripts.join("; ")}`;
      }
    }).observe({ type: "long-animation-frame" });
  } catch {
    /* a browser without the Long Animation Frames API */
  }
  const sum = () => {
    let n = 0;
    for (const el of document.querySelectorAll('[data-testid="node-lane"][data-virtual="true"] [data-testid="lane-count"]')) n += Number((el as HTMLElement).dataset.running ?? 0);
    return n;
  };
  const tick = () => {
    state.running = sum();
    if (state.running >= target && !state.dom) {
      state.dom = now();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          state.painted = now();
        };
        channel.port2.postMessage(0);
      });
      return;
    }
    requestAnimationFrame(tick);
  };
  tick();
}

/** The Virtual Nodes page shows (placement counts) at least `pods` pods: the time that was first true, else 0. */
export function placementAtLeast(pods: number) {
  const text = document.querySelector('[data-testid="placement-counts"]')?.textContent ?? "";
  // Counts are formatted for the reader ("10,000"): group separators out before reading numbers.
  const shown = [...text.replace(/(\d)[,.\s\u00a0\u202f](?=\d{3})/g, "$1").matchAll(/(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
  return shown >= pods ? performance.timeOrigin + performance.now() : 0;
}

/**
 * Installed before the Clusters page loads (an init script): records in `window.__cards` when each cluster card got
 * its facts (reachable) or its "Unreachable" alert, as the streamed HTML fills them in.
 */
export function installClusterCardProbe() {
  const w = window as unknown as { __cards: Record<string, { at: number; reachable: boolean }> };
  w.__cards = {};
  const now = () => performance.timeOrigin + performance.now();
  const check = () => {
    for (const card of document.querySelectorAll('[data-testid="cluster-card"]')) {
      const name = card.getAttribute("aria-label") ?? "";
      if (w.__cards[name]) continue;
      if (card.querySelector('[data-testid="k8s-version"]')) w.__cards[name] = { at: now(), reachable: true };
      else if (card.querySelector('[data-testid="cluster-unreachable"]')) w.__cards[name] = { at: now(), reachable: false };
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true });
}
