import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../src/shared/api';
import { RconClient, type RconClientOptions } from '../../src/main/rcon';
import { SessionManager } from '../../src/main/services/session-manager';
import { StreamedAnswer, type OutputPart } from '../../src/main/services/streamed-answer';
import { MASK, maskSecret } from '../../src/shared/sensitive-commands';
import { deterministicBytes } from '../../src/reference-server/commands';
import { ReferenceServer } from '../../src/reference-server/server';
import type { ReferenceServerOptions } from '../../src/reference-server/options';
import { waitFor } from './helpers';
import { useSessionWorld } from './session-world';

/**
 * Issue 15: SessionManager tells a long answer as output events while it arrives. Whoever listens
 * (the window, a transcript) sees every character once, in order, with the password masked.
 */

const PASSWORD = 'stream-secret-42';
type OutputEvent = Extract<SessionEvent, { type: 'output' }>;

describe('SessionManager streams long answers as output events', () => {
  const world = useSessionWorld(PASSWORD);

  async function connected(
    serverOptions: ReferenceServerOptions = {},
    clientOptions: Partial<RconClientOptions> = {},
  ): Promise<{ manager: SessionManager; sessionId: string; server: ReferenceServer }> {
    const server = await world.startServer(serverOptions);
    const profile = world.profiles.add({ name: 'Stream', port: server.port, dialect: 'source' }, PASSWORD);
    const manager = world.manager({
      clientOptions: { connectTimeoutMs: 2_000, commandTimeoutMs: 5_000 },
      createClient: (options) => new RconClient({ ...options, ...clientOptions }),
    });
    const { sessionId } = await manager.open({ profileId: profile.id });
    await waitFor(
      () =>
        world.events.some(
          (e) => e.type === 'status' && e.session.sessionId === sessionId && e.session.status === 'connected',
        ),
      'the session to connect',
    );
    return { manager, sessionId, server };
  }

  function outputs(sessionId: string): OutputEvent[] {
    return world.events.filter((e): e is OutputEvent => e.type === 'output' && e.sessionId === sessionId);
  }

  it('sends a 2 MiB answer as parts of one stream, the last without `more`, joined exactly the result', async () => {
    const { manager, sessionId } = await connected();
    const bytes = 2 * 1024 * 1024;
    const result = await manager.send(sessionId, `bytes ${bytes}`);
    expect(result.text).toBe(deterministicBytes(bytes));

    const [echo, ...answer] = outputs(sessionId);
    expect(echo).toMatchObject({ kind: 'command', text: `bytes ${bytes}` });
    expect(echo!.stream).toBeUndefined();
    expect(answer.length).toBeGreaterThan(10);
    const stream = answer[0]!.stream;
    expect(stream).toEqual(expect.any(String));
    for (const part of answer) {
      expect(part.kind).toBe('response');
      expect(part.stream).toBe(stream);
    }
    expect(answer.slice(0, -1).every((part) => part.more === true)).toBe(true);
    expect(answer.at(-1)!.more).toBeUndefined();
    // Every byte once, in order; every part but the last ends at a line end.
    expect(answer.map((part) => part.text).join('')).toBe(result.text);
    for (const part of answer.slice(0, -1)) expect(part.text.endsWith('\n')).toBe(true);

    // A short answer after it is one event, as before; the next long one is another stream.
    await manager.send(sessionId, 'echo after');
    expect(outputs(sessionId).at(-1)).toMatchObject({ kind: 'response', text: 'after' });
    expect(outputs(sessionId).at(-1)!.stream).toBeUndefined();
    await manager.send(sessionId, `bytes ${bytes}`);
    const second = outputs(sessionId).filter((e) => e.stream !== undefined && e.stream !== stream);
    expect(second.map((part) => part.text).join('')).toBe(deterministicBytes(bytes));
  });

  it('masks the password in every part, even where the engine cuts a part inside it', async () => {
    // A line with no end for 256 Ki characters is cut there by the engine (answer-stream.ts): the
    // password is put across that cut. Another one sits in an ordinary line further on.
    const line = `${'p'.repeat(61)}\n`;
    const text = `${'q'.repeat(256 * 1024 - 5)}${PASSWORD}${'r'.repeat(30)}\n${line.repeat(3000)}${PASSWORD}\n`;
    const { manager, sessionId } = await connected({ commands: { leaky: () => text } });
    const result = await manager.send(sessionId, 'leaky');
    expect(result.text).toBe(maskSecret(text, PASSWORD));
    const parts = outputs(sessionId).filter((e) => e.kind === 'response');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.text).not.toContain(PASSWORD.slice(0, 8));
    expect(parts.map((part) => part.text).join('')).toBe(result.text);
    expect(result.text.split(MASK)).toHaveLength(3);
  });

  it('ends the stream with a last part before the error when the answer fails midway', async () => {
    const { manager, sessionId } = await connected({}, { maxResponseBytes: 300_000 });
    await expect(manager.send(sessionId, 'bytes 1000000')).rejects.toThrow(/larger than the limit/);
    const after = outputs(sessionId).slice(1);
    const parts = after.filter((e) => e.kind === 'response');
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.slice(0, -1).every((part) => part.more === true)).toBe(true);
    expect(parts.at(-1)!.more).toBeUndefined();
    expect(new Set(parts.map((part) => part.stream)).size).toBe(1);
    expect(deterministicBytes(1_000_000).startsWith(parts.map((part) => part.text).join(''))).toBe(true);
    // The error line follows the end of the stream.
    expect(after.at(-1)).toMatchObject({ kind: 'error' });
    expect(after.indexOf(parts.at(-1)!)).toBeLessThan(after.length - 1);
    await expect(manager.send(sessionId, 'echo still here')).resolves.toMatchObject({ text: 'still here' });
  });

  it('still shows an answer that arrives after its command timed out, marked as late', async () => {
    const { manager, sessionId } = await connected({}, { commandTimeoutMs: 150 });
    await expect(manager.send(sessionId, 'sleep 600')).rejects.toThrow(/timed out|did not answer/i);
    await waitFor(
      () => outputs(sessionId).some((e) => e.kind === 'info' && e.text.startsWith('Late answer to “sleep 600”')),
      'the late answer',
    );
    const late = outputs(sessionId).findIndex((e) => e.kind === 'info' && e.text.startsWith('Late answer'));
    expect(outputs(sessionId)[late + 1]).toMatchObject({ kind: 'response', text: 'Slept 600 ms\n' });
  });
});

