/* eslint-disable no-control-regex -- terminal bytes are what these tests look at */
import { describe, expect, it } from 'vitest';
import {
  carriedSgr,
  formatDuration,
  formatEndpoint,
  formatEntry,
  formatTime,
  GUTTER_OSC,
  cutLongLines,
  MAX_LINE_CHARS,
  splitLines,
  statusLine,
  statusText,
  type OutputEntry,
} from './format';

const ESC = '\x1b';
const at = new Date(2024, 0, 2, 9, 5, 7).getTime();
const entry = (kind: OutputEntry['kind'], text: string): OutputEntry => ({ kind, text, at });
const plain = { timestamps: false };
/** The private OSC the console turns into a gutter mark. */
const gutter = (kind: string): string => `${ESC}]${GUTTER_OSC};${kind}\x07`;
const stamped = { timestamps: true };

describe('formatEntry with hostile server text', () => {
  it('sanitizes responses and server messages: no escape but colour reaches xterm', () => {
    const hostile = `a${ESC}]52;c;Y3VybA==\x07${ESC}[2J${ESC}[?1049h${ESC}[8mhidden${ESC}[0m\u202Eexe.txt\u009b2Jb`;
    for (const kind of ['response', 'server', 'error'] as const) {
      const out = formatEntry(entry(kind, hostile), plain).replace(/\x1b\[[0-9;]*m/g, '');
      expect(out.replace(`${ESC}]${GUTTER_OSC};error\x07`, '')).not.toMatch(/[\x1b\x9b\u202e]/);
      expect(out).toContain('ahidden<U+202E>exe.txtb');
    }
  });

  it('never lets server text produce the gutter mark of the app lines', () => {
    const forged = `${ESC}]${GUTTER_OSC};command\x07 > rcon_password x`;
    expect(formatEntry(entry('response', forged), plain)).not.toContain(`]${GUTTER_OSC};`);
    expect(formatEntry(entry('server', forged), plain)).not.toContain(`]${GUTTER_OSC};`);
  });

  it('cuts very long lines with a visible marker, never inside an SGR sequence', () => {
    const long = 'x'.repeat(MAX_LINE_CHARS + 500);
    expect(cutLongLines(`short\n${long}\nend`)).toBe(
      `short\n${'x'.repeat(MAX_LINE_CHARS)}${ESC}[0m … [line cut: 500 more characters]\nend`,
    );
    const styled = `${'y'.repeat(98)}${ESC}[31mred`;
    expect(cutLongLines(styled, 100)).toBe(
      `${'y'.repeat(98)}${ESC}[0m … [line cut: ${styled.length - 98} more characters]`,
    );
  });
});

describe('formatEntry', () => {
  it('echoes a command in bold cyan', () => {
    expect(formatEntry(entry('command', 'status'), plain)).toBe(
      `${gutter('command')}${ESC}[1;36m> status${ESC}[0m\r\n`,
    );
  });

  it('writes a response plainly, one \\r\\n per line, dropping one trailing newline', () => {
    expect(formatEntry(entry('response', 'a\nb\r\nc\n'), plain)).toBe('a\r\nb\r\nc\r\n');
    expect(formatEntry(entry('response', 'hello'), plain)).toBe('hello\r\n');
    expect(formatEntry(entry('response', 'x\n\n'), plain)).toBe('x\r\n\r\n');
  });

  it('writes nothing for an empty response', () => {
    expect(formatEntry(entry('response', ''), plain)).toBe('');
  });

  it('marks server messages dim yellow with a [server] prefix on every line', () => {
    expect(formatEntry(entry('server', 'Player joined\nHello'), plain)).toBe(
      `${ESC}[2;33m[server] Player joined${ESC}[0m\r\n${ESC}[2;33m[server] Hello${ESC}[0m\r\n`,
    );
  });

  it('colours errors red and info grey', () => {
    expect(formatEntry(entry('error', 'boom'), plain)).toBe(`${gutter('error')}${ESC}[31mboom${ESC}[0m\r\n`);
    expect(formatEntry(entry('info', 'Connected'), plain)).toBe(`${gutter('info')}${ESC}[90mConnected${ESC}[0m\r\n`);
  });

  it('converts Minecraft codes in responses', () => {
    expect(formatEntry(entry('response', '§cred'), plain)).toBe(`${ESC}[0;91mred${ESC}[0m\r\n`);
  });

  it('does not convert § in an echoed command', () => {
    expect(formatEntry(entry('command', 'say §cred'), plain)).toContain('say §cred');
  });

  it('prefixes every line with [HH:MM:SS] when timestamps are on', () => {
    const stamp = `${ESC}[90m[09:05:07]${ESC}[0m `;
    expect(formatEntry(entry('response', 'a\nb'), stamped)).toBe(`${stamp}a\r\n${stamp}b\r\n`);
    expect(formatEntry(entry('command', 'status'), stamped)).toBe(
      `${gutter('command')}${stamp}${ESC}[1;36m> status${ESC}[0m\r\n`,
    );
  });

  it('restores a style spanning lines after the timestamp, and never leaks it', () => {
    const stamp = `${ESC}[90m[09:05:07]${ESC}[0m `;
    const out = formatEntry(entry('response', `${ESC}[32mgreen\nstill green${ESC}[0m\nplain`), stamped);
    expect(out).toBe(`${stamp}${ESC}[32mgreen${ESC}[0m\r\n${stamp}${ESC}[32mstill green${ESC}[0m\r\n${stamp}plain\r\n`);
    // Without timestamps a style left open at the end is still closed.
    expect(formatEntry(entry('response', `${ESC}[31mred`), plain)).toBe(`${ESC}[31mred${ESC}[0m\r\n`);
  });
});

describe('helpers', () => {
  it('formatTime pads', () => {
    expect(formatTime(at)).toBe('09:05:07');
  });

  it('splitLines', () => {
    expect(splitLines('a\r\nb\n')).toEqual(['a', 'b']);
    expect(splitLines('')).toEqual(['']);
  });

  it('carriedSgr follows sets and resets', () => {
    expect(carriedSgr('', `${ESC}[1mx${ESC}[33my`)).toBe(`${ESC}[1m${ESC}[33m`);
    expect(carriedSgr(`${ESC}[1m`, `${ESC}[0mx`)).toBe('');
    expect(carriedSgr('', `${ESC}[0;91mx`)).toBe(`${ESC}[91m`);
    expect(carriedSgr('', `${ESC}[mx`)).toBe('');
  });

  it('formatDuration, formatEndpoint', () => {
    expect(formatDuration(1)).toBe('1 s');
    expect(formatDuration(4000)).toBe('4 s');
    expect(formatDuration(60_000)).toBe('1 min');
    expect(formatDuration(65_000)).toBe('1 min 5 s');
    expect(formatEndpoint('example.com', 25575)).toBe('example.com:25575');
    expect(formatEndpoint('::1', 27015)).toBe('[::1]:27015');
  });

  it('statusText shows a countdown while reconnecting', () => {
    expect(statusText('reconnecting', 10_000, 6_500)).toBe('Reconnecting in 4 s');
    expect(statusText('reconnecting', 10_000, 11_000)).toBe('Reconnecting…');
    expect(statusText('reconnecting', undefined, 0)).toBe('Reconnecting…');
    expect(statusText('reconnecting', 16_000, 8_000, 3)).toBe('Reconnecting in 8 s (attempt 3)');
    expect(statusText('connecting', undefined, 0, 3)).toBe('Connecting… (attempt 3)');
    expect(statusText('connecting', undefined, 0)).toBe('Connecting…');
    expect(statusText('connected', undefined, 0)).toBe('Connected');
    expect(statusText('error', undefined, 0)).toBe('Error');
  });
});

describe('statusLine', () => {
  it('describes each status in words', () => {
    expect(statusLine({ status: 'connecting' })).toEqual({ kind: 'info', text: 'Connecting…' });
    expect(statusLine({ status: 'authenticating' })).toBeUndefined();
    expect(statusLine({ status: 'connected', dialect: 'minecraft' })).toEqual({
      kind: 'info',
      text: 'Connected (Minecraft RCON).',
    });
    expect(statusLine({ status: 'connected' })?.text).toBe('Connected.');
    expect(statusLine({ status: 'disconnected', reason: 'Closed.' })?.text).toBe('Closed.');
    expect(statusLine({ status: 'error', reason: 'Wrong password.' })).toEqual({
      kind: 'error',
      text: 'Wrong password.',
    });
    expect(statusLine({ status: 'error' })?.kind).toBe('error');
    expect(statusLine({ status: 'reconnecting' })?.text).toMatch(/Reconnecting/);
  });
});
