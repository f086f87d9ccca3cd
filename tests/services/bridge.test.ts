import { describe, expect, it } from 'vitest';
import {
  ApiError,
  INVOKE_CHANNELS,
  OUTPUT_RECEIVED_CHANNEL,
  SESSION_EVENT_CHANNEL,
  asApiError,
  type ApiResult,
  type OutputReceipt,
  type SessionEvent,
} from '../../src/shared/api';
import { createBridge, forContextBridge, type BridgeTransport } from '../../src/preload/bridge';

/**
 * A fake transport: moving bytes between processes is ipcRenderer's job (or the browser
 * harness's); what is tested here is what the bridge does with the answers.
 */
class FakeTransport implements BridgeTransport {
  readonly calls: { channel: string; args: unknown[] }[] = [];
  readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  answer: unknown = { ok: true, value: undefined };

  async invoke(channel: string, args: unknown[]): Promise<unknown> {
    this.calls.push({ channel, args });
    return this.answer;
  }

  subscribe(channel: string, listener: (payload: unknown) => void): () => void {
    const set = this.listeners.get(channel) ?? new Set();
    set.add(listener);
    this.listeners.set(channel, set);
    return () => set.delete(listener);
  }

  push(channel: string, payload: unknown): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(payload);
  }
}

const API_MEMBERS = [...Object.keys(INVOKE_CHANNELS), 'onSessionEvent', 'onFleetEvent', 'onShowSession'].sort();

describe('createBridge', () => {
  it('has exactly one named method per channel plus the three subscriptions, and no generic invoke', () => {
    const api = createBridge(new FakeTransport());
    expect(Object.keys(api).sort()).toEqual(API_MEMBERS);
    expect(Object.values(api).every((member) => typeof member === 'function')).toBe(true);
  });

  it('sends each method on its channel with its arguments as an array', async () => {
    const transport = new FakeTransport();
    const api = createBridge(transport);
    await api.listProfiles();
    await api.sendCommand('session-1', 'status');
    await api.reconnectSession('session-1');
    await api.openSession({ profileId: 'p', password: 'pw' });
    expect(transport.calls).toEqual([
      { channel: INVOKE_CHANNELS.listProfiles, args: [] },
      { channel: INVOKE_CHANNELS.sendCommand, args: ['session-1', 'status'] },
      { channel: INVOKE_CHANNELS.reconnectSession, args: ['session-1'] },
      { channel: INVOKE_CHANNELS.openSession, args: [{ profileId: 'p', password: 'pw' }] },
    ]);
  });

  it('resolves to the value of a successful result', async () => {
    const transport = new FakeTransport();
    const api = createBridge(transport);
    transport.answer = { ok: true, value: ['status', 'users'] } satisfies ApiResult<string[]>;
    expect(await api.getHistory('p')).toEqual(['status', 'users']);
  });

  it('throws an ApiError with the kind and message of a failed result', async () => {
    const transport = new FakeTransport();
    const api = createBridge(transport);
    transport.answer = { ok: false, error: { kind: 'not-found', message: 'That profile does not exist.' } };
    const error = await api.deleteProfile('p').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'not-found', message: 'That profile does not exist.' });
  });

  it('throws an internal ApiError for an answer that is not a result', async () => {
    const transport = new FakeTransport();
    const api = createBridge(transport);
    for (const answer of [undefined, 'ok', { ok: 'yes' }, { ok: false, error: 'bad' }]) {
      transport.answer = answer;
      await expect(api.listSessions()).rejects.toMatchObject({ name: 'ApiError', kind: 'internal' });
    }
  });

  it('delivers session events and stops after unsubscribing', () => {
    const transport = new FakeTransport();
    const api = createBridge(transport);
    const received: SessionEvent[] = [];
    const unsubscribe = api.onSessionEvent((event) => received.push(event));
    const event: SessionEvent = { type: 'output', sessionId: 's', kind: 'server', text: 'hi', at: 1 };
    transport.push(SESSION_EVENT_CHANNEL, event);
    unsubscribe();
    transport.push(SESSION_EVENT_CHANNEL, event);
    expect(received).toEqual([event]);
  });
  it('receipts each output event the page gets, from one subscription for all its listeners', () => {
    const transport = new FakeTransport();
    const api = createBridge(transport);
    const receipts = () =>
      transport.calls.filter((call) => call.channel === OUTPUT_RECEIVED_CHANNEL).map((call) => call.args[0]);
    expect(receipts()).toEqual([]); // nothing before the page listens
    const seen: string[] = [];
    const stopFirst = api.onSessionEvent(() => seen.push('first'));
    const stopSecond = api.onSessionEvent(() => seen.push('second'));
    expect(transport.listeners.get(SESSION_EVENT_CHANNEL)?.size).toBe(1);
    const [hello] = receipts() as OutputReceipt[];
    expect(hello).toEqual({ page: expect.any(String), chars: 0 });

    transport.push(SESSION_EVENT_CHANNEL, { type: 'output', sessionId: 's', kind: 'server', text: 'four', at: 1 });
    transport.push(SESSION_EVENT_CHANNEL, {
      type: 'status',
      session: { sessionId: 's', profileId: 'p', title: 'T', status: 'connected' },
    });
    expect(seen).toEqual(['first', 'second', 'first', 'second']);
    expect(receipts()).toEqual([hello, { page: hello!.page, chars: 4 }]);

    stopFirst();
    stopSecond();
    expect(transport.listeners.get(SESSION_EVENT_CHANNEL)?.size).toBe(0);
    // A new page load names itself anew.
    createBridge(transport).onSessionEvent(() => undefined);
    expect((receipts().at(-1) as OutputReceipt).page).not.toBe(hello!.page);
  });
});

describe('forContextBridge', () => {
  it('rejects with a plain object that keeps the kind, which contextBridge copies whole', async () => {
    const transport = new FakeTransport();
    const api = forContextBridge(createBridge(transport));
    transport.answer = { ok: false, error: { kind: 'auth', message: 'Wrong password.' } };
    const rejection = await api.openSession({ profileId: 'p' }).catch((caught: unknown) => caught);
    expect(rejection).not.toBeInstanceOf(Error);
    expect(rejection).toEqual({ name: 'ApiError', kind: 'auth', message: 'Wrong password.' });
    expect(asApiError(rejection)).toMatchObject({ kind: 'auth', message: 'Wrong password.' });

    transport.answer = { ok: true, value: [] };
    expect(await api.listProfiles()).toEqual([]);
    expect(Object.keys(api).sort()).toEqual(API_MEMBERS);
  });

  it('asApiError makes an ApiError of anything', () => {
    const original = new ApiError({ kind: 'timeout', message: 'Too slow.' });
    expect(asApiError(original)).toBe(original);
    expect(asApiError(new Error('plain'))).toMatchObject({ kind: 'internal', message: 'plain' });
    expect(asApiError({ kind: 'made-up', message: 'x' })).toMatchObject({ kind: 'internal', message: 'x' });
    expect(asApiError('text')).toMatchObject({ kind: 'internal', message: 'text' });
  });
});
