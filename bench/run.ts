import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { deterministicBytes } from '../src/reference-server/commands';
import { factories, OUR_NAME, type BenchClient } from './peers';
import { runLoadBenchmark } from './load';

/**
 * `npm run bench`: the engine against the npm peers, in one run, against the reference server in
 * its own process on loopback. Every answer is checked: a peer that returns a wrong or incomplete
 * answer gets that reported instead of a speed. `npm run bench -- --write` also updates docs/benchmarks.md.
 */

type Measurement = { value: number; note?: string } | { failure: string };

interface Benchmark {
  title: string;
  unit: string;
  /** Higher is better for rates, lower for times; the ratio column always reads "engine is N× better". */
  higherIsBetter: boolean;
  run(client: BenchClient): Promise<Measurement>;
}

const SEQUENTIAL = 2_000;
const PIPELINED = 10_000;
const MIB = 1024 * 1024;
const LIMIT_MS = 60_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

function checkEchoes(answers: string[], first: number): string | undefined {
  const wrong = answers.findIndex((answer, i) => answer !== `ping ${first + i}`);
  return wrong < 0 ? undefined : `wrong answer to command ${wrong}: ${JSON.stringify(answers[wrong]?.slice(0, 40))}`;
}

async function bulkResponse(client: BenchClient, bytes: number, runs: number): Promise<Measurement> {
  const expected = deterministicBytes(bytes);
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const [answer, ms] = await timed(() => client.execute(`bytes ${bytes}`));
    if (answer !== expected) return { failure: `incomplete answer: ${answer.length} of ${bytes} bytes` };
    times.push(ms);
  }
  return { value: median(times) };
}

const ONE_MIB: Benchmark = {
  title: '1 MiB answer (256 packets), median of 5',
  unit: 'ms',
  higherIsBetter: false,
  run: (client) => bulkResponse(client, MIB, 5),
};

const TEN_MIB: Benchmark = {
  title: '10 MiB answer (2,560 packets), median of 3',
  unit: 'ms',
  higherIsBetter: false,
  run: (client) => bulkResponse(client, 10 * MIB, 3),
};

/** Assembly must be linear: ten times the bytes should cost about ten times the time, not a hundred. */
function scalingLine(one: Measurement | undefined, ten: Measurement | undefined): string {
  if (!one || !ten || 'failure' in one || 'failure' in ten) return 'Scaling 1 MiB → 10 MiB: not measured.';
  return `Scaling of the engine from a 1 MiB to a 10 MiB answer: ${(ten.value / one.value).toFixed(1)}× the time for 10× the bytes (linear is 10×).`;
}

const benchmarks: Benchmark[] = [
  {
    title: `Sequential round trips (${SEQUENTIAL} × echo, one at a time)`,
    unit: 'commands/s',
    higherIsBetter: true,
    async run(client) {
      const answers: string[] = [];
      const [, ms] = await timed(async () => {
        for (let i = 0; i < SEQUENTIAL; i += 1) answers.push(await client.execute(`echo ping ${i}`));
      });
      const wrong = checkEchoes(answers, 0);
      return wrong ? { failure: wrong } : { value: (SEQUENTIAL / ms) * 1000 };
    },
  },
  {
    title: `Pipelined commands (${PIPELINED} × echo, all in flight)`,
    unit: 'commands/s',
    higherIsBetter: true,
    async run(client) {
      const [answers, ms] = await timed(async () => {
        if (client.pipelines) {
          return Promise.all(Array.from({ length: PIPELINED }, (_, i) => client.execute(`echo ping ${i}`)));
        }
        const sequential: string[] = [];
        for (let i = 0; i < PIPELINED; i += 1) sequential.push(await client.execute(`echo ping ${i}`));
        return sequential;
      });
      const wrong = checkEchoes(answers, 0);
      if (wrong) return { failure: wrong };
      return { value: (PIPELINED / ms) * 1000, note: client.pipelines ? undefined : 'no pipelining: one at a time' };
    },
  },
  ONE_MIB,
  TEN_MIB,
];

