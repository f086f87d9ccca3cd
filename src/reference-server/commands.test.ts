import { describe, expect, it } from 'vitest';
import { deterministicBytes, parseCommandLine, runCommand, type CommandContext } from './commands';
import { CVAR_COUNT, cvarTable, findCvar } from './cvars';
import { formatEvent, maskSecrets } from './event-log';
import { fragmentAnswer, splitBytes } from './fragments';
import { formatCvarList, formatHelp } from './source-output';

const sourceContext: CommandContext = {
  personality: 'srcds',
  family: 'source',
  endpoint: '127.0.0.1:27015',
  remoteAddress: '127.0.0.1',
  sleep: () => Promise.resolve(),
  broadcast: () => undefined,
};

describe('commands', () => {
  it('deterministicBytes gives exactly n bytes of numbered 64-byte ASCII lines', () => {
    for (const n of [0, 1, 63, 64, 65, 4096, 1024 * 1024]) {
      expect(Buffer.byteLength(deterministicBytes(n), 'ascii')).toBe(n);
    }
    const text = deterministicBytes(130);
    expect(text.slice(0, 64)).toBe(`00000000 ${'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz01'}\n`);
    expect(text.slice(64, 73)).toBe('00000001 ');
    expect(deterministicBytes(1000)).toBe(deterministicBytes(1000));
  });

  it('parses the command name case-insensitively and keeps the arguments verbatim', () => {
    expect(parseCommandLine('  Echo   a  b ')).toEqual({ name: 'echo', args: 'a  b ' });
    expect(parseCommandLine('status')).toEqual({ name: 'status', args: '' });
    expect(parseCommandLine('')).toEqual({ name: '', args: '' });
  });

  it('refuses bad arguments to bytes and sleep with a usage line, and finds no inherited commands', async () => {
    expect(await runCommand('bytes lots', {}, sourceContext)).toMatch(/^Usage: bytes/);
    expect(await runCommand('bytes -1', {}, sourceContext)).toMatch(/^Usage: bytes/);
    expect(await runCommand('sleep soon', {}, sourceContext)).toMatch(/^Usage: sleep/);
    expect(await runCommand('constructor', {}, sourceContext)).toBe('Unknown command "constructor"\n');
    expect(await runCommand('list', {}, sourceContext)).toBe('Unknown command "list"\n');
    expect(await runCommand('help nosuch', {}, sourceContext)).toBe('help:  no cvar or command named nosuch\n');
  });
});

describe('cvars', () => {
  it('are deterministic, unique, sorted, and long enough for many packets', () => {
    const table = cvarTable();
    const names = table.map((entry) => entry.name);
    expect(names).toHaveLength(CVAR_COUNT);
    expect(new Set(names).size).toBe(CVAR_COUNT);
    expect([...names].sort()).toEqual(names);
    expect(Buffer.byteLength(formatCvarList(table))).toBeGreaterThan(5 * 4096);
  });

  it('formats help for commands without a value', () => {
    const status = findCvar('STATUS');
    expect(status && formatHelp(status)).toBe('"status"\n - Display map and connection status.\n');
  });
});

describe('fragments', () => {
  it('splits bytes, keeping one empty body for an empty answer', () => {
    expect(splitBytes(Buffer.alloc(0), 4)).toEqual([Buffer.alloc(0)]);
    expect(splitBytes(Buffer.from('abcdefghij'), 4).map(String)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('in UTF-16 units never splits a surrogate pair', () => {
    const bodies = fragmentAnswer('ab\u{1F600}cd', 3, 'utf16', 'utf8').map(String);
    expect(bodies).toEqual(['ab', '\u{1F600}c', 'd']);
  });
});

describe('event log', () => {
  it('masks secrets typed as commands', () => {
    expect(maskSecrets('rcon_password hunter2')).toBe('rcon_password ********');
    expect(maskSecrets('sv_password "a b"')).toBe('sv_password ********');
    // The shared filter (src/shared/sensitive-commands.ts) finds a secret-setting name anywhere.
    expect(maskSecrets('echo rcon_password x')).toBe('echo rcon_password ********');
    expect(maskSecrets('echo hello')).toBe('echo hello');
    expect(formatEvent({ kind: 'command', address: '1.2.3.4', command: 'RCON_PASSWORD x' })).toBe(
      '1.2.3.4 command: RCON_PASSWORD ********',
    );
  });
});
