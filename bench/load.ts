import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import os from 'node:os';
import { join } from 'node:path';
import { Rcon as RconClientPeer } from 'rcon-client';
import type { Profile } from '../src/shared/api';
import { profileDraft } from '../src/shared/profile-defaults';
import { RconClient } from '../src/main/rcon/client';
import { SessionManager, type SessionProfileSource } from '../src/main/services/session-manager';
import { factories, OUR_NAME } from './peers';
import { runMain } from './run-main';

/**
 * The load benchmark: 50 connections to one server, 1,000 `echo` commands each with 8 in flight
 * per connection, every answer checked. It runs three ways, each in a fresh process of its own so
 * that memory figures are not mixed up: the engine through SessionManager (the app's path, with
 * history kept in memory), the engine's RconClient alone, and the npm peer rcon-client
 * (maxPending 8). The reference server runs in a process of its own too (bench/server-process.ts).
 *
 * `runLoadBenchmark()` returns markdown rows in the columns of bench/run.ts's table;
 * `npx tsx bench/load.ts` prints them as a table of their own.
 */

export const LOAD_SESSIONS = 50;
export const LOAD_COMMANDS = 1_000;
export const LOAD_IN_FLIGHT = 8;
const WARM_UP_COMMANDS = 100;
const ROUNDS = 3;
const SAMPLE_MS = 50;
const WORKER_LIMIT_MS = 120_000;
const PASSWORD = 'bench';
const MIB = 1024 * 1024;

const VARIANTS = ['session-manager', 'engine', 'rcon-client'] as const;
type Variant = (typeof VARIANTS)[number];

interface LoadFigures {
  commandsPerSecond: number;
  /** CPU time (user + system) of the client process per 1,000 commands of the timed load. */
  cpuMsPer1000: number;
  /** Peak over the whole run: connecting, warm-up and load. */
  peakRssBytes: number;
  peakHeapUsedBytes: number;
  /** Before the first connection, after the imports. */
  idleRssBytes: number;
  idleHeapUsedBytes: number;
}

type LoadResult = LoadFigures | { failure: string };

/** What each variant must offer: one connection that runs a command. */
interface Connection {
  execute(command: string): Promise<string>;
}

interface Driver {
  connect(index: number): Promise<Connection>;
  closeAll(): Promise<void>;
}

function engineDriver(port: number): Driver {
  const clients: RconClient[] = [];
  return {
    async connect() {
      const client = await RconClient.open({ host: '127.0.0.1', port, password: PASSWORD, commandTimeoutMs: 30_000 });
      clients.push(client);
      return { execute: (command) => client.execute(command) };
    },
    async closeAll() {
      await Promise.all(clients.map((client) => client.close()));
    },
  };
}

function rconClientDriver(port: number): Driver {
  const clients: RconClientPeer[] = [];
  return {
    async connect() {
      const client = await RconClientPeer.connect({
        host: '127.0.0.1',
        port,
        password: PASSWORD,
        timeout: 30_000,
        maxPending: LOAD_IN_FLIGHT,
      });
      clients.push(client);
      return { execute: (command) => client.send(command) };
    },
    async closeAll() {
      await Promise.all(clients.map((client) => client.end()));
    },
  };
}

/** Profiles in memory; SessionManager asks for nothing else. */
class BenchProfiles implements SessionProfileSource {
  private readonly profiles = new Map<string, Profile>();

  add(port: number, index: number): Profile {
    const profile: Profile = { id: randomUUID(), ...profileDraft({ name: `Load ${index}`, host: '127.0.0.1', port }) };
    this.profiles.set(profile.id, profile);
    return profile;
  }

  async get(id: string): Promise<Profile> {
    const profile = this.profiles.get(id);
    if (!profile) throw new Error(`No profile ${id}.`);
    return profile;
  }

  async getPassword(): Promise<string> {
    return PASSWORD;
  }
}

