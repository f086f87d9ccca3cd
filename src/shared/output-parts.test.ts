import { describe, expect, it } from 'vitest';
import type { SessionEvent } from './api';
import { outputParts } from './output-parts';

const output = (text: string): SessionEvent => ({ type: 'output', sessionId: 's1', kind: 'response', text, at: 7 });

describe('outputParts (issue 15)', () => {
  it('sends a short output and a status event as they are', () => {
    const short = output('hello\n');
    expect(outputParts(short, 10)).toEqual([short]);
    const status: SessionEvent = {
      type: 'status',
      session: { sessionId: 's1', profileId: 'p', title: 't', status: 'connected' } as never,
    };
    expect(outputParts(status, 2)).toEqual([status]);
  });

  it('cuts a long output after line ends, marks all parts but the last, and joins back exactly', () => {
    const text = 'line one\nline two\nthree\nfour is longer\n';
    const parts = outputParts(output(text), 12);
    const texts = parts.map((p) => (p.type === 'output' ? p.text : ''));
    expect(texts).toEqual(['line one\n', 'line two\n', 'three\n', 'four is long', 'er\n']);
    expect(texts.join('')).toBe(text);
    expect(parts.map((p) => p.type === 'output' && p.more === true)).toEqual([true, true, true, true, false]);
    for (const part of parts) expect(part).toMatchObject({ type: 'output', sessionId: 's1', kind: 'response', at: 7 });
  });

  it('never splits a surrogate pair in a line longer than a part', () => {
    const text = 'abc😀def😀';
    const texts = outputParts(output(text), 4).map((p) => (p.type === 'output' ? p.text : ''));
    expect(texts).toEqual(['abc', '😀de', 'f😀']);
    expect(texts.join('')).toBe(text);
  });

  it('parts a 20 MiB answer into bounded messages', () => {
    const text = '0123456789abcdef0123456789abcdef0123456789abcdef012345678901234\n'.repeat(327_680);
    const parts = outputParts(output(text));
    expect(parts.length).toBe(80);
    expect(parts.every((p) => p.type === 'output' && p.text.length <= 256 * 1024)).toBe(true);
    expect(parts.map((p) => (p.type === 'output' ? p.text : '')).join('')).toBe(text);
  });

  it('rejects a silly part size', () => {
    expect(() => outputParts(output('abcdef'), 1)).toThrow(RangeError);
  });
});
