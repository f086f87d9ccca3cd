import { setTimeout as sleep } from 'node:timers/promises';
import { eventTime, formatHeap, ms, renderedAt, withLimit, type FloodConsole } from './flood';
import { FRAME_TICK, liveHeapMiB } from './flood-page';

/**
 * The paced flood: a busy server's log or a chat plugin. The server pushes PACED_PER_SECOND
 * unsolicited messages a second (1 KiB each: 16 lines of 64 bytes) for PACED_SECONDS, while a
 * command is typed in the console shown once a second. Figures per command: from the main process
 * having its answer (the server's reply) until the answer is in the terminal, worst and median.
 */
export const PACED_PER_SECOND = 200;
export const PACED_SECONDS = 30;
const PACED_LINES = 16;
const FILLER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function pacedMessage(index: number): string {
  const lines: string[] = [];
  for (let i = 0; i < PACED_LINES; i += 1) {
    const label = `P${String(index * PACED_LINES + i).padStart(8, '0')}`;
    lines.push(`${label} ${FILLER.slice(0, 64 - label.length - 2)}`);
  }
  return `${lines.join('\n')}\n`;
}

export interface PacedFigures {
  tab: 'front' | 'background';
  messages: number;
  /** From the last message sent until everything was in the terminal. */
  drainMs: number;
  longestFrameGapMs: number;
  /** Server reply (answer in the main process) → answer in the terminal, per typed command. */
  replyToScreenMs: number[];
  /** Enter → answer in the terminal, per typed command. */
  enterToScreenMs: number[];
  /** Commands typed (one a second, fewer when typing one took longer than a second). */
  typed: number;
  /** Typed commands whose answer the page's watcher never saw (scrolled out between two looks). */
  unseen: number;
  heapMiB: number | undefined;
  /** The same after a forced garbage collection. */
  liveHeapMiB: number | undefined;
}

/** A frame clock and the answers watched (see lineWritten in src/renderer/src/test-hook.ts), in the page. */
const INSTALL = `(() => {
  const probe = { frames: 0, maxGap: 0, last: performance.now(), running: true, markers: new Map() };
  ${FRAME_TICK}
  window.__pacedProbe = probe;
})()`;

const STOP = `(() => {
  const probe = window.__pacedProbe;
  probe.running = false;
  const found = {};
  for (const [marker, watch] of probe.markers) if (watch.foundAt !== undefined) found[marker] = watch.foundAt;
  const heap = performance.memory ? performance.memory.usedJSHeapSize : undefined;
  return { maxGap: probe.maxGap, found, heap };
})()`;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor((sorted.length - 1) / 2)]!;
};

/**
 * Runs the paced flood into `target`, typing commands in `front` (the tab shown; `target` itself
 * when omitted). `front` must be on another server than `target` when given: a broadcast reaches
 * every connection of its server.
 */
export async function runPacedFlood(target: FloodConsole, front?: FloodConsole): Promise<PacedFigures> {
  const { h, server } = target;
  const probeTab = front ?? target;
  await h.page.evaluate(INSTALL);
  const total = PACED_PER_SECOND * PACED_SECONDS;
  const probes: Promise<{ marker: string; typedAt: number; answeredAt: number }>[] = [];
  const startedAt = Date.now();
  let sent = 0;
  let nextProbeAt = startedAt + 500;
  let typing = false;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((Date.now() - startedAt) * PACED_PER_SECOND) / 1000));
    for (; sent < due; sent += 1) {
      if (server.broadcast(pacedMessage(sent)) !== 1) throw new Error('The paced flood reached no console or several.');
    }
    // One command at a time: a second is skipped while the last one is still being typed.
    if (Date.now() >= nextProbeAt && !typing) {
      nextProbeAt += 1000 * Math.max(1, Math.ceil((Date.now() - nextProbeAt) / 1000));
      typing = true;
      const marker = `paced-probe-${process.pid}-${probes.length + 1}`;
      probes.push(
        (async () => {
          const answered = eventTime(
            h,
            (event) =>
              event.type === 'output' &&
              event.sessionId === probeTab.sessionId &&
              event.kind === 'response' &&
              event.text === marker,
          );
          // The frame after the terminal parsed the answer's line (the test hook's lineWritten).
          await h.page.evaluate(`(() => {
            const watch = { sessionId: ${JSON.stringify(probeTab.sessionId)} };
            window.__pacedProbe.markers.set(${JSON.stringify(marker)}, watch);
            window.__rconDeskTest.lineWritten(watch.sessionId, ${JSON.stringify(marker)}).then((at) => { watch.foundAt = at; });
          })()`);
          const typedAt = Date.now();
          await h.runCommand(`echo ${marker}`).finally(() => (typing = false));
          return { marker, typedAt, answeredAt: await withLimit(answered.at, `the answer to "${marker}"`) };
        })(),
      );
    }
    await sleep(5);
  }
  const lastSentAt = Date.now();
  const answers = await withLimit(Promise.all(probes), 'the typed commands');
  const doneAt = await renderedAt(target);
  await sleep(200); // a few more frames for the watcher
  const stopped = (await h.page.evaluate(STOP)) as {
    maxGap: number;
    found: Record<string, number>;
    heap: number | undefined;
  };
  const seen = answers.filter((a) => stopped.found[a.marker] !== undefined);
  const liveHeap = await liveHeapMiB(h);
  return {
    tab: front ? 'background' : 'front',
    messages: total,
    drainMs: Math.max(0, doneAt - lastSentAt),
    longestFrameGapMs: Math.round(stopped.maxGap),
    replyToScreenMs: seen.map((a) => Math.max(0, stopped.found[a.marker]! - a.answeredAt)),
    enterToScreenMs: seen.map((a) => stopped.found[a.marker]! - a.typedAt),
    typed: answers.length,
    unseen: answers.length - seen.length,
    heapMiB: stopped.heap === undefined ? undefined : Math.round(stopped.heap / (1024 * 1024)),
    liveHeapMiB: liveHeap,
  };
}

export function pacedTableHeader(): string {
  return [
    `| ${PACED_PER_SECOND} server messages of 1 KiB a second for ${PACED_SECONDS} s, a command typed every second | everything on screen after the last message | longest frame gap | server reply → answer on screen: median | worst | Enter → answer on screen: median | worst | renderer heap after |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ].join('\n');
}

export function pacedRow(f: PacedFigures): string {
  const where = f.tab === 'background' ? 'flood in a background tab of four' : 'flood in the tab shown';
  const worst = (values: number[]): number => Math.max(0, ...values);
  const unseen = f.unseen > 0 ? `, ${f.unseen} answers scrolled out unseen` : '';
  return `| ${where} (${f.typed} commands typed${unseen}) | ${ms(f.drainMs)} | ${ms(f.longestFrameGapMs)} | ${ms(median(f.replyToScreenMs))} | ${ms(worst(f.replyToScreenMs))} | ${ms(median(f.enterToScreenMs))} | ${ms(worst(f.enterToScreenMs))} | ${formatHeap(f.heapMiB, f.liveHeapMiB)} |`;
}

export function describePaced(f: PacedFigures): string {
  return `paced flood (${f.tab}): ${pacedRow(f)}`;
}
