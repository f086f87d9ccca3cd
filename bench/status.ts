import os from 'node:os';
import { GamedigQuery } from '../src/main/query';
import { QueryResponder } from '../src/reference-server/query-responder';
import { Harness } from '../tests/e2e/harness';
import { runMain } from './run-main';

/**
 * Server status for 50 saved servers: each a reference A2S responder on loopback (challenge,
 * A2S_INFO then A2S_PLAYER), all in this process. Two figures:
 *
 * - the query engine alone (gamedig behind ServerQuery): 50 queries at once, until the last answer;
 * - the window (tests/e2e/harness.ts: the built renderer in Chromium, the real services): from
 *   loading the page until all 50 sidebar rows say online with their players and map.
 *
 *     bash scripts/with-keyring.sh npx tsx bench/status.ts
 */

const SERVERS = 50;
const ROUNDS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function startResponders(): Promise<QueryResponder[]> {
  return Promise.all(
    Array.from({ length: SERVERS }, async () => {
      const responder = new QueryResponder();
      await responder.listen();
      return responder;
    }),
  );
}

async function engineRound(query: GamedigQuery, responders: QueryResponder[]): Promise<number> {
  const started = performance.now();
  const infos = await Promise.all(
    responders.map((responder) => query.info('127.0.0.1', responder.address.port, { protocol: 'a2s' })),
  );
  const ms = performance.now() - started;
  const wrong = infos.findIndex((info) => info.playerList.length !== 2);
  if (wrong >= 0) throw new Error(`server ${wrong} answered without its two players`);
  return ms;
}

async function windowRound(h: Harness): Promise<number> {
  const started = performance.now();
  await h.reload();
  await h.page.waitForFunction(
    (count) => document.querySelectorAll('[data-testid=server-status][data-state=online]').length === count,
    SERVERS,
    { polling: 'raf', timeout: 60_000 },
  );
  return performance.now() - started;
}

export function statusTableHeader(): string {
  return ['| server status, 50 servers | median of 5 rounds |', '| --- | --- |'].join('\n');
}

export async function runStatusBenchmark(): Promise<string> {
  const responders = await startResponders();
  const rows: string[] = [];
  try {
    const query = new GamedigQuery();
    await engineRound(query, responders);
    const engine: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) engine.push(await engineRound(query, responders));
    rows.push(
      `| query engine: 50 queries at once, until the last answer (info and players) | ${median(engine).toFixed(0)} ms |`,
    );

    const h = await Harness.start();
    try {
      for (const [index, responder] of responders.entries()) {
        await h.addProfile({
          name: `Server ${String(index + 1).padStart(2, '0')}`,
          port: 1,
          queryPort: responder.address.port,
        });
      }
      await h.openApp();
      const window: number[] = [];
      for (let round = 0; round < ROUNDS; round += 1) window.push(await windowRound(h));
      rows.push(
        `| window: page load until all 50 sidebar rows show online, players and map | ${median(window).toFixed(0)} ms |`,
      );
    } finally {
      await h.close();
    }
  } finally {
    await Promise.all(responders.map((responder) => responder.close()));
  }
  return rows.join('\n');
}

async function main(): Promise<void> {
  const rows = await runStatusBenchmark();
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, Chromium (headless)`;
  process.stdout.write(`${statusTableHeader()}\n${rows}\n\nMachine: ${machine}.\n`);
}

if (require.main === module) runMain(main);
