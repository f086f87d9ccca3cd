import type { Harness } from '../tests/e2e/harness';

/**
 * What the console floods (bench/flood.ts) run in the page: a probe of frames, long tasks and the
 * renderer's handling of each pushed event, a watcher for the typed command's answer, and the
 * page's heap. Strings, because tsconfig.node has no DOM types.
 */

/**
 * Page code that counts the frames and the longest gap between two into `probe` (a variable in
 * scope with `frames`, `maxGap`, `last` and `running`), for as long as `probe.running`.
 */
export const FRAME_TICK = `
  const tick = (now) => {
    probe.maxGap = Math.max(probe.maxGap, now - probe.last);
    probe.last = now;
    probe.frames += 1;
    if (probe.running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
`;

/** Installs the probe: frames, their gaps, long tasks, and each pushed event's handling. */
export const INSTALL_PROBE = `(() => {
  const probe = { frames: 0, maxGap: 0, last: performance.now(), running: true, longTasks: 0, longestTask: 0,
    longestEvent: 0, watch: undefined };
  // The renderer's own synchronous work for one pushed event (store, terminal registry, formatting):
  // what the page does with a message once the bridge has handed it over.
  const push = window.__rconDeskPush;
  window.__rconDeskPush = (channel, payload) => {
    const started = performance.now();
    const watch = probe.watch;
    if (watch && payload && payload.type === 'output' && payload.text === watch.marker) watch.deliveredAt = Date.now();
    try {
      push(channel, payload);
    } finally {
      if (probe.running) probe.longestEvent = Math.max(probe.longestEvent, performance.now() - started);
    }
  };
  probe.restore = () => { window.__rconDeskPush = push; };
${FRAME_TICK}
  try {
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        probe.longTasks += 1;
        probe.longestTask = Math.max(probe.longestTask, entry.duration);
      }
    });
    observer.observe({ type: 'longtask' });
    probe.observer = observer;
  } catch {
    probe.longTasks = -1;
  }
  window.__floodProbe = probe;
})()`;

/** Stops the probe and returns its figures (PageProbeFigures). */
export const STOP_PROBE = `(() => {
  const probe = window.__floodProbe;
  probe.running = false;
  probe.observer?.disconnect();
  probe.restore();
  const heap = performance.memory ? performance.memory.usedJSHeapSize : undefined;
  return { frames: probe.frames, maxGap: probe.maxGap, longTasks: probe.longTasks, longestTask: probe.longestTask,
    longestEvent: probe.longestEvent, foundAt: probe.watch?.foundAt, deliveredAt: probe.watch?.deliveredAt, heap };
})()`;

/**
 * The page's watcher for the probe's answer: the frame after the terminal has parsed the line
 * (the test hook's lineWritten looks at each chunk written, where a scan of the whole buffer every
 * few frames cost the page ~10 ms each time, during the very flood it measured).
 */
export function watchScript(sessionId: string, marker: string): string {
  return `(() => {
    const watch = { sessionId: ${JSON.stringify(sessionId)}, marker: ${JSON.stringify(marker)}, foundAt: undefined };
    window.__floodProbe.watch = watch;
    window.__rconDeskTest.lineWritten(watch.sessionId, watch.marker).then((at) => { watch.foundAt = at; });
  })()`;
}

/** Resolves to Date.now() once everything received has been written to the terminal. */
export function idleAtScript(sessionId: string): string {
  return `window.__rconDeskTest.terminalIdle(${JSON.stringify(sessionId)}).then(() => Date.now())`;
}

/** The page's heap in MiB after a garbage collection forced through the DevTools protocol. */
export async function liveHeapMiB(h: Harness): Promise<number | undefined> {
  try {
    const cdp = await h.page.context().newCDPSession(h.page);
    try {
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      return Math.round(usedSize / (1024 * 1024));
    } finally {
      await cdp.detach();
    }
  } catch {
    return undefined;
  }
}

/** What STOP_PROBE returns. */
export interface PageProbeFigures {
  frames: number;
  maxGap: number;
  longTasks: number;
  longestTask: number;
  longestEvent: number;
  foundAt: number | undefined;
  deliveredAt: number | undefined;
  heap: number | undefined;
}
