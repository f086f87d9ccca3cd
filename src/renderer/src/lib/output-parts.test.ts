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

  it('with a bound, keeps only the last parts its end needs, and still counts every line', () => {
    const pieces = Array.from({ length: 50 }, (_, i) => `${i}a\n${i}b\n`);
    const bounded = new OutputParts('response', 1, 5);
    for (const piece of pieces) bounded.add(piece);
    expect(bounded.lines()).toBe(100);
    expect(bounded.text()).toBe(pieces.slice(-3).join(''));
    expect(cutLongAnswer(bounded.tail(5), 4)!.kept).toBe(cutLongAnswer(pieces.join(''), 4)!.kept);
  });

  it('counts lines left out on the way (SessionEvent dropped) with those received', () => {
    const parts = gather([]);
    parts.addDropped(1_000);
    parts.add('x\ny\n');
    expect(parts.lines()).toBe(1_002);
    expect(parts.text()).toBe('x\ny\n');
  });
});
