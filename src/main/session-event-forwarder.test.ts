import { afterEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../shared/api';
import { OVERTAKEN_KEEP_LINES } from '../shared/console-limits';
import { OUTPUT_PART_CHARS } from '../shared/output-parts';
import { SessionEventForwarder, type ForwarderOptions } from './session-event-forwarder';

const server = (text: string, sessionId = 's1', at = 1): SessionEvent => ({
  type: 'output',
  sessionId,
  kind: 'server',
  text,
  at,
});

function setup(delayMs = 1_000, maxChars = 1_000, options: ForwarderOptions = {}) {
  const sent: SessionEvent[] = [];
  const forwarder = new SessionEventForwarder((event) => sent.push(event), { delayMs, maxChars, ...options });
  forwarders.push(forwarder);
  return { forwarder, sent, texts: () => sent.map((e) => (e.type === 'output' ? e.text : e.type)) };
}

const forwarders: SessionEventForwarder[] = [];
afterEach(() => {
  for (const forwarder of forwarders.splice(0)) forwarder.dispose();
});

describe('SessionEventForwarder', () => {
  it('joins server messages that come together into one event, each on lines of its own', () => {
    const { forwarder, sent, texts } = setup();
    forwarder.forward(server('one\n', 's1', 5));
    forwarder.forward(server('two'));
    forwarder.forward(server('three\n'));
    expect(sent).toEqual([]);
    forwarder.flush();
    expect(texts()).toEqual(['one\ntwo\nthree\n']);
    expect(sent[0]).toMatchObject({ kind: 'server', sessionId: 's1', at: 5 });
  });

  it('sends them after the delay without being asked', async () => {
    const { forwarder, texts } = setup(5);
    forwarder.forward(server('tick'));
    expect(texts()).toEqual([]);
    // Waits for the send itself (the test's own time limit bounds it), not for a guessed time.
    await new Promise<void>((resolve) => {
      const check = (): void => void (texts().length > 0 ? resolve() : setTimeout(check, 1));
      check();
    });
    expect(texts()).toEqual(['tick']);
  });

  it('flushes them before any other event, so the order stays the server’s', () => {
    const { forwarder, sent, texts } = setup();
    forwarder.forward(server('chat 1'));
    forwarder.forward({ type: 'output', sessionId: 's1', kind: 'command', text: 'kick bob', at: 2 });
    forwarder.forward(server('chat 2'));
    forwarder.forward(server('chat 3', 's2'));
    forwarder.forward({ type: 'output', sessionId: 's1', kind: 'response', text: 'Kicked bob', at: 3 });
    expect(texts()).toEqual(['chat 1', 'kick bob', 'chat 2', 'chat 3', 'Kicked bob']);
    expect(sent.map((e) => e.type === 'output' && e.sessionId)).toEqual(['s1', 's1', 's1', 's2', 's1']);
  });

  it('sends at once once the joined text reaches its bound, losing nothing', () => {
    const { forwarder, texts } = setup(1_000, 100);
    for (let i = 0; i < 25; i += 1) forwarder.forward(server(`line ${String(i).padStart(3, '0')}\n`));
    forwarder.flush();
    expect(texts().length).toBeGreaterThan(1);
    expect(texts().join('')).toBe(
      Array.from({ length: 25 }, (_, i) => `line ${String(i).padStart(3, '0')}\n`).join(''),
    );
  });

  it('passes a long output on in parts, and streamed answer parts as they are', () => {
    const { forwarder, sent } = setup(1_000, 1_000, { windowChars: 4 * OUTPUT_PART_CHARS });
    const long = 'x'.repeat(OUTPUT_PART_CHARS * 2 + 10);
    forwarder.forward({ type: 'output', sessionId: 's1', kind: 'response', text: long, at: 1 });
    expect(sent).toHaveLength(3);
    expect(sent.map((e) => e.type === 'output' && e.more)).toEqual([true, true, undefined]);
    const part: SessionEvent = {
      type: 'output',
      sessionId: 's1',
      kind: 'response',
      text: 'a\n',
      at: 1,
      more: true,
      stream: 'x',
    };
    forwarder.forward(part);
    expect(sent.at(-1)).toEqual(part);
  });

  describe('flow control', () => {
    const numbered = (from: number, count: number): string =>
      Array.from({ length: count }, (_, i) => `line ${from + i}\n`).join('');

    it('holds server messages while the window has not taken what was sent, and sends them on its receipts', () => {
      const { forwarder, texts } = setup(1_000, 100, { windowChars: 50 });
      expect(forwarder.received({ page: 'p1', chars: 0 })).toEqual({ ok: true, value: undefined });
      forwarder.forward(server('a'.repeat(60)));
      forwarder.flush();
      expect(texts()).toEqual(['a'.repeat(60)]);
      forwarder.forward(server('b'));
      forwarder.forward(server('c'));
      forwarder.flush();
      expect(texts()).toHaveLength(1);
      expect(forwarder.idle).toBe(false);
      forwarder.received({ page: 'p1', chars: 60 });
      expect(texts()).toEqual(['a'.repeat(60), 'b\nc']);
      expect(forwarder.idle).toBe(true);
    });

    it('lets the admin’s command, its answer and status lines overtake held server output', () => {
      const { forwarder, texts } = setup(1_000, 100, { windowChars: 10 });
      forwarder.forward(server('flood 1 flood 1'));
      forwarder.flush();
      forwarder.forward(server('flood 2'));
      forwarder.forward({ type: 'output', sessionId: 's1', kind: 'command', text: 'kick bob', at: 2 });
      forwarder.forward({ type: 'output', sessionId: 's1', kind: 'response', text: 'Kicked bob', at: 3 });
      expect(texts()).toEqual(['flood 1 flood 1', 'kick bob', 'Kicked bob']);
      forwarder.received({ page: 'p1', chars: 100 });
      expect(texts()).toEqual(['flood 1 flood 1', 'kick bob', 'Kicked bob', 'flood 2']);
    });

    it('lets only the newest part of a held flood follow an answer that overtakes it', () => {
      const { forwarder, sent } = setup(1_000, 100_000, { windowChars: 1 });
      forwarder.forward(server('first\n'));
      forwarder.flush();
      const total = 2 * OVERTAKEN_KEEP_LINES;
      for (let i = 0; i < total; i += 10) forwarder.forward(server(numbered(i, 10)));
      forwarder.forward({ type: 'output', sessionId: 's1', kind: 'response', text: 'Kicked bob', at: 3 });
      // Another session's flood is not this answer's to cut.
      forwarder.forward(server(numbered(0, total), 's2'));
      while (!forwarder.idle) forwarder.received({ page: 'p1', chars: 1_000_000 });
      const after = sent.slice(2).filter((e) => e.type === 'output' && e.sessionId === 's1');
      expect(sent[1]).toMatchObject({ kind: 'response', text: 'Kicked bob' });
      const lines = after
        .map((e) => (e.type === 'output' ? e.text : ''))
        .join('')
        .split('\n')
        .filter(Boolean);
      // About OVERTAKEN_KEEP_LINES (each message's own line end counts as a line of its own), the newest.
      expect(lines.length).toBeLessThanOrEqual(OVERTAKEN_KEEP_LINES);
      expect(lines.length).toBeGreaterThan(OVERTAKEN_KEEP_LINES * 0.8);
      expect(lines.at(-1)).toBe(`line ${total - 1}`);
      expect(lines[0]).toBe(`line ${total - lines.length}`);
      expect(after[0]).toMatchObject({ dropped: { lines: total - lines.length } });
      const s2 = sent.filter((e) => e.type === 'output' && e.sessionId === 's2');
      expect(s2.map((e) => (e.type === 'output' ? e.text : '')).join('')).toBe(numbered(0, total));
    });

    it('keeps the newest lines of a held flood, like the scrollback, and says how much it left out', () => {
      const { forwarder, sent, texts } = setup(1_000, 100_000, { windowChars: 1, heldLines: 100 });
      forwarder.forward(server('first\n'));
      forwarder.flush();
      for (let i = 0; i < 1_000; i += 10) forwarder.forward(server(numbered(i, 10)));
      forwarder.received({ page: 'p1', chars: 6 });
      const held = sent.at(-1)!;
      expect(held).toMatchObject({ type: 'output', kind: 'server' });
      const lines = texts().at(-1)!.split('\n').filter(Boolean);
      expect(lines.length).toBeLessThanOrEqual(100);
      expect(lines.at(-1)).toBe('line 999');
      expect(lines[0]).toBe(`line ${1_000 - lines.length}`);
      const leftOut = numbered(0, 1_000 - lines.length);
      expect(held.type === 'output' && held.dropped).toEqual({ chars: leftOut.length, lines: 1_000 - lines.length });
    });

    it('starts the count again for a new page load, whose receipts cannot cover what the old page never took', () => {
      const { forwarder, texts } = setup(1_000, 100, { windowChars: 10 });
      forwarder.received({ page: 'old', chars: 0 });
      forwarder.forward(server('x'.repeat(20)));
      forwarder.flush();
      forwarder.forward(server('after reload'));
      forwarder.flush();
      expect(texts()).toHaveLength(1);
      forwarder.received({ page: 'new', chars: 0 });
      expect(texts()).toEqual(['x'.repeat(20), 'after reload']);
    });

    it('refuses a malformed receipt with a validation error and keeps the count', () => {
      const { forwarder, texts } = setup(1_000, 100, { windowChars: 10 });
      forwarder.forward(server('x'.repeat(20)));
      forwarder.flush();
      forwarder.forward(server('held'));
      for (const bad of [
        undefined,
        null,
        42,
        {},
        { page: 'p', chars: -1 },
        { page: 'p', chars: 1.5 },
        { page: '', chars: 5 },
        { page: 'p'.repeat(65), chars: 5 },
        { page: 'p', chars: '20' },
      ]) {
        expect(forwarder.received(bad)).toMatchObject({ ok: false, error: { kind: 'validation' } });
      }
      forwarder.flush();
      expect(texts()).toHaveLength(1);
    });

    const part = (text: string, more = true, stream = 'a1'): SessionEvent => ({
      type: 'output',
      sessionId: 's1',
      kind: 'response',
      text,
      at: 7,
      stream,
      ...(more ? { more: true } : {}),
    });

    it('holds the parts of a streamed answer while the window is behind, and sends the rest before its last part', () => {
      const { forwarder, sent, texts } = setup(1_000, 100, { windowChars: 8 });
      forwarder.forward(part('one\n'));
      forwarder.forward(part('two\n'));
      forwarder.forward(part('three\n'));
      expect(texts()).toEqual(['one\n', 'two\n']);
      forwarder.forward(server('chat'));
      forwarder.forward(part('four', false));
      expect(texts()).toEqual(['one\n', 'two\n', 'three\n', 'four']);
      expect(sent.map((e) => e.type === 'output' && e.more)).toEqual([true, true, true, undefined]);
      expect(forwarder.idle).toBe(false); // the chat line still waits for room
    });

    it('sends only the end of a streamed answer the window is far behind on, with the count of what it left out', () => {
      const { forwarder, sent } = setup(1_000, 100, { windowChars: 1, heldLines: 300 });
      forwarder.forward(part(numbered(0, 100)));
      for (let i = 100; i < 2_000; i += 100) forwarder.forward(part(numbered(i, 100)));
      forwarder.forward(part('', false));
      const [first, ...rest] = sent.map((e) => (e.type === 'output' ? e : undefined)!);
      expect(first!.text).toBe(numbered(0, 100));
      const tail = rest.map((e) => e.text).join('');
      const tailLines = tail.split('\n').filter(Boolean);
      expect(tailLines.at(-1)).toBe('line 1999');
      expect(tailLines.length).toBeGreaterThanOrEqual(200);
      const dropped = rest[0]!.dropped!;
      const leftOut = tailLines.length === 0 ? 0 : Number(tailLines[0]!.slice(5)) - 100;
      expect(dropped).toEqual({ chars: numbered(100, leftOut).length, lines: leftOut });
      expect(rest.slice(1).every((e) => e.dropped === undefined)).toBe(true);
      expect(rest.every((e) => e.stream === 'a1')).toBe(true);
      expect(forwarder.idle).toBe(true);
    });
  });
});
