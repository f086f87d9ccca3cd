import os from 'node:os';
import {
  closeTab,
  describeFlood,
  floodRow,
  floodTableHeader,
  openFloodConsole,
  openTab,
  runFlood,
  startFloodHarness,
  type FloodConsole,
} from './flood';
import { describePaced, pacedRow, pacedTableHeader, runPacedFlood } from './flood-paced';
import { floodSummaryTable, type FloodSuiteFigures } from './flood-summary';
import { runMain } from './run-main';
import { poll } from '../tests/e2e/harness';

/**
 * The console floods of `npm run bench` (bench/flood.ts, bench/flood-paced.ts): the 20 MiB answer,
 * the 20 MiB stream and the paced flood, first in the tab shown (a fresh tab each), then in a
 * background tab while commands are typed in the tab shown, with four tabs open (the flood's server
 * and a quiet one). Returns the figures; floodSuiteTables() makes the markdown tables, and
 * floodSummaryTable() (bench/flood-summary.ts) issue 15's table. Directly:
 *
 *     bash scripts/with-keyring.sh npx tsx bench/flood-suite.ts
 */

async function show(tab: FloodConsole): Promise<void> {
  const { h, sessionId } = tab;
  await h.page.locator(`[data-testid=tab][data-session-id="${sessionId}"]`).click();
  await poll(
    async () =>
      (await h.page.locator(`[data-testid=console]:not([hidden]) [data-session-id="${sessionId}"]`).count()) > 0,
    'the tab to be shown',
  );
}

export async function runFloodSuite(): Promise<FloodSuiteFigures> {
  const h = await startFloodHarness();
  const result: FloodSuiteFigures = { floods: [], paced: [] };
  try {
    await h.openApp();
    let target = await openFloodConsole(h, 'Flood target');
    // The quiet server's console, where commands are typed while a background tab floods.
    const quiet = await openFloodConsole(h, 'Flood quiet');
    const fresh = async (): Promise<FloodConsole> => {
      await show(target); // a tab's close button shows on the tab shown
      await closeTab(target);
      target = await openTab(h, target);
      return target;
    };
    for (const kind of ['answer', 'stream'] as const) {
      const tab = await fresh();
      // Which xterm renderer draws (RCON_DESK_RENDERER pins one: bench/compare-renderers.sh).
      if (kind === 'answer') process.stderr.write(`renderer: ${await h.terminalRenderer(tab.sessionId)}\n`);
      const figures = await runFlood(tab, kind);
      process.stderr.write(`${describeFlood(figures)}\n`);
      result.floods.push(figures);
    }
    const paced = await runPacedFlood(await fresh());
    process.stderr.write(`${describePaced(paced)}\n`);
    result.paced.push(paced);

    // Four tabs: the flood's and three on the quiet server, the last of which is shown.
    await openTab(h, quiet);
    const front = await openTab(h, quiet);
    for (const kind of ['answer', 'stream', 'paced'] as const) {
      await fresh();
      await show(front);
      if (kind === 'paced') {
        const figures = await runPacedFlood(target, front);
        process.stderr.write(`${describePaced(figures)}\n`);
        result.paced.push(figures);
      } else {
        const figures = await runFlood(target, kind, front);
        process.stderr.write(`${describeFlood(figures)}\n`);
        result.floods.push(figures);
      }
    }
  } finally {
    await h.close();
  }
  return result;
}

/** Every figure of the run, in two markdown tables (the floods, the paced floods). */
export function floodSuiteTables({ floods, paced }: FloodSuiteFigures): string {
  return [floodTableHeader(), ...floods.map(floodRow), '', pacedTableHeader(), ...paced.map(pacedRow)].join('\n');
}

async function main(): Promise<void> {
  const figures = await runFloodSuite();
  const tables = `${floodSummaryTable(figures)}\n\n${floodSuiteTables(figures)}`;
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, Chromium (headless)`;
  process.stdout.write(`${tables}\n\nMachine: ${machine}.\n`);
}

if (require.main === module) runMain(main);
