import { describe, expect, it } from 'vitest';
import { isMultiLine, pastedCommands } from './pasted-lines';

describe('pastedCommands', () => {
  it('splits on every kind of line end, trims, and leaves out blank lines', () => {
    expect(pastedCommands('say one\r\n\n  say two  \rstatus\n')).toEqual(['say one', 'say two', 'status']);
  });

  it('keeps a single line as one command', () => {
    expect(pastedCommands('echo hi\n')).toEqual(['echo hi']);
    expect(isMultiLine('echo hi')).toBe(false);
    expect(isMultiLine('echo hi\n')).toBe(true);
  });
});
