import { describe, expect, it } from 'vitest';
import { ResponseRouter } from './response-router';
import { RconMessage } from './packet';

const text = (id: number, body: string) => RconMessage.fromText(id, 0, body);
const SOURCE_TRAILER = Buffer.from([0, 1, 0, 0]);

describe('ResponseRouter', () => {
  it('assembles a multi-packet answer ended by a Source mirror and drops the trailer', () => {
    const router = new ResponseRouter(1024);
    router.open(1, 2);
    expect(router.route(text(1, 'ab')).kind).toBe('part');
    expect(router.route(text(1, 'cd')).kind).toBe('part');
    const done = router.route(text(2, ''));
    expect(done.kind).toBe('complete');
    if (done.kind === 'complete') {
      expect(done.response.body.toString()).toBe('abcd');
      expect(done.response.packets).toBe(2);
    }
    expect(router.route(new RconMessage(2, 0, SOURCE_TRAILER)).kind).toBe('swallowed');
    expect(router.inFlight).toBe(0);
  });

  it('ends an answer on a Minecraft "Unknown request" reply without waiting for a trailer', () => {
    const router = new ResponseRouter(1024);
    router.open(10, 11);
    router.route(text(10, 'There are 0 players'));
    const done = router.route(text(11, 'Unknown request 0'));
    expect(done.kind === 'complete' && done.response.body.toString()).toBe('There are 0 players');
    // A later packet with that id is not a trailer: it is somebody else's.
    expect(router.route(text(11, 'late')).kind).toBe('unsolicited');
  });

  it('keeps interleaved pipelined answers apart', () => {
    const router = new ResponseRouter(1024);
    router.open(1, 2);
    router.open(3, 4);
    router.route(text(3, 'three'));
    router.route(text(1, 'one'));
    const second = router.route(text(4, ''));
    const first = router.route(text(2, ''));
    expect(second.kind === 'complete' && [second.commandId, second.response.body.toString()]).toEqual([3, 'three']);
    expect(first.kind === 'complete' && [first.commandId, first.response.body.toString()]).toEqual([1, 'one']);
  });

  it('routes what arrives for an expired (timed-out) command as late, and drops its sentinel and trailer', () => {
    const router = new ResponseRouter(1024);
    router.open(7, 8);
    router.expire(7);
    expect(router.inFlight).toBe(0);
    expect(router.remembers(7)).toBe(true);
    const late = router.route(text(7, 'Slept 7000 ms'));
    expect(late.kind === 'late' && late.commandId === 7 && late.body.toString()).toBe('Slept 7000 ms');
    expect(router.route(text(8, '')).kind).toBe('swallowed');
    expect(router.route(new RconMessage(8, 0, SOURCE_TRAILER)).kind).toBe('swallowed');
  });

  it('hands back packets nobody asked for and drops those of abandoned commands', () => {
    const router = new ResponseRouter(1024);
    router.open(5, 6);
    const chat = router.route(text(0, '[Chat] hi'));
    expect(chat.kind === 'unsolicited' && chat.message.body.toString()).toBe('[Chat] hi');
    router.abandon(5);
    expect(router.route(text(5, 'late answer')).kind).toBe('swallowed');
    expect(router.route(text(6, '')).kind).toBe('swallowed');
  });

  it('stops an answer over the size limit and drops the rest of it', () => {
    const router = new ResponseRouter(10);
    router.open(1, 2);
    expect(router.route(text(1, '123456')).kind).toBe('part');
    const over = router.route(text(1, '7890ab'));
    expect(over).toEqual({ kind: 'too-large', commandId: 1, bytes: 12, limit: 'answer' });
    expect(router.route(text(1, 'more')).kind).toBe('swallowed');
    expect(router.route(text(2, '')).kind).toBe('swallowed');
  });

  it('caps the bytes buffered over every command in flight, failing the one that would pass it', () => {
    const router = new ResponseRouter(100, 10);
    router.open(1, 2);
    router.open(3, 4);
    expect(router.route(text(1, '123456')).kind).toBe('part');
    expect(router.route(text(3, '7890')).kind).toBe('part');
    expect(router.buffered).toBe(10);
    expect(router.route(text(3, 'x'))).toEqual({ kind: 'too-large', commandId: 3, bytes: 5, limit: 'connection' });
    // The failed command's bytes are released; the other one goes on.
    expect(router.buffered).toBe(6);
    expect(router.route(text(1, 'abcd')).kind).toBe('part');
    const done = router.route(text(2, ''));
    expect(done.kind === 'complete' && done.response.body.toString()).toBe('123456abcd');
    expect(router.buffered).toBe(0);
  });

  it('finishes an answer without a sentinel in quiet mode', () => {
    const router = new ResponseRouter(1024);
    router.open(9);
    router.route(text(9, 'partial'));
    expect(router.finish(9)?.body.toString()).toBe('partial');
    expect(router.finish(9)).toBeUndefined();
  });
});
