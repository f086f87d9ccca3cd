/* eslint-disable no-control-regex -- terminal bytes are what these tests look at */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TERMINAL_RESET } from '../../src/cli/terminal-restore';
import { HOSTILE_SEQUENCES } from '../../src/reference-server/hostile';
import { Fixtures, PASSWORD, waitUntil } from './helpers';

/**
 * The `rcon` CLI in a real pseudo-terminal (util-linux `script`), against the hostile reference
 * server. This harness plays the terminal: it answers the queries a terminal answers (device
 * attributes, size, version, cursor position) by typing the reply into the pty, as xterm, VTE or
 * iTerm would. So a query that got through would come back to the shell as typed input.
 */

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const SOURCE_CLI = join(ROOT, 'src/cli/main.ts');

const TERMINAL_REPLIES: readonly [string, string][] = [
  ['\x1b[c', '\x1b[?62;22c'],
  ['\x1b[>c', '\x1b[>1;10;0c'],
  ['\x1b[18t', '\x1b[8;24;80t'],
  ['\x1b[>0q', '\x1bP>|xterm(390)\x1b\\'],
  ['\x1b[6n', '\x1b[1;1R'],
];

/** Byte strings that must never reach the terminal from the server: each would take effect. */
const FORBIDDEN = [
  '\x1b]', // OSC: clipboard, title, hyperlink
  '\x1bP', // DCS
  '\x1b_',
  '\x1b^',
  '\x1bX',
  '\x1bc', // RIS
  '\x1b7',
  '\x1b8',
  '\x9b',
  '\x9d',
  '\u202e',
  '\u2066',
  '\x1b[?1049h',
  '\x1b[?47h',
  '\x1b[?1000h',
  '\x1b[?1003h',
  '\x1b[?1006h',
  '\x1b[?25l',
  '\x1b[?2004h',
  '\x1b[2J',
  '\x1b[3J',
  '\x1b[2K',
  '\x1b[3A',
  '\x1b[H',
  '\x1b[8m',
  '\x07',
  '\x08',
  ...TERMINAL_REPLIES.map(([query]) => query),
];

const fixtures = new Fixtures();
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill();
  await fixtures.cleanup();
});

interface PtyRun {
  child: ChildProcessWithoutNullStreams;
  /** Everything the terminal received, as text. */
  output(): string;
  exited: Promise<number | null>;
  type(text: string): void;
  repliesSent: string[];
}

function runInPty(args: readonly string[], env: Record<string, string>): PtyRun {
  const quoted = args.map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
  const command = `stty cols 120 rows 40; exec ${TSX} ${SOURCE_CLI} ${quoted}`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    env: { ...process.env, RCON_HISTORY_FILE: '', RCON_PASSWORD: PASSWORD, TERM: 'xterm-256color', ...env },
    stdio: 'pipe',
  });
  children.push(child);
  let received = '';
  const repliesSent: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    received += text;
    for (const [query, reply] of TERMINAL_REPLIES) {
      if (text.includes(query)) {
        repliesSent.push(reply);
        child.stdin.write(reply);
      }
    }
  });
  const exited = new Promise<number | null>((resolvePromise) => child.on('close', (code) => resolvePromise(code)));
  return {
    child,
    output: () => received,
    exited,
    type: (text) => child.stdin.write(text),
    repliesSent,
  };
}

