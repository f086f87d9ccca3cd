import { describe, expect, it } from 'vitest';
import { countLines } from '../renderer/src/lib/long-answer';
import { hasMoreLinesThan } from './console-limits';

describe('hasMoreLinesThan', () => {
  it('says what countLines says, trailing line end or not, without counting past the bound', () => {
    for (const text of ['', 'a', 'a\n', 'a\nb', 'a\nb\n', '\n', '\n\n', 'a\n\nb', 'x\n'.repeat(50)]) {
      for (const max of [0, 1, 2, 3, 49, 50, 51]) {
        expect(hasMoreLinesThan(text, max), `${JSON.stringify(text)} > ${max}`).toBe(countLines(text) > max);
      }
    }
  });
});