function sessionManagerDriver(port: number): Driver {
  const profiles = new BenchProfiles();
  const manager = new SessionManager(
    profiles,
    { append: async () => undefined },
    { clientOptions: { connectTimeoutMs: 10_000, commandTimeoutMs: 30_000 }, reconnect: { maxAttempts: 0 } },
  );
  // The app forwards every event to the renderer; here they are only counted.
  let events = 0;
  manager.on('event', () => (events += 1));
  return {
    async connect(index) {
      const { sessionId } = await manager.open({ profileId: profiles.add(port, index).id });
      for (;;) {
        const { status, reason } = manager.get(sessionId);
        if (status === 'connected') break;
        if (status !== 'connecting' && status !== 'authenticating') {
          throw new Error(`Session ${index} is ${status}: ${reason ?? ''}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return {
        execute: async (command) => (await manager.send(sessionId, command)).text,
      };
    },
    async closeAll() {
      await manager.closeAll();
      if (events === 0) throw new Error('SessionManager emitted no events.');
    },
  };
}

const DRIVERS: Record<Variant, (port: number) => Driver> = {
  'session-manager': sessionManagerDriver,
  engine: engineDriver,
  'rcon-client': rconClientDriver,
};

/** Runs `commands` echoes on every connection, `LOAD_IN_FLIGHT` at a time each; returns the first wrong answer. */
async function drive(connections: Connection[], commands: number, tag: string): Promise<string | undefined> {
  let wrong: string | undefined;
  await Promise.all(
    connections.flatMap((connection, c) =>
      Array.from({ length: LOAD_IN_FLIGHT }, async (_, lane) => {
        for (let n = lane; n < commands; n += LOAD_IN_FLIGHT) {
          const expected = `${tag}${c}-${n}`;
          const answer = await connection.execute(`echo ${expected}`);
          if (answer !== expected) wrong ??= `connection ${c}: "echo ${expected}" got ${JSON.stringify(answer)}`;
        }
      }),
    ),
  );
  return wrong;
}

/** One variant, in this process (the worker). */
async function runVariant(variant: Variant, port: number): Promise<LoadResult> {
  const idle = process.memoryUsage();
  let peakRss = idle.rss;
  let peakHeap = idle.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, SAMPLE_MS);
  const driver = DRIVERS[variant](port);
  try {
    const connections = await Promise.all(Array.from({ length: LOAD_SESSIONS }, (_, i) => driver.connect(i)));
    // Without a warm-up the JIT's first minutes would be part of the figure.
    const warmWrong = await drive(connections, WARM_UP_COMMANDS, 'warm-');
    if (warmWrong) return { failure: `wrong answer: ${warmWrong}` };
    const started = performance.now();
    const cpu = process.cpuUsage();
    const wrong = await drive(connections, LOAD_COMMANDS, '');
    const elapsedMs = performance.now() - started;
    const { user, system } = process.cpuUsage(cpu);
    if (wrong) return { failure: `wrong answer: ${wrong}` };
    clearInterval(sampler);
    const end = process.memoryUsage();
    return {
      commandsPerSecond: ((LOAD_SESSIONS * LOAD_COMMANDS) / elapsedMs) * 1000,
      cpuMsPer1000: (user + system) / 1000 / ((LOAD_SESSIONS * LOAD_COMMANDS) / 1000),
      peakRssBytes: Math.max(peakRss, end.rss),
      peakHeapUsedBytes: Math.max(peakHeap, end.heapUsed),
      idleRssBytes: idle.rss,
      idleHeapUsedBytes: idle.heapUsed,
    };
  } catch (error) {
    return { failure: error instanceof Error ? error.message : String(error) };
  } finally {
    clearInterval(sampler);
    await driver.closeAll().catch(() => undefined);
  }
}

async function startServer(): Promise<{ port: number; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'server-process.ts'), 'srcds'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  return { port: Number(line.toString().trim()), stop: () => child.stdin.end() };
}

/** Runs one variant in a fresh Node process and reads its result, a JSON line, from stdout. */
async function runWorker(variant: Variant, port: number): Promise<LoadResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', __filename, '--worker', variant, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill(), WORKER_LIMIT_MS);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  const line = output.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as LoadResult;
  } catch {
    return { failure: code === null ? `no result within ${WORKER_LIMIT_MS / 1000} s` : `worker exited with ${code}` };
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The median of each figure over the rounds; a variant that failed once is reported as failing. */
function summarize(results: LoadResult[]): LoadResult {
  const failure = results.find((r): r is { failure: string } => 'failure' in r);
  if (failure) return failure;
  const figures = results as LoadFigures[];
  const pick = (key: keyof LoadFigures): number => median(figures.map((f) => f[key]));
  return {
    commandsPerSecond: pick('commandsPerSecond'),
    cpuMsPer1000: pick('cpuMsPer1000'),
    peakRssBytes: pick('peakRssBytes'),
    peakHeapUsedBytes: pick('peakHeapUsedBytes'),
    idleRssBytes: pick('idleRssBytes'),
    idleHeapUsedBytes: pick('idleHeapUsedBytes'),
  };
}

type Figure = 'rate' | 'cpu' | 'rss' | 'heap';

function value(result: LoadResult, figure: Figure): number | undefined {
  if ('failure' in result) return undefined;
  if (figure === 'rate') return result.commandsPerSecond;
  if (figure === 'cpu') return result.cpuMsPer1000;
  return (figure === 'rss' ? result.peakRssBytes : result.peakHeapUsedBytes) / MIB;
}

function cell(result: LoadResult, figure: Figure): string {
  if ('failure' in result) return `fails: ${result.failure}`;
  if (figure === 'rate') return result.commandsPerSecond.toFixed(0);
  if (figure === 'cpu') return result.cpuMsPer1000.toFixed(1);
  const idle = (figure === 'rss' ? result.idleRssBytes : result.idleHeapUsedBytes) / MIB;
  return `${value(result, figure)!.toFixed(0)} (idle ${idle.toFixed(0)})`;
}

function ratio(ours: LoadResult, peer: LoadResult, figure: Figure): string {
  const a = value(ours, figure);
  const b = value(peer, figure);
  if (a === undefined) return 'n/a';
  if (b === undefined) return 'peer fails';
  // Always "the engine is N× better": a higher rate, or less CPU time or memory.
  return `${(figure === 'rate' ? a / b : b / a).toFixed(2)}×`;
}

const TITLE = `${LOAD_SESSIONS} connections × ${LOAD_COMMANDS.toLocaleString('en-US')} echo, ${LOAD_IN_FLIGHT} in flight each`;

/** The columns of bench/run.ts's table: benchmark | unit | one per client | engine vs each peer. */
function columns(): { names: string[]; peers: string[] } {
  const names = Object.keys(factories);
  return { names, peers: names.filter((name) => name !== OUR_NAME) };
}

export function loadTableHeader(): string {
  const { names, peers } = columns();
  return [
    `| benchmark | unit | ${names.join(' | ')} | ${peers.map((p) => `engine vs ${p}`).join(' | ')} |`,
    `|${' --- |'.repeat(2 + names.length + peers.length)}`,
  ].join('\n');
}

function rows(summary: Record<Variant, LoadResult>): string {
  const { names, peers } = columns();
  const lines: string[] = [];
  const row = (title: string, unit: string, ours: LoadResult, figure: Figure): void => {
    const cells = names.map((name) => {
      if (name === OUR_NAME) return cell(ours, figure);
      if (name === 'rcon-client') return cell(summary['rcon-client'], figure);
      return 'not run (no pipelining)';
    });
    const ratios = peers.map((peer) => (peer === 'rcon-client' ? ratio(ours, summary['rcon-client'], figure) : 'n/a'));
    lines.push(`| ${title} | ${unit} | ${cells.join(' | ')} | ${ratios.join(' | ')} |`);
  };
  const raw = summary.engine;
  const managed = summary['session-manager'];
  row(`Load: ${TITLE}, raw clients`, 'commands/s', raw, 'rate');
  row(`Load: ${TITLE}, engine through SessionManager`, 'commands/s', managed, 'rate');
  row('Load, raw clients: CPU time of the client process per 1,000 commands', 'ms', raw, 'cpu');
  row('Load through SessionManager: CPU time of the client process per 1,000 commands', 'ms', managed, 'cpu');
  row('Load, raw clients: peak RSS of the client process', 'MiB', raw, 'rss');
  row('Load, raw clients: peak heap used of the client process', 'MiB', raw, 'heap');
  row('Load through SessionManager: peak RSS of the client process', 'MiB', managed, 'rss');
  row('Load through SessionManager: peak heap used of the client process', 'MiB', managed, 'heap');
  return lines.join('\n');
}

/**
 * The whole load benchmark: every variant ROUNDS times, in turn, each run in a fresh process
 * against one reference server process. Returns markdown rows (medians) for bench/run.ts's table.
 */
export async function runLoadBenchmark(): Promise<string> {
  const server = await startServer();
  const results: Record<Variant, LoadResult[]> = { 'session-manager': [], engine: [], 'rcon-client': [] };
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      // A different order each round, so no variant always runs on a cold or a hot machine.
      const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]!);
      for (const variant of order) {
        const result = await runWorker(variant, server.port);
        results[variant].push(result);
        const shown = 'failure' in result ? `fails: ${result.failure}` : `${result.commandsPerSecond.toFixed(0)}/s`;
        process.stderr.write(`load round ${round + 1}/${ROUNDS} — ${variant}: ${shown}\n`);
      }
    }
  } finally {
    server.stop();
  }
  return rows({
    'session-manager': summarize(results['session-manager']),
    engine: summarize(results.engine),
    'rcon-client': summarize(results['rcon-client']),
  });
}

async function main(): Promise<void> {
  const worker = process.argv.indexOf('--worker');
  if (worker >= 0) {
    const variant = process.argv[worker + 1] as Variant;
    const port = Number(process.argv[worker + 2]);
    if (!VARIANTS.includes(variant) || !Number.isInteger(port))
      throw new Error('Usage: load.ts --worker <variant> <port>');
    process.stdout.write(`${JSON.stringify(await runVariant(variant, port))}\n`);
    return;
  }
  const table = await runLoadBenchmark();
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
  process.stdout.write(`${loadTableHeader()}\n${table}\n\nMachine: ${machine}.\n`);
}

if (require.main === module) runMain(main);