async function startServer(): Promise<{ port: number; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/server-process.ts', 'srcds'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  return { port: Number(line.toString().trim()), stop: () => child.stdin.end() };
}

function withLimit(work: Promise<Measurement>): Promise<Measurement> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<Measurement>((resolve) => {
    timer = setTimeout(() => resolve({ failure: `no answer within ${LIMIT_MS / 1000} s` }), LIMIT_MS);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

const WARM_UP = 500;

async function measure(name: string, benchmark: Benchmark, port: number): Promise<Measurement> {
  let client: BenchClient | undefined;
  try {
    return await withLimit(
      (async () => {
        client = await factories[name]!(port, 'bench');
        // Without a warm-up, whichever client runs first pays for the JIT and looks slowest.
        for (let i = 0; i < WARM_UP; i += 1) await client.execute(`echo warm ${i}`);
        return benchmark.run(client);
      })(),
    );
  } catch (error) {
    return { failure: error instanceof Error ? error.message : String(error) };
  } finally {
    await client?.close().catch(() => undefined);
  }
}

function format(m: Measurement | undefined): string {
  if (!m) return 'n/a';
  if ('failure' in m) return `fails: ${m.failure}`;
  const digits = m.value >= 100 ? 0 : m.value >= 10 ? 1 : 2;
  return `${m.value.toFixed(digits)}${m.note ? ` (${m.note})` : ''}`;
}

function ratio(ours: Measurement | undefined, peer: Measurement | undefined, higherIsBetter: boolean): string {
  if (!ours || 'failure' in ours) return 'n/a';
  if (!peer || 'failure' in peer) return 'peer fails';
  const r = higherIsBetter ? ours.value / peer.value : peer.value / ours.value;
  return `${r.toFixed(2)}×`;
}

async function main(): Promise<void> {
  const write = process.argv.includes('--write');
  const names = Object.keys(factories);
  const peers = names.filter((n) => n !== OUR_NAME);
  const server = await startServer();
  const rows: string[] = [];
  const header = `| benchmark | unit | ${names.join(' | ')} | ${peers.map((p) => `engine vs ${p}`).join(' | ')} |`;
  rows.push(header, `|${' --- |'.repeat(2 + names.length + peers.length)}`);
  const ours = new Map<Benchmark, Measurement>();
  try {
    for (const benchmark of benchmarks) {
      const results: Record<string, Measurement> = {};
      for (const name of names) {
        results[name] = await measure(name, benchmark, server.port);
        process.stderr.write(`${benchmark.title} — ${name}: ${format(results[name])}\n`);
      }
      ours.set(benchmark, results[OUR_NAME]!);
      const cells = names.map((n) => format(results[n]));
      const ratios = peers.map((p) => ratio(results[OUR_NAME], results[p], benchmark.higherIsBetter));
      rows.push(`| ${benchmark.title} | ${benchmark.unit} | ${cells.join(' | ')} | ${ratios.join(' | ')} |`);
    }
  } finally {
    server.stop();
  }
  rows.push(await runLoadBenchmark());
  const table = [rows.join('\n'), '', scalingLine(ours.get(ONE_MIB), ours.get(TEN_MIB))].join('\n');
  process.stdout.write(`${table}\n`);
  if (write) {
    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
    const doc = [
      '# Benchmarks',
      '',
      'Produced by `npm run bench -- --write` (bench/run.ts): the engine and the npm peers `rcon-client` and',
      '`rcon-srcds`, one after another in one run, each against the reference server (srcds personality) running',
      'in its own process on loopback. Every answer is checked; a client that returns a wrong or incomplete',
      'answer is reported as failing instead of given a speed. Ratios read "the engine is N× better" (higher',
      'rate, or shorter time).',
      '',
      `Machine: ${machine}. Run on ${new Date().toISOString().slice(0, 10)}.`,
      '',
      table,
      '',
    ].join('\n');
    writeFileSync('docs/benchmarks.md', doc);
  }
}

main().then(
  // A peer stuck in a login that never completes would otherwise keep the process alive.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
