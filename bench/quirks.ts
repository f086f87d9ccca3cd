import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { RconClient } from '../src/main/rcon/client';
import type { RconClientOptions } from '../src/main/rcon/options';

/**
 * The engine alone against servers that bend the protocol (issue 9): lockstep mode for a server that
 * does not echo ids, beside the pipelined figure on a well-behaved one, and a server that answers each
 * command 400 ms late. Every answer is checked; a lost or wrong one is reported instead of a speed.
 */

interface Row {
  title: string;
  unit: string;
  value: string;
}

type Personality = 'srcds' | 'silent' | 'palworld';

async function withServer<T>(personality: Personality, late: boolean, work: (port: number) => Promise<T>): Promise<T> {
  const args = ['--import', 'tsx', 'bench/server-process.ts', personality, ...(late ? ['late'] : [])];
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  try {
    return await work(Number(line.toString().trim()));
  } finally {
    child.stdin.end();
  }
}

async function open(port: number, options: Partial<RconClientOptions> = {}): Promise<RconClient> {
  return RconClient.open({ host: '127.0.0.1', port, password: 'bench', commandTimeoutMs: 30_000, ...options });
}

/** Commands per second for `count` echoes, all sent at once (the engine queues them when it must). */
async function echoRate(
  client: RconClient,
  count: number,
  tag: string,
): Promise<{ rate: number } | { failure: string }> {
  const start = performance.now();
  const answers = await Promise.all(Array.from({ length: count }, (_, i) => client.execute(`echo ${tag} ${i}`)));
  const ms = performance.now() - start;
  const wrong = answers.findIndex((answer, i) => answer !== `${tag} ${i}`);
  if (wrong >= 0) return { failure: `wrong answer to command ${wrong}: ${JSON.stringify(answers[wrong])}` };
  return { rate: (count / ms) * 1000 };
}

function show(result: { rate: number } | { failure: string }, extra = ''): string {
  if ('failure' in result) return `fails: ${result.failure}`;
  return `${result.rate >= 100 ? result.rate.toFixed(0) : result.rate.toFixed(2)}${extra}`;
}

export async function runQuirkBenchmarks(): Promise<string> {
  const rows: Row[] = [];
  const pipelined = await withServer('srcds', false, async (port) => {
    const client = await open(port);
    try {
      await echoRate(client, 500, 'warm');
      return await echoRate(client, 5_000, 'pipe');
    } finally {
      await client.close();
    }
  });
  rows.push({
    title: 'Pipelined, srcds (ids echoed): 5,000 echoes in flight',
    unit: 'commands/s',
    value: show(pipelined),
  });

  const lockstep = await withServer('palworld', false, async (port) => {
    const client = await open(port);
    try {
      if (client.echoesIds !== false) return { failure: 'the server was not detected as one that does not echo ids' };
      return await echoRate(client, 20, 'lock');
    } finally {
      await client.close();
    }
  });
  rows.push({
    title: 'Lockstep, palworld (answers id 0): 20 echoes, one at a time, each ending after a 300 ms silence',
    unit: 'commands/s',
    value: show(lockstep),
  });

  for (const personality of ['srcds', 'silent'] as const) {
    const late = await withServer(personality, true, async (port) => {
      // A short probe wait, so that the late srcds is first taken for a quiet server, as in the field.
      const client = await open(port, { detectTimeoutMs: 100 });
      try {
        const result = await echoRate(client, 10, 'late');
        return 'failure' in result ? result : { ...result, dialect: client.dialect };
      } finally {
        await client.close();
      }
    });
    rows.push({
      title: `Every command answered 400 ms late, ${personality}: 10 echoes, every answer must arrive`,
      unit: 'commands/s',
      value: show(late, 'dialect' in late ? ` (10 of 10 answers; ended as ${late.dialect})` : ''),
    });
  }
  const lines = ['| benchmark (engine only) | unit | rcon-desk engine |', '| --- | --- | --- |'];
  for (const row of rows) lines.push(`| ${row.title} | ${row.unit} | ${row.value} |`);
  return lines.join('\n');
}
