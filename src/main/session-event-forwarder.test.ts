import { afterEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../shared/api';
import { OUTPUT_PART_CHARS } from '../shared/output-parts';
import { SessionEventForwarder } from './session-event-forwarder';

const server = (text: string, sessionId = 's1', at = 1): SessionEvent => ({
  type: 'output',
  sessionId,
  kind: 'server',
  text,
  at,
});

function setup(delayMs = 1_000, maxChars = 1_000) {
  const sent: SessionEvent[] = [];
  const forwarder = new SessionEventForwarder((event) => sent.push(event), delayMs, maxChars);
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
    const { forwarder, sent } = setup();
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
});
