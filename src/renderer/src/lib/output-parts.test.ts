import { describe, expect, it } from 'vitest';
import { countLines, cutLongAnswer } from './long-answer';
import { OutputParts } from './output-parts';

function gather(pieces: string[]): OutputParts {
  const parts = new OutputParts('response', 1);
  for (const piece of pieces) parts.add(piece);
  return parts;
}

describe('OutputParts (issue 15)', () => {
  it('counts lines as countLines does on the whole, with or without a trailing line end', () => {
    for (const pieces of [['a\nb', '\nc\n'], ['a\nb', '\nc'], ['', 'x'], ['one\n', ''], [''], []]) {
      expect(gather(pieces).lines()).toBe(countLines(pieces.join('')));
    }
  });

  it('gives back the whole text, and an end long enough to cut the same last lines as the whole', () => {
    const pieces = ['1\n2\n3\n', '4\n5\n', '6\n7\n8\n9\n'];
    const parts = gather(pieces);
    expect(parts.text()).toBe(pieces.join(''));
    expect(parts.tail(4)).toBe('6\n7\n8\n9\n');
    expect(parts.tail(5)).toBe('4\n5\n6\n7\n8\n9\n');
    expect(cutLongAnswer(parts.tail(4), 3)!.kept).toBe(cutLongAnswer(parts.text(), 3)!.kept);
    expect(parts.tail(100)).toBe(parts.text());
  });
});
