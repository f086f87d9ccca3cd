import { describe, expect, it } from 'vitest';
import { formatServerMessage } from '../../src/cli/server-message';

describe('formatServerMessage', () => {
  it('marks every line and ends with a newline', () => {
    expect(formatServerMessage('[Chat] Alex: hi')).toBe('[server] [Chat] Alex: hi\n');
    expect(formatServerMessage('one\r\ntwo\n\n')).toBe('[server] one\n[server] two\n');
  });

  it('prints nothing for an empty packet', () => {
    expect(formatServerMessage('')).toBe('');
    expect(formatServerMessage(' \n')).toBe('');
  });
});