/** What the terminal got, minus the CLI's own reset at exit and the colours the sanitizer allows. */
function serverVisible(output: string): string {
  return output
    .split(TERMINAL_RESET)
    .join('')
    .replace(/\x1b\[[0-9;]*m/g, '');
}

function expectShownSafely(output: string): void {
  for (const [index, sequence] of HOSTILE_SEQUENCES.entries()) {
    expect(output, sequence.name).toContain(`end ${index}`);
    if (sequence.visible) expect(output, sequence.name).toContain(sequence.visible);
  }
  for (const bytes of FORBIDDEN) expect(output, JSON.stringify(bytes)).not.toContain(bytes);
}

describe('rcon in a pseudo-terminal against a hostile server', () => {
  it('-e: no sequence reaches the terminal, nothing is typed back, the text shows, the terminal is reset', async () => {
    const server = await fixtures.server({ personality: 'hostile' });
    const run = runInPty([`127.0.0.1:${server.port}`, '-e', 'hostile', '-e', 'hostile-push', '-e', 'echo done'], {});
    expect(await run.exited).toBe(0);
    const output = run.output();
    expectShownSafely(output);
    expect(output).toContain('[server] pushed 0 <');
    // Outside the allowed colours and the final reset, not one escape sequence came from the server.
    expect(serverVisible(output)).not.toContain('\x1b');
    expect(output.endsWith(TERMINAL_RESET)).toBe(true);
    expect(run.repliesSent).toEqual([]);
    expect(server.receivedCommands).toEqual(['hostile', 'hostile-push', 'echo done']);
  });

  it('the shell: same, with the line editor running and Enter pressed afterwards', async () => {
    const server = await fixtures.server({ personality: 'hostile' });
    const dir = mkdtempSync(join(tmpdir(), 'rcon-pty-'));
    const run = runInPty([`127.0.0.1:${server.port}`], { RCON_HISTORY_FILE: join(dir, 'history') });
    await waitUntil(() => run.output().includes('> '), 15_000);
    run.type('hostile\r');
    await waitUntil(() => run.output().includes(`end ${HOSTILE_SEQUENCES.length - 1}`), 15_000);
    run.type('hostile-push\r');
    await waitUntil(() => run.output().includes(`pushed ${HOSTILE_SEQUENCES.length - 1} <`), 15_000);
    // Whatever a terminal might have typed in reply would now be sent as a command.
    run.type('\r');
    run.type('echo done\r');
    await waitUntil(() => server.receivedCommands.includes('echo done'), 15_000);
    run.type('!exit\r');
    expect(await run.exited).toBe(0);
    const output = run.output();
    expectShownSafely(output);
    expect(run.repliesSent).toEqual([]);
    expect(server.receivedCommands).toEqual(['cvarlist', 'hostile', 'hostile-push', 'echo done']);
    expect(output.endsWith(TERMINAL_RESET)).toBe(true);
  });

  it('--raw writes the bytes untouched (which is why it is documented as unsafe), and still resets at exit', async () => {
    const server = await fixtures.server({ personality: 'hostile' });
    const run = runInPty([`127.0.0.1:${server.port}`, '--raw', '-e', 'hostile'], {});
    expect(await run.exited).toBe(0);
    const output = run.output();
    expect(output).toContain('\x1b]52;c;');
    expect(output).toContain('\x1b[?1049h');
    expect(run.repliesSent.length).toBeGreaterThan(0);
    // The pty echoes the harness's replies, so the reset need not be the very last bytes.
    expect(output.lastIndexOf(TERMINAL_RESET)).toBeGreaterThan(
      output.lastIndexOf(`end ${HOSTILE_SEQUENCES.length - 1}`),
    );
  });

  it('Ctrl-C in the middle of a command still resets the terminal, even after --raw output', async () => {
    const server = await fixtures.server({ personality: 'hostile' });
    const run = runInPty([`127.0.0.1:${server.port}`, '--raw', '-e', 'hostile', '-e', 'sleep 60000'], {});
    await waitUntil(() => server.receivedCommands.includes('sleep 60000'), 15_000);
    await waitUntil(() => run.output().includes(`end ${HOSTILE_SEQUENCES.length - 1}`), 15_000);
    run.type('\x03');
    expect(await run.exited).toBe(130);
    const output = run.output();
    expect(output.lastIndexOf(TERMINAL_RESET)).toBeGreaterThan(
      output.lastIndexOf(`end ${HOSTILE_SEQUENCES.length - 1}`),
    );
  });
});
