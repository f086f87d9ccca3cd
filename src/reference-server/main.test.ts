import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { PacketType } from '../main/rcon/packet';
import { GamedigQuery } from '../main/query';
import { RawRconClient } from './raw-rcon-client';
import { ReferenceServer } from './server';
import { waitUntil } from './test-bed';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = `${ROOT}node_modules/.bin/tsx`;
const SECRET = 'pw-Zq81-secret';
const children: ChildProcessWithoutNullStreams[] = [];

interface Run {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function runCli(args: string[]): Run {
  const child = spawn(TSX, ['src/reference-server/main.ts', ...args], { cwd: ROOT });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('demo-server CLI', () => {
  it('exits with code 2 and one line on stderr for a bad flag', async () => {
    const run = runCli(['--password', 'x', '--bogus']);
    expect(await run.exited).toEqual({ code: 2, signal: null });
    expect(run.stderr()).toBe("demo-server: Unknown option '--bogus' (see --help)\n");
    expect(run.stdout()).toBe('');
  });

  it('prints its address, logs logins and commands without the password, and stops cleanly on SIGTERM', async () => {
    const run = runCli(['--port', '0', '--password', SECRET, '--personality', 'minecraft']);
    await waitUntil(() => run.stdout().includes('\n'), 15_000);
    const match = /^Reference RCON server \(minecraft\) listening on 127\.0\.0\.1:(\d+)\n/.exec(run.stdout());
    expect(match).not.toBeNull();

    const client = await RawRconClient.connect(Number(match?.[1]));
    client.send(1, PacketType.AUTH, SECRET);
    client.send(2, PacketType.EXECCOMMAND, 'echo hi');
    expect((await client.read(2)).map((packet) => packet.body.toString())).toEqual(['', 'hi']);
    await waitUntil(() => run.stdout().includes('command: echo hi'));
    expect(run.stdout()).toMatch(/\] 127\.0\.0\.1 login accepted\n/);
    expect(run.stdout()).not.toContain(SECRET);

    run.child.kill('SIGTERM');
    expect((await run.exited).code).toBe(0);
    await client.waitClosed();
  });

  it('exits with code 1 and one line on stderr when the port is taken', async () => {
    const server = new ReferenceServer();
    await server.listen();
    try {
      const run = runCli(['--port', String(server.port), '--password', 'x']);
      expect((await run.exited).code).toBe(1);
      expect(run.stderr()).toMatch(/^demo-server: listen EADDRINUSE[^\n]*\n$/);
    } finally {
      await server.close();
    }
  });

  it('answers server queries on --query-port, with the players of status, and logs them', async () => {
    const run = runCli(['--port', '0', '--password', SECRET, '--query-port', '0']);
    await waitUntil(() => run.stdout().includes('(A2S) answered'), 15_000);
    const match = /Source server queries \(A2S\) answered on UDP 127\.0\.0\.1:(\d+)\n/.exec(run.stdout());
    expect(match).not.toBeNull();
    const info = await new GamedigQuery().info('127.0.0.1', Number(match?.[1]), { protocol: 'a2s' });
    expect(info.playerList.map((player) => player.name).sort()).toEqual(['Alex', 'Steve']);
    await waitUntil(() => run.stdout().includes('players:answer') || run.stdout().includes('query players from'));
    expect(run.stdout()).toMatch(/query info from 127\.0\.0\.1:\d+: challenge\n/);
    run.child.kill('SIGTERM');
    expect((await run.exited).code).toBe(0);
  });
});
