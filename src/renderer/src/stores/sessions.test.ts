import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api';
import { FakeApi } from '../testing/fake-api';
import { createSessionsStore, isAuthFailure, type OutputEvent } from './sessions';

// The stores are tested against FakeApi, an in-memory RconDeskApi: acceptable at this unit level.
// tests/e2e/ runs the same stores against the real SessionManager over real TCP.

function setup() {
  const api = new FakeApi();
  api.addProfile({ id: 'a', name: 'Alpha' });
  api.addProfile({ id: 'b', name: 'Beta' });
  const output: OutputEvent[] = [];
  let now = 1_000;
  const store = createSessionsStore(api, { onOutput: (event) => output.push(event), now: () => now });
  const stop = store.getState().start();
  return {
    api,
    store,
    output,
    stop,
    state: () => store.getState(),
    tab: (id: string) => store.getState().tabs.find((t) => t.sessionId === id),
    advance: (ms: number) => (now += ms),
  };
}

describe('sessions store', () => {
  it('opens tabs (the same profile twice too) and activates the newest', async () => {
    const { state } = setup();
    const first = await state().open('a');
    const second = await state().open('a', 'typed');
    expect(state().tabs.map((t) => t.sessionId)).toEqual([first.sessionId, second.sessionId]);
    expect(state().activeId).toBe(second.sessionId);
    expect(first.status).toBe('connecting');
  });

  it('passes a typed password only when given', async () => {
    const { api, state } = setup();
    await state().open('a');
    await state().open('b', 'secret');
    expect(api.calls.filter((c) => c[0] === 'openSession').map((c) => c[1])).toEqual([
      { profileId: 'a' },
      { profileId: 'b', password: 'secret' },
    ]);
  });

  it('rejects with the ApiError when opening fails, adding no tab', async () => {
    const { api, state } = setup();
    api.failNext.set('openSession', new ApiError({ kind: 'auth', message: 'No password is saved' }));
    await expect(state().open('a')).rejects.toMatchObject({ kind: 'auth' });
    expect(state().tabs).toHaveLength(0);
  });

  it('follows status events, with a retry countdown while reconnecting', async () => {
    const { api, state, tab } = setup();
    const { sessionId } = await state().open('a');
    api.setStatus(sessionId, 'authenticating');
    expect(tab(sessionId)?.status).toBe('authenticating');
    api.setStatus(sessionId, 'connected');
    expect(tab(sessionId)?.status).toBe('connected');
    api.setStatus(sessionId, 'reconnecting', 'Connection lost: reset.', 4_000);
    expect(tab(sessionId)).toMatchObject({ status: 'reconnecting', reason: 'Connection lost: reset.', retryAt: 5_000 });
    api.setStatus(sessionId, 'connected');
    expect(tab(sessionId)).toMatchObject({ status: 'connected', reason: undefined, retryAt: undefined });
  });

  it('marks a refused login so that reconnecting asks for a password', async () => {
    const { api, state, tab } = setup();
    const { sessionId } = await state().open('a');
    api.setStatus(sessionId, 'error', 'Wrong password: the server rejected the RCON password.');
    expect(tab(sessionId)?.authFailed).toBe(true);
    api.setStatus(sessionId, 'error', 'Connecting to the server timed out after 5 s.');
    expect(tab(sessionId)?.authFailed).toBe(false);
    expect(isAuthFailure({ status: 'error', reason: 'Banned by the server: …' })).toBe(true);
    expect(isAuthFailure({ status: 'disconnected', reason: 'Wrong password' })).toBe(false);
  });

  it('reconnect passes the new password and clears the failure', async () => {
    const { api, state, tab } = setup();
    const { sessionId } = await state().open('a');
    api.setStatus(sessionId, 'error', 'Wrong password: the server rejected the RCON password.');
    await state().reconnect(sessionId, 'right');
    expect(api.calls).toContainEqual(['reconnectSession', sessionId, 'right']);
    expect(tab(sessionId)).toMatchObject({ status: 'connecting', authFailed: false });
  });

  it('a failed reconnect call shows the reason and an auth kind asks for a password next time', async () => {
    const { api, state, tab, output } = setup();
    const { sessionId } = await state().open('a');
    api.failNext.set('reconnectSession', new ApiError({ kind: 'auth', message: 'No password is saved for "Alpha"' }));
    await state().reconnect(sessionId);
    expect(tab(sessionId)).toMatchObject({ status: 'error', authFailed: true });
    expect(output.at(-1)).toMatchObject({ kind: 'error', sessionId });
  });

  it('forwards output events, and reports a refused command itself only when the main process did not', async () => {
    const { api, state, output } = setup();
    const { sessionId } = await state().open('a');
    const since = (from: number) => output.slice(from).map((o) => [o.kind, o.text]);
    // Not connected yet: the main process refuses before echoing anything.
    let mark = output.length;
    expect(await state().send(sessionId, 'status')).toBeUndefined();
    expect(since(mark)).toEqual([['error', 'Not connected: the command was not sent.']]);

    api.setStatus(sessionId, 'connected');
    mark = output.length;
    const result = await state().send(sessionId, 'status');
    expect(result?.answerLength).toBe('ran status'.length);
    expect(since(mark)).toEqual([
      ['command', 'status'],
      ['response', 'ran status'],
    ]);
    expect(state().tabs[0]?.inFlight).toBe(0);
  });

  it('writes status changes into the console as info and error lines', async () => {
    const { api, state, output } = setup();
    const { sessionId } = await state().open('a');
    api.setStatus(sessionId, 'authenticating');
    api.sessions.set(sessionId, { ...api.sessions.get(sessionId)!, dialect: 'source' });
    api.setStatus(sessionId, 'connected');
    api.setStatus(sessionId, 'connected'); // no change, no line
    api.setStatus(sessionId, 'reconnecting', 'Connection lost: reset. Reconnecting (attempt 1 of 5)…', 1000);
    api.setStatus(sessionId, 'error', 'Wrong password: the server rejected the RCON password.');
    await state().reconnect(sessionId, 'pw');
    expect(output.map((o) => [o.kind, o.text])).toEqual([
      ['info', 'Connecting to Alpha…'],
      ['info', 'Connected (Source RCON).'],
      ['info', 'Connection lost: reset. Reconnecting (attempt 1 of 5)…'],
      ['error', 'Wrong password: the server rejected the RCON password.'],
      ['info', 'Reconnecting…'],
    ]);
  });

  it('writes one line when the connection is lost and one when it is back, none per retry', async () => {
    const { api, state, output, tab, advance } = setup();
    const { sessionId } = await state().open('a');
    api.setStatus(sessionId, 'connected');
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      api.setStatus(
        sessionId,
        'reconnecting',
        `Connection lost: reset. Reconnecting (attempt ${attempt})…`,
        1000,
        attempt,
      );
      expect(tab(sessionId)).toMatchObject({ status: 'reconnecting', attempt, retryAt: 1_000 + 1000 * attempt });
      advance(1000);
      api.setStatus(sessionId, 'connecting', `Connection lost: reset. Reconnecting (attempt ${attempt})…`);
      expect(tab(sessionId)?.attempt).toBe(attempt);
    }
    api.setStatus(sessionId, 'connected');
    expect(tab(sessionId)?.attempt).toBeUndefined();
    expect(output.map((o) => o.text)).toEqual([
      'Connecting to Alpha…',
      'Connected.',
      'Connection lost: reset. Reconnecting (attempt 1)…',
      'Connected.',
    ]);
  });

  it('keeps the commands waiting for an answer, oldest first, with when each was sent', async () => {
    const { api, state, tab, advance } = setup();
    const { sessionId } = await state().open('a');
    api.setStatus(sessionId, 'connected');
    const answers: (() => void)[] = [];
    api.answer = (command) => command;
    const realSend = api.sendCommand.bind(api);
    api.sendCommand = (id, command) => new Promise((resolve) => answers.push(() => resolve(realSend(id, command))));
    const first = state().send(sessionId, 'status');
    advance(500);
    const second = state().send(sessionId, 'sleep 3000');
    expect(tab(sessionId)?.pending.map((p) => [p.command, p.sentAt])).toEqual([
      ['status', 1_000],
      ['sleep 3000', 1_500],
    ]);
    answers[0]!();
    await first;
    expect(tab(sessionId)?.pending.map((p) => p.command)).toEqual(['sleep 3000']);
    answers[1]!();
    await second;
    expect(tab(sessionId)?.pending).toEqual([]);
  });

  it('close removes the tab at once, activates a neighbour and ignores late events', async () => {
    const { api, state, output } = setup();
    const a = await state().open('a');
    const b = await state().open('b');
    const c = await state().open('a');
    state().activate(b.sessionId);
    await state().close(b.sessionId);
    expect(state().tabs.map((t) => t.sessionId)).toEqual([a.sessionId, c.sessionId]);
    expect(state().activeId).toBe(c.sessionId);
    expect(api.calls).toContainEqual(['closeSession', b.sessionId]);
    api.emit({ type: 'output', sessionId: b.sessionId, kind: 'server', text: 'late', at: 0 });
    api.emit({
      type: 'status',
      session: { sessionId: b.sessionId, profileId: 'b', title: 'Beta', status: 'connected' },
    });
    expect(output.some((o) => o.text === 'late')).toBe(false);
    expect(state().tabs).toHaveLength(2);
  });

  it('closing a session the main process no longer knows is not an error', async () => {
    const { api, state } = setup();
    const { sessionId } = await state().open('a');
    api.failNext.set('closeSession', new ApiError({ kind: 'not-found', message: 'gone' }));
    await expect(state().close(sessionId)).resolves.toBeUndefined();
    expect(state().tabs).toHaveLength(0);
  });

  it('cycle wraps around both ways; activate ignores unknown ids', async () => {
    const { state } = setup();
    const a = await state().open('a');
    const b = await state().open('b');
    expect(state().activeId).toBe(b.sessionId);
    state().cycle(1);
    expect(state().activeId).toBe(a.sessionId);
    state().cycle(-1);
    expect(state().activeId).toBe(b.sessionId);
    state().activate('nope');
    expect(state().activeId).toBe(b.sessionId);
  });

  it('moveTab moves a tab to another place, clamped to the ends, and keeps the active one', async () => {
    const { state } = setup();
    const a = await state().open('a');
    const b = await state().open('b');
    const c = await state().open('a');
    state().moveTab(c.sessionId, 0);
    expect(state().tabs.map((t) => t.sessionId)).toEqual([c.sessionId, a.sessionId, b.sessionId]);
    state().moveTab(c.sessionId, 9);
    expect(state().tabs.map((t) => t.sessionId)).toEqual([a.sessionId, b.sessionId, c.sessionId]);
    state().moveTab('nope', 0);
    expect(state().tabs.map((t) => t.sessionId)).toEqual([a.sessionId, b.sessionId, c.sessionId]);
    expect(state().activeId).toBe(c.sessionId);
  });

  it('keeps the retry delay of a status event that came before openSession answered', async () => {
    const { api, state, store } = setup();
    // A main process that reports "reconnecting" before the open call answers with the same status.
    api.openSession = async (request) => {
      const info = {
        sessionId: 'early',
        profileId: request.profileId,
        title: 'Alpha',
        status: 'reconnecting' as const,
      };
      api.emit({ type: 'status', session: info, retryInMs: 2_000 });
      return info;
    };
    await state().open('a');
    expect(store.getState().tabs[0]).toMatchObject({ sessionId: 'early', retryAt: 3_000 });
  });

  it('restore adds tabs for sessions the main process already has', async () => {
    const { api, state, output } = setup();
    const first = await state().open('a');
    api.sessions.set('older', { sessionId: 'older', profileId: 'b', title: 'Beta', status: 'connected' });
    await state().restore();
    expect(state().tabs.map((t) => t.sessionId)).toEqual([first.sessionId, 'older']);
    expect(state().activeId).toBe(first.sessionId);
    expect(output.at(-1)).toMatchObject({ sessionId: 'older', kind: 'info' });
    await state().restore();
    expect(state().tabs).toHaveLength(2);
  });

  it('start subscribes and its result unsubscribes', () => {
    const { api, stop } = setup();
    expect(api.listenerCount).toBe(1);
    stop();
    expect(api.listenerCount).toBe(0);
  });
});
