import { describe, expect, it } from 'vitest';
import { EntryBacklog } from './entry-backlog';

/** An output entry of the console's shape (renderer/src/lib/format.ts). */
interface OutputEntry {
  kind: 'server';
  text: string;
  at: number;
}

const server = (text: string, at = 1): OutputEntry => ({ kind: 'server', text, at });
const numbered = (from: number, count: number): string =>
  Array.from({ length: count }, (_, i) => `L${from + i}`).join('\n');

function drain(backlog: EntryBacklog<OutputEntry>, maxChars = 1_000_000): string[] {
  const out: string[] = [];
  for (let next = backlog.take(maxChars); next; next = backlog.take(maxChars)) out.push(next.text);
  return out;
}

describe('EntryBacklog', () => {
  it('gives entries back in order, as they came, when under its bounds', () => {
    const backlog = new EntryBacklog<OutputEntry>(100, 10_000);
    backlog.push(server('one'));
    backlog.push(server('two\nthree', 2));
    expect(backlog.lines).toBe(3);
    expect(backlog.take(100)).toEqual(server('one'));
    expect(backlog.take(100)).toEqual(server('two\nthree', 2));
    expect(backlog.take(100)).toBeUndefined();
    expect(backlog.empty).toBe(true);
    expect(backlog.takeDropped()).toEqual({ chars: 0, newlines: 0 });
  });

  it('hands out a long entry in slices cut after line ends, which joined give it back', () => {
    const backlog = new EntryBacklog<OutputEntry>(10_000, 1_000_000);
    const text = numbered(0, 1000);
    backlog.push(server(text));
    const slices = drain(backlog, 100);
    expect(slices.length).toBeGreaterThan(10);
    expect(slices.every((slice) => slice.length <= 100)).toBe(true);
    expect(slices.slice(0, -1).every((slice) => slice.endsWith('\n'))).toBe(true);
    expect(slices.join('')).toBe(text);
  });

  it('keeps only the newest lines of a flood, and says how much it dropped', () => {
    const backlog = new EntryBacklog<OutputEntry>(50, 1_000_000);
    for (let i = 0; i < 100; i += 1) backlog.push(server(numbered(i * 10, 10)));
    expect(backlog.lines).toBeLessThanOrEqual(100);
    const kept = drain(backlog).join('\n').split('\n');
    // The tail, in order, nothing repeated, ending with the last line sent.
    expect(kept.at(-1)).toBe('L999');
    const first = Number(kept[0]!.slice(1));
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => `L${first + i}`));
    expect(kept.length).toBeGreaterThanOrEqual(50);
    // What was dropped: the entries before the first kept line whole, and the start of the one it is in.
    const [wholeEntries, linesCut] = [Math.floor(first / 10), first % 10];
    const droppedText =
      Array.from({ length: wholeEntries }, (_, i) => numbered(i * 10, 10)).join('') +
      (linesCut > 0 ? `${numbered(wholeEntries * 10, linesCut)}\n` : '');
    expect(backlog.takeDropped()).toEqual({
      chars: droppedText.length,
      newlines: droppedText.split('\n').length - 1,
    });
    expect(backlog.takeDropped()).toEqual({ chars: 0, newlines: 0 });
  });

  it('cuts one entry longer than the bounds to its last lines', () => {
    const backlog = new EntryBacklog<OutputEntry>(20, 1_000_000);
    backlog.push(server(numbered(0, 100)));
    const kept = drain(backlog).join('');
    expect(kept).toBe(numbered(80, 20));
  });

  it('bounds characters too, cutting at a line start', () => {
    const backlog = new EntryBacklog<OutputEntry>(1_000_000, 1000);
    for (let i = 0; i < 50; i += 1) backlog.push(server(`${'x'.repeat(99)}\n`.repeat(5)));
    expect(backlog.chars).toBeLessThanOrEqual(2000);
    const kept = drain(backlog);
    expect(kept.join('').length).toBeGreaterThanOrEqual(1000);
    expect(
      kept
        .join('')
        .split('\n')
        .slice(0, -1)
        .every((line) => line === 'x'.repeat(99)),
    ).toBe(true);
  });

  it('forgets everything on clear()', () => {
    const backlog = new EntryBacklog<OutputEntry>(5, 1000);
    for (let i = 0; i < 20; i += 1) backlog.push(server(numbered(i, 2)));
    backlog.clear();
    expect(backlog.empty).toBe(true);
    expect(backlog.takeDropped()).toEqual({ chars: 0, newlines: 0 });
    expect(backlog.take(10)).toBeUndefined();
  });

  it('trims to tighter bounds on demand, counting what it drops', () => {
    const backlog = new EntryBacklog<OutputEntry>(10_000, 1_000_000);
    for (let i = 0; i < 10; i += 1) backlog.push(server(numbered(i * 10, 10)));
    backlog.trim(25, 1_000_000);
    expect(drain(backlog).join('\n')).toBe(numbered(75, 25));
    const dropped = backlog.takeDropped();
    expect(dropped.newlines).toBe(75 - 7); // seven whole entries of 9 line ends, and 5 cut from the eighth
    // At least the bound is kept: whole entries go while the rest still reaches it.
    for (const letter of 'xyz') backlog.push(server(letter.repeat(100)));
    backlog.trim(10, 150);
    expect(drain(backlog)).toEqual(['y'.repeat(100), 'z'.repeat(100)]);
    expect(backlog.takeDropped().chars).toBe(100);
  });

  it('counts nothing once drained, so its bounds hold as well after many floods as before the first', () => {
    const backlog = new EntryBacklog<OutputEntry>(50, 1_000_000);
    for (let round = 0; round < 20; round += 1) {
      backlog.push(server(numbered(round * 10, 10)));
      drain(backlog);
      expect([backlog.lines, backlog.chars]).toEqual([0, 0]);
    }
    for (let i = 0; i < 100; i += 1) backlog.push(server(numbered(i * 10, 10)));
    expect(backlog.lines).toBeLessThanOrEqual(100);
    backlog.trim(20, 1_000_000);
    expect(backlog.lines).toBe(20);
  });
});