describe('StreamedAnswer', () => {
  const collect = (secret: string | undefined) => {
    const sent: { text: string; part: OutputPart }[] = [];
    const answer = new StreamedAnswer((text, part) => sent.push({ text, part }), secret);
    return { answer, sent };
  };

  it('holds back the end of a part that could start the secret, and sends it with the next', () => {
    const { answer, sent } = collect('hunter22');
    const whole = 'aaaa hunt' + 'er22 bbbb\ncccc hunter2' + '2\n';
    answer.onPart('aaaa hunt');
    answer.onPart('er22 bbbb\ncccc hunter2');
    answer.finish(whole);
    expect(sent.map((s) => s.text).join('')).toBe(maskSecret(whole, 'hunter22'));
    for (const { text } of sent) expect(text).not.toMatch(/hunt|er22/);
    expect(sent.map((s) => s.part.more)).toEqual([...sent.slice(1).map(() => true), false]);
  });

  it('sends nothing for an answer that never streamed, and abort() ends a begun one', () => {
    const idle = collect('secret-pw');
    idle.answer.abort();
    expect(idle.sent).toEqual([]);
    expect(idle.answer.started).toBe(false);

    const begun = collect(undefined);
    begun.answer.onPart('line one\n');
    begun.answer.abort();
    expect(begun.sent.map((s) => [s.text, s.part.more])).toEqual([
      ['line one\n', true],
      ['', false],
    ]);
  });
});
