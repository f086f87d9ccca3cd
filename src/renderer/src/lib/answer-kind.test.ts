import { describe, expect, it } from 'vitest';
import { isEmptyAnswer, isErrorAnswer } from './answer-kind';

describe('answer kinds', () => {
  it('knows the common "did not do it" answers of Source and Minecraft servers', () => {
    expect(isErrorAnswer('Unknown command "nosuch"\n')).toBe(true);
    expect(isErrorAnswer('Unknown or incomplete command, see below for error')).toBe(true);
    expect(isErrorAnswer('Incorrect argument for command')).toBe(true);
    expect(isErrorAnswer('hostname: Unknown command server')).toBe(false);
    expect(isErrorAnswer('Console: hello')).toBe(false);
  });

  it('takes an answer of only white space as empty', () => {
    expect(isEmptyAnswer('')).toBe(true);
    expect(isEmptyAnswer(' \n')).toBe(true);
    expect(isEmptyAnswer('0')).toBe(false);
  });
});
