import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deterministicBytes } from '../../src/reference-server/commands';
import { ARK_NO_RESPONSE, PALWORLD_INFO, PALWORLD_PLAYERS } from '../../src/reference-server/game-personalities';
import type { ReferenceServerOptions } from '../../src/reference-server/options';
import { ExitCode } from '../../src/cli/exit-codes';
import { Fixtures, PASSWORD } from './helpers';
import { ensureCliBuilt, rcon } from './run-cli';

/** The built `rcon -e` against the servers that broke it (issue 9): never exit 0 when an answer was lost. */
const fixtures = new Fixtures();
afterEach(() => fixtures.cleanup());
beforeAll(ensureCliBuilt, 120_000);

async function address(options: ReferenceServerOptions): Promise<string> {
  const server = await fixtures.server(options);
  return `127.0.0.1:${server.port}`;
}

describe('rcon -e against slow and quiet servers', () => {
  it('prints both answers of a quiet server that answers 400 ms late', async () => {
    const where = await address({ personality: 'silent', faults: { responseDelayMs: 400 } });
    const run = await rcon([where, '-p', PASSWORD, '--timeout', '30', '-e', 'echo hello', '-e', 'echo second']);
    expect(run).toEqual({ code: ExitCode.ok, stdout: 'hello\nsecond\n', stderr: '' });
  });

  it('exits 5, not 0, when a command gets no answer within --timeout', async () => {
    const where = await address({ personality: 'silent' });
    const run = await rcon([where, '-p', PASSWORD, '--timeout', '1', '-e', 'sleep 5000']);
    expect(run.code).toBe(ExitCode.timeout);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('rcon: waiting for the answer to the command timed out after 1 s.\n');
  });

  it('prints every answer of a Source server that logs in at once and answers commands 400 ms late', async () => {
    const where = await address({ personality: 'srcds', faults: { commandDelayMs: 400 } });
    const run = await rcon([where, '-p', PASSWORD, '-e', 'echo hello', '-e', 'bytes 9000', '-e', 'echo two']);
    expect(run).toEqual({ code: ExitCode.ok, stdout: `hello\n${deterministicBytes(9000)}\ntwo\n`, stderr: '' });
  });
});

describe('rcon -e against Palworld (id 0 on the login and on every answer)', () => {
  it('logs in', async () => {
    const where = await address({ personality: 'palworld' });
    const run = await rcon([where, '-p', PASSWORD, '--timeout', '3', '-e', 'Info']);
    expect(run).toEqual({ code: ExitCode.ok, stdout: PALWORLD_INFO, stderr: '' });
  });

  it('still says wrong password (exit 3) on id -1', async () => {
    const where = await address({ personality: 'palworld' });
    const run = await rcon([where, '-p', 'wrong', '--timeout', '3', '-e', 'Info']);
    expect(run.code).toBe(ExitCode.auth);
    expect(run.stderr).toBe('rcon: wrong password: the server rejected the RCON password.\n');
  });

  it.each(['auto', 'source', 'minecraft'])('prints each answer on stdout with --dialect %s', async (dialect) => {
    const where = await address({ personality: 'palworld' });
    const run = await rcon([
      where,
      '-p',
      PASSWORD,
      '--timeout',
      '3',
      '--dialect',
      dialect,
      '-e',
      'echo first',
      '-e',
      'ShowPlayers',
      '-e',
      'echo last',
    ]);
    expect(run).toEqual({ code: ExitCode.ok, stdout: `first\n${PALWORLD_PLAYERS}last\n`, stderr: '' });
  });
});

describe('rcon -e against odd terminators', () => {
  it('reads a server that ends packets with one NUL, empty answers included', async () => {
    const where = await address({ personality: 'srcds', faults: { singleNulTerminator: true } });
    const run = await rcon([where, '-p', PASSWORD, '-e', 'echo hello', '-e', 'echo', '-e', 'echo after']);
    expect(run).toEqual({ code: ExitCode.ok, stdout: 'hello\nafter\n', stderr: '' });
  });
});

describe('rcon --game', () => {
  it('ark: prints nothing for "no response", where a bare client prints the marker', async () => {
    const where = await address({ personality: 'ark' });
    const bare = await rcon([where, '-p', PASSWORD, '-e', 'broadcast hi']);
    expect(bare).toEqual({ code: ExitCode.ok, stdout: ARK_NO_RESPONSE, stderr: '' });
    const withGame = await rcon([where, '-p', PASSWORD, '--game', 'ark', '-e', 'broadcast hi', '-e', 'saveworld']);
    expect(withGame).toEqual({ code: ExitCode.ok, stdout: 'World Saved\n', stderr: '' });
  });

  it('minecraft: refuses a command over 1446 bytes with exit 2 and sends nothing', async () => {
    const server = await fixtures.server({ personality: 'minecraft' });
    const run = await rcon([`127.0.0.1:${server.port}`, '-p', PASSWORD, '--game', 'minecraft', '-e', 'x'.repeat(1500)]);
    expect(run.code).toBe(ExitCode.usage);
    expect(run.stderr).toBe('rcon: the command is 1500 bytes long; servers accept at most 1446.\n');
    expect(server.receivedCommands).toEqual([]);
  });
});
