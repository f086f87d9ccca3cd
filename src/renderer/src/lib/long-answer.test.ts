import { describe, expect, it } from 'vitest';
import { countLines, cutLongAnswer, cutMarker } from './long-answer';

describe('long answers', () => {
  it('counts lines as the console draws them', () => {
    expect(countLines('')).toBe(0);
    expect(countLines('a')).toBe(1);
    expect(countLines('a\n')).toBe(1);
    expect(countLines('a\nb\n')).toBe(2);
    expect(countLines('a\n\nb')).toBe(3);
  });

  it('keeps the last lines of an answer that does not fit, and says how many are left out', () => {
    const text = Array.from({ length: 10 }, (_, i) => `line ${i}`).join('\n') + '\n';
    expect(cutLongAnswer(text, 10)).toBeUndefined();
    expect(cutLongAnswer(text, 3)).toEqual({ kept: 'line 7\nline 8\nline 9\n', total: 10, hidden: 7 });
    expect(cutLongAnswer('a\nb\nc', 2)).toEqual({ kept: 'b\nc', total: 3, hidden: 1 });
    expect(cutMarker({ total: 78_125, hidden: 68_325 })).toMatch(
      /^\[first 68,325 lines not shown: the answer has 78,125/,
    );
  });
});
