import { Harness } from '../tests/e2e/harness';
import { runMain } from './run-main';

/**
 * Broadcast: one command to 50 servers from the real renderer in Chromium, through the real
 * bridge and services (tests/e2e/harness.ts), to 50 reference servers on loopback. None of the
 * servers has a tab open, so each broadcast logs in to all 50, sends, and closes again, as a
 * broadcast does. Figure: from the click on the confirmation's Send until every server's pane
 * shows its answer (page-side, polled on animation frames); the median of the rounds. For
 * comparison, the same broadcast called on the main process' FleetService directly, without the
 * renderer: the share of the time that is logging in, sending and closing.
 *
 *     bash scripts/with-keyring.sh npx tsx bench/broadcast.ts
 */

const SERVERS = 50;
const ROUNDS = 5;
const GROUP = 'Bench fleet';
const PASSWORD = 'broadcast-pw';

/** The page's DOM as far as this script uses it (tsconfig.node has no DOM types). */
declare const document: { querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }> };

export function broadcastTableHeader(): string {
  return [
    '| broadcast | every answer on screen (median) | fastest | slowest | the same in the main process alone (median) |',
    '| --- | --- | --- | --- | --- |',
  ].join('\n');
}

export async function runBroadcastBenchmark(): Promise<string> {
  const h = await Harness.start();
  try {
    for (let n = 0; n < SERVERS; n += 1) {
      const server = await h.startServer({ password: PASSWORD, personality: 'srcds' });
      await h.addProfile({ name: `Fleet ${String(n).padStart(2, '0')}`, port: server.port, group: GROUP }, PASSWORD);
    }
    await h.openApp();
    await h.page.getByRole('button', { name: `Broadcast to group ${GROUP}` }).click();
    await h.page.getByTestId('broadcast-indicator').getByText(`Sending to ${SERVERS} servers`).waitFor();
    const times: number[] = [];
    // Round 0 warms up (keychain, first connections, React's first render of the panes).
    for (let round = 0; round <= ROUNDS; round += 1) {
      const tag = `bench-${round}`;
      await h.page.getByRole('textbox', { name: 'Command to broadcast' }).fill(`echo ${tag}`);
      await h.page.getByRole('button', { name: 'Send…' }).click();
      const send = h.page.getByRole('dialog').getByRole('button', { name: `Send to ${SERVERS} servers` });
      await send.waitFor();
      const started = Date.now();
      await send.click();
      await h.page.waitForFunction(
        ({ count, expected }) =>
          Array.from(document.querySelectorAll('[data-testid=outcome-pane][data-status=ok] .outcome-text')).filter(
            (pane) => pane.textContent?.trim() === expected,
          ).length === count,
        { count: SERVERS, expected: tag },
        { polling: 'raf', timeout: 60_000 },
      );
      const ms = Date.now() - started;
      process.stderr.write(`round ${round}: ${ms} ms\n`);
      if (round > 0) times.push(ms);
    }
    const mainTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const started = Date.now();
      const outcomes = await h.fleet.broadcast({
        broadcastId: `main-${round}`,
        target: { kind: 'group', group: GROUP },
        command: `echo main-${round}`,
        exclude: [],
      });
      mainTimes.push(Date.now() - started);
      const wrong = outcomes.find((o) => o.status !== 'ok' || o.answer?.trim() !== `main-${round}`);
      if (wrong) throw new Error(`${wrong.server} answered ${wrong.status}: ${wrong.error ?? wrong.answer ?? ''}`);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const mainMedian = [...mainTimes].sort((a, b) => a - b)[Math.floor(mainTimes.length / 2)]!;
    const ms = (n: number): string => `${n.toLocaleString('en-US')} ms`;
    return `| one command (\`echo\`) to ${SERVERS} servers, none open (log in, send, close) | ${ms(median)} | ${ms(sorted[0]!)} | ${ms(sorted.at(-1)!)} | ${ms(mainMedian)} |`;
  } finally {
    await h.close();
  }
}

if (process.argv[1]?.endsWith('broadcast.ts')) {
  runMain(async () => {
    const row = await runBroadcastBenchmark();
    console.log(`${broadcastTableHeader()}\n${row}`);
  });
}
