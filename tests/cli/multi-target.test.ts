import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/cli/args';
import { ExitCode } from '../../src/cli/exit-codes';
import { runOnTargets, worstExitCode, type CommandTarget, type JsonResult } from '../../src/cli/multi-target';
import { RconClient } from '../../src/main/rcon';
import { Fixtures, PASSWORD, freePort } from './helpers';

function collect(stream: PassThrough): () => string {
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return () => text;
}

function target(label: string, port: number, password = PASSWORD): CommandTarget {
  return {
    label,
    address: { host: '127.0.0.1', port },
    settings: { ...DEFAULT_SETTINGS, commandTimeoutMs: 2_000 },
    password: async () => password,
  };
}

describe('running commands on several servers at once', () => {
  const fixtures = new Fixtures();
  afterEach(() => fixtures.cleanup());

  async function run(targets: CommandTarget[], commands: string[], json: boolean) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out = collect(stdout);
    const err = collect(stderr);
    const code = await runOnTargets({
      targets,
      commands,
      json,
      concurrency: 2,
      createClient: (options) => new RconClient(options),
      stdout,
      stderr,
    });
    return { code, out: out(), err: err() };
  }

  it('prints one JSON object per server and command, and a server that is down does not stop the others', async () => {
    const a = await fixtures.server();
    const b = await fixtures.server({ password: 'other' });
    const c = await fixtures.server({ personality: 'minecraft' });
    const down = await freePort();

    const { code, out } = await run(
      [target('alpha', a.port), target('down', down), target('refused', b.port), target('craft', c.port)],
      ['echo one', 'echo two'],
      true,
    );

    const lines = out
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as JsonResult);
    const byServer = (server: string) => lines.filter((l) => l.server === server);
    expect(byServer('alpha').map((l) => [l.command, l.ok, l.answer, l.exitCode])).toEqual([
      ['echo one', true, 'one', 0],
      ['echo two', true, 'two', 0],
    ]);
    expect(byServer('craft').map((l) => l.answer)).toEqual(['one', 'two']);
    expect(byServer('down').map((l) => [l.command, l.ok, l.exitCode])).toEqual([
      ['echo one', false, ExitCode.connection],
      ['echo two', false, ExitCode.connection],
    ]);
    expect(byServer('refused').every((l) => !l.ok && l.exitCode === ExitCode.auth && /password/i.test(l.error))).toBe(
      true,
    );
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['server', 'command', 'ok', 'answer', 'error', 'exitCode', 'durationMs']);
    }
    // The worst of all: a wrong password beats a connection failure.
    expect(code).toBe(ExitCode.auth);
  });

  it('prints each server’s answers whole, under a header naming it', async () => {
    const a = await fixtures.server();
    const b = await fixtures.server();
    const { code, out, err } = await run([target('one', a.port), target('two', b.port)], ['echo x', 'echo y'], false);

    expect(code).toBe(ExitCode.ok);
    const blocks = out.split(/^(?==== )/m).sort();
    expect(blocks).toEqual([`=== one (127.0.0.1:${a.port}) ok\nx\ny\n`, `=== two (127.0.0.1:${b.port}) ok\nx\ny\n`]);
    expect(err).toBe('');
  });

  it('reports a missing password as that target’s failure only', async () => {
    const a = await fixtures.server();
    const missing: CommandTarget = {
      ...target('nopass', a.port),
      password: async () => {
        throw new Error('No password is saved for "nopass".');
      },
    };
    const { code, out } = await run([missing, target('fine', a.port)], ['echo z'], true);
    const lines = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as JsonResult);
    expect(lines.find((l) => l.server === 'fine')).toMatchObject({ ok: true, answer: 'z' });
    expect(lines.find((l) => l.server === 'nopass')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/no password/i),
    });
    expect(code).toBe(ExitCode.unexpected);
  });

  it('ranks exit codes: any failure beats success', () => {
    expect(worstExitCode([])).toBe(ExitCode.ok);
    expect(worstExitCode([ExitCode.ok, ExitCode.timeout])).toBe(ExitCode.timeout);
    expect(worstExitCode([ExitCode.timeout, ExitCode.connection, ExitCode.ok])).toBe(ExitCode.connection);
    expect(worstExitCode([ExitCode.connection, ExitCode.auth])).toBe(ExitCode.auth);
  });
});
