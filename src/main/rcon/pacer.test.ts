import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Pacer } from './pacer';

// The clock is faked, so these tests check the order and the window, not the machine's speed.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Pacer', () => {
  it('lets everything through at once without pacing', () => {
    const sent: number[] = [];
    const pacer = new Pacer(undefined);
    for (let i = 0; i < 100; i += 1) pacer.run(2, () => sent.push(i));
    expect(sent).toHaveLength(100);
  });

  it('keeps at most `requests` in any window, in order, and counts a command with its marker as two', () => {
    const sent: string[] = [];
    const pacer = new Pacer({ requests: 4, perMs: 1000 });
    pacer.record(1); // the login
    pacer.run(2, () => sent.push('a'));
    pacer.run(2, () => sent.push('b'));
    pacer.run(1, () => sent.push('c'));
    expect(sent).toEqual(['a']);
    vi.advanceTimersByTime(999);
    expect(sent).toEqual(['a']);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual(['a', 'b', 'c']);
  });

  it('still sends a write heavier than the whole budget, once the window is empty', () => {
    const sent: string[] = [];
    const pacer = new Pacer({ requests: 1, perMs: 500 });
    pacer.run(2, () => sent.push('heavy'));
    pacer.run(1, () => sent.push('next'));
    expect(sent).toEqual(['heavy']);
    vi.advanceTimersByTime(500);
    expect(sent).toEqual(['heavy', 'next']);
  });

  it('forgets what waits when cleared', () => {
    const sent: string[] = [];
    const pacer = new Pacer({ requests: 1, perMs: 500 });
    pacer.run(1, () => sent.push('first'));
    pacer.run(1, () => sent.push('dropped'));
    pacer.clear();
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual(['first']);
  });
});
