import { describe, expect, it } from 'vitest';
import {
  carriedSgr,
  formatDuration,
  formatEndpoint,
  formatEntry,
  formatTime,
  splitLines,
  statusLine,
  statusText,
  type OutputEntry,
} from './format';

const ESC = '\x1b';
const at = new Date(2024, 0, 2, 9, 5, 7).getTime();
const entry = (kind: OutputEntry['kind'], text: string): OutputEntry => ({ kind, text, at });
const plain = { timestamps: false };
const stamped = { timestamps: true };

describe('formatEntry', () => {
  it('echoes a command in bold cyan', () => {
    expect(formatEntry(entry('command', 'status'), plain)).toBe(`${ESC}[1;36m> status${ESC}[0m\r\n`);
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
    expect(formatEntry(entry('error', 'boom'), plain)).toBe(`${ESC}[31mboom${ESC}[0m\r\n`);
    expect(formatEntry(entry('info', 'Connected'), plain)).toBe(`${ESC}[90mConnected${ESC}[0m\r\n`);
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
    expect(formatEntry(entry('command', 'status'), stamped)).toBe(`${stamp}${ESC}[1;36m> status${ESC}[0m\r\n`);
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
