import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRemoteConsole } from '../src/main/protocol/create-remote-console';
import type { RemoteConsole, RemoteConsoleProtocol } from '../src/main/protocol/remote-console';
import { deterministicBytes } from '../src/reference-server/commands';

/**
 * The engine over each protocol against its reference personality, the server in a process of
 * its own on loopback (`npm run demo-server -- --protocol …`). Every answer is checked.
 * Pipelined rows only where the protocol allows several commands in flight: WebRCON (answers carry
 * the request's Identifier), telnet (answers end at our sentinel, in order) and Source RCON.
 * BattlEye runs one command at a time (see src/main/battleye/client.ts), so it has no such row.
 */
const PASSWORD = 'bench';
const SEQUENTIAL = 500;
const PIPELINED = 2_000;
/** BattlEye splits answers into at most 255 parts, so its big answer is smaller. */
const BIG_ANSWER: Record<RemoteConsoleProtocol, number> = {
  rcon: 1024 * 1024,
  webrcon: 1024 * 1024,
  telnet: 1024 * 1024,
  battleye: 200 * 1024,
};
const PIPELINE_ALLOWED: Record<RemoteConsoleProtocol, boolean> = {
  rcon: true,
  webrcon: true,
  telnet: true,
  battleye: false,
};

async function startServer(protocol: RemoteConsoleProtocol): Promise<{ port: number; stop: () => void }> {
  const args = ['--import', 'tsx', 'src/reference-server/main.ts', '--port', '0', '--password', PASSWORD];
  if (protocol !== 'rcon') args.push('--protocol', protocol);
  else args.push('--broadcast-interval', '0');
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  const port = Number(/listening on .*:(\d+)/.exec(chunk.toString())?.[1]);
  if (!Number.isInteger(port)) throw new Error(`The ${protocol} server did not start: ${chunk.toString()}`);
  return { port, stop: () => child.kill('SIGTERM') };
}

async function echoes(client: RemoteConsole, count: number, pipelined: boolean): Promise<number> {
  const start = performance.now();
  const answers = pipelined
    ? await Promise.all(Array.from({ length: count }, (_, i) => client.execute(`echo n ${i}`)))
    : [];
  if (!pipelined) for (let i = 0; i < count; i += 1) answers.push(await client.execute(`echo n ${i}`));
  const ms = performance.now() - start;
  const wrong = answers.findIndex((answer, i) => answer !== `n ${i}`);
  if (wrong >= 0) throw new Error(`wrong answer to command ${wrong}: ${JSON.stringify(answers[wrong]?.slice(0, 40))}`);
  return (count / ms) * 1000;
}

async function bigAnswer(client: RemoteConsole, bytes: number): Promise<number> {
  const expected = deterministicBytes(bytes);
  const times: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const start = performance.now();
    const answer = await client.execute(`bytes ${bytes}`);
    times.push(performance.now() - start);
    // Line-based telnet cannot carry the final newline of an answer; compare without it.
    if (answer.replace(/\n$/, '') !== expected.replace(/\n$/, ''))
      throw new Error(`incomplete answer: ${answer.length} of ${bytes}`);
  }
  return times.sort((a, b) => a - b)[1]!;
}

function figure(work: () => Promise<number>, digits = 0): Promise<string> {
  return work().then(
    (value) => value.toFixed(digits),
    (error: unknown) => `fails: ${error instanceof Error ? error.message : String(error)}`,
  );
}

export function protocolTableHeader(): string {
  return [
    '| protocol | sequential echo (commands/s) | pipelined echo (commands/s) | big answer (median of 3, ms) |',
    '| --- | --- | --- | --- |',
  ].join('\n');
}

export async function runProtocolBenchmark(): Promise<string> {
  const rows: string[] = [];
  for (const protocol of ['rcon', 'webrcon', 'telnet', 'battleye'] as RemoteConsoleProtocol[]) {
    const server = await startServer(protocol);
    const client = createRemoteConsole(protocol, {
      host: '127.0.0.1',
      port: server.port,
      password: PASSWORD,
      commandTimeoutMs: 30_000,
      dialect: 'source',
    });
    try {
      await client.connect();
      for (let i = 0; i < 200; i += 1) await client.execute(`echo warm ${i}`);
      const sequential = await figure(() => echoes(client, SEQUENTIAL, false));
      const pipelined = PIPELINE_ALLOWED[protocol]
        ? await figure(() => echoes(client, PIPELINED, true))
        : 'n/a (one command in flight)';
      const big = await figure(() => bigAnswer(client, BIG_ANSWER[protocol]), 1);
      const size = BIG_ANSWER[protocol] >= 1024 * 1024 ? '1 MiB' : `${BIG_ANSWER[protocol] / 1024} KiB`;
      rows.push(`| ${protocol} | ${sequential} | ${pipelined} | ${big} (${size}) |`);
      process.stderr.write(`${rows[rows.length - 1]}\n`);
    } finally {
      await client.close();
      server.stop();
    }
  }
  return rows.join('\n');
}

if (process.argv[1]?.endsWith('protocols.ts')) {
  void runProtocolBenchmark().then((rows) => {
    process.stdout.write(`${protocolTableHeader()}\n${rows}\n`);
    process.exit(0);
  });
}
