/**
 * The console flood (bench/flood.ts, asserted): 20 MiB into one console tab of the real renderer,
 * once as a single command answer and once as a stream of unsolicited packets, while a command is
 * typed in the command line. Asserts what was rendered and that the command went through during
 * the flood; prints the figures. Speed is not asserted: FLOOD_LIMIT_MS is only a sanity limit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeTab,
  describeFlood,
  FLOOD_BYTES,
  FLOOD_LIMIT_MS,
  FLOOD_LINES,
  floodLine,
  openFloodConsole,
  openTab,
  renderedFloodLine,
  runFlood,
  startFloodHarness,
  type FloodConsole,
  type FloodKind,
} from '../../bench/flood';
import { deterministicBytes } from '../../src/reference-server/commands';
import { DRAWN_BACKLOG_LINES, SCROLLBACK_LINES } from '../../src/renderer/src/terminal/theme';
import type { Harness } from './harness';

let h: Harness;
let target: FloodConsole;

beforeAll(async () => {
  h = await startFloodHarness();
  await h.openApp();
  target = await openFloodConsole(h);
}, 240_000);

afterAll(async () => {
  await h?.close();
}, 60_000);

/** The flood labels found in the terminal text, in order. */
function labels(kind: FloodKind, text: string): number[] {
  const pattern = kind === 'answer' ? /^(\d{8}) [A-Za-z0-9]+$/gm : /^\[server\] S(\d{8}) [A-Za-z0-9]+$/gm;
  return [...text.matchAll(pattern)].map((match) => Number(match[1]));
}

function checkRendered(kind: FloodKind, text: string): void {
  const lines = text.split('\n');
  // Scrollback is bounded: the newest SCROLLBACK_LINES lines plus one screen at most.
  expect(lines.length).toBeLessThanOrEqual(SCROLLBACK_LINES + 100);
  // The last line is there, whole, and exactly once.
  const last = renderedFloodLine(kind, FLOOD_LINES - 1);
  expect(lines.filter((line) => line === last)).toHaveLength(1);
  // The oldest lines were dropped.
  expect(text).not.toContain(floodLine(kind, 0));
  // What is kept is the tail of the flood, in order, with nothing lost or repeated.
  const seen = labels(kind, text);
  expect(seen.length).toBeGreaterThan(SCROLLBACK_LINES - 200);
  const first = seen[0]!;
  expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => first + i));
  expect(seen[seen.length - 1]).toBe(FLOOD_LINES - 1);
}

describe('a 20 MiB console flood in the browser', () => {
  it(
    'renders a 20 MiB answer, bounded, while a command typed during it is sent and answered',
    async () => {
      const figures = await runFlood(target, 'answer');
      console.info(describeFlood(figures));
      checkRendered('answer', figures.finalText);

      const { probe } = figures;
      // Typed while the flood was still arriving, received by the server, answered, shown.
      expect(probe.duringFlood).toBe(true);
      expect(target.server.receivedCommands).toContain(probe.command);
      expect(figures.finalText.split('\n')).toContain(`> ${probe.command}`);
      expect(figures.finalText.split('\n')).toContain(probe.marker);
      // It comes after the flood, as it was sent after it.
      expect(figures.finalText.lastIndexOf(renderedFloodLine('answer', FLOOD_LINES - 1))).toBeLessThan(
        figures.finalText.lastIndexOf(probe.marker),
      );
      // The marker counts every line and stands right before the first one shown, though the window
      // may have got only the end (the main process leaves the rest out while the window is behind)...
      const marker = /^\[first ([\d,]+) lines not shown: the answer has ([\d,]+) lines/m.exec(figures.finalText);
      expect(marker, 'the marker line').not.toBeNull();
      expect(Number(marker![2]!.replace(/,/g, ''))).toBe(FLOOD_LINES);
      expect(labels('answer', figures.finalText)[0]).toBe(Number(marker![1]!.replace(/,/g, '')));
      // ...and the full answer, kept by the main process, saves whole.
      h.saveDialogAnswers.push('flood-answer.txt');
      await h.page.locator('[data-testid=console]:not([hidden]) [data-testid=save-long-answer]').click();
      await h.page.getByTestId('toast').getByText('Saved the full answer to', { exact: false }).waitFor();
      expect(readFileSync(join(h.dataDir, 'flood-answer.txt'), 'utf8') === deterministicBytes(FLOOD_BYTES)).toBe(true);
      expect(figures.renderMs).toBeLessThan(FLOOD_LIMIT_MS);
      expect(h.pageErrors).toEqual([]);
    },
    FLOOD_LIMIT_MS + 60_000,
  );

  it(
    'renders a 20 MiB stream of unsolicited packets, bounded, while a command typed during it is answered',
    async () => {
      await closeTab(target);
      target = await openTab(h, target);
      const figures = await runFlood(target, 'stream');
      console.info(describeFlood(figures));
      checkRendered('stream', figures.finalText);

      const { probe } = figures;
      // The command reached the server and was answered between two packets of the stream...
      expect(target.server.receivedCommands).toContain(probe.command);
      expect(probe.duringFlood).toBe(true);
      // ...the window received it...
      expect(probe.deliveredToPage).toBe(true);
      // ...and the page's watcher saw it in the terminal before the flood was all written, unless more
      // of the stream followed it than the console draws: then it is skipped with the rest of that
      // backlog, as the scrollback would have dropped it at once, and it is not in the final buffer.
      expect(probe.linesAfterAnswer).toBeDefined();
      if (probe.linesAfterAnswer! <= DRAWN_BACKLOG_LINES) {
        expect(probe.seenByWatcher).toBe(true);
        expect(probe.shownMs).toBeLessThan(figures.renderMs);
      } else if (!probe.seenByWatcher) {
        expect(figures.finalText.split('\n')).not.toContain(probe.marker);
      }
      expect(figures.renderMs).toBeLessThan(FLOOD_LIMIT_MS);
      expect(h.pageErrors).toEqual([]);
    },
    FLOOD_LIMIT_MS + 60_000,
  );

  it('keeps the console usable afterwards', async () => {
    await h.runCommand('echo after the flood');
    await h.waitForTerminal(target.sessionId, (text) => /^after the flood$/m.test(text), 'an answer after the flood');
  });
});
