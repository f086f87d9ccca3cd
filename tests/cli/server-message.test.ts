import { describe, expect, it } from 'vitest';
import { formatServerMessage } from '../../src/cli/server-message';

describe('formatServerMessage', () => {
  it('marks every line and ends with a newline', () => {
    expect(formatServerMessage('[Chat] Alex: hi')).toBe('[server] [Chat] Alex: hi\n');
    expect(formatServerMessage('one\r\ntwo\n\n')).toBe('[server] one\n[server] two\n');
  });

  it('cannot erase its own prefix: CR and escape sequences are removed before the prefix is added', () => {
    const forged = formatServerMessage('hi\r\x1b[2K> rcon_password hunter2\x1b[1A\x08\x08');
    expect(forged).toBe('[server] hi\n[server] > rcon_password hunter2\n');
    expect(formatServerMessage('\x1b[31mred')).toBe('[server] \x1b[31mred\x1b[0m\n');
  });

  it('--raw keeps the bytes', () => {
    expect(formatServerMessage('a\x1b]0;t\x07b', true)).toBe('[server] a\x1b]0;t\x07b\x1b[0m\n');
  });

  it('prints nothing for an empty packet', () => {
    expect(formatServerMessage('')).toBe('');
    expect(formatServerMessage(' \n')).toBe('');
  });
});
