import { describe, expect, it } from 'vitest';
import { APP_QUIT_REASON } from '../../../shared/api';
import { FakeApi } from '../testing/fake-api';
import { createSessionsStore, type SessionTab } from './sessions';
import { layoutToRestore, OPEN_TABS_KEY, persistTabs, readSavedTabs, savedTabsFrom } from './tab-persistence';

// The sessions store runs against FakeApi, an in-memory RconDeskApi, and a Map stands in for
// localStorage; tests/e2e/consoles-safety.test.ts restores tabs in Chromium over the real bridge.

function tab(sessionId: string, status: SessionTab['status'], extra: Partial<SessionTab> = {}): SessionTab {
  return {
    sessionId,
    profileId: `p-${sessionId}`,
    title: `Server ${sessionId}`,
    status,
    reason: undefined,
    dialect: undefined,
    retryAt: undefined,
    attempt: undefined,
    authFailed: false,
    inFlight: 0,
    pending: [],
    copy: 1,
    ...extra,
  };
}

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => map.set(key, value),
  };
}

describe('savedTabsFrom', () => {
  it('keeps order, the active tab and which tabs were connected or on their way', () => {
    const saved = savedTabsFrom(
      [tab('a', 'connected'), tab('b', 'error'), tab('c', 'reconnecting'), tab('d', 'disconnected')],
      'c',
      undefined,
    );
    expect(saved.tabs.map((t) => [t.sessionId, t.connected])).toEqual([
      ['a', true],
      ['b', false],
      ['c', true],
      ['d', false],
    ]);
    expect(saved.activeIndex).toBe(2);
  });

  it('counts a session the app closed as it quit as still connected, and a detached tab as not', () => {
    const before = savedTabsFrom([tab('a', 'connected'), tab('b', 'error')], 'a', undefined);
    const quitting = savedTabsFrom(
      [
        tab('a', 'disconnected', { reason: APP_QUIT_REASON }),
        tab('b', 'disconnected', { reason: APP_QUIT_REASON }),
        tab('c', 'disconnected', { detached: true }),
      ],
      'a',
      before,
    );
    expect(quitting.tabs.map((t) => t.connected)).toEqual([true, false, false]);
  });
});

describe('readSavedTabs and layoutToRestore', () => {
  it('reads back what was written and ignores what it cannot read', () => {
    const storage = memoryStorage();
    expect(readSavedTabs(storage)).toBeUndefined();
    storage.setItem(OPEN_TABS_KEY, '{not json');
    expect(readSavedTabs(storage)).toBeUndefined();
    storage.setItem(
      OPEN_TABS_KEY,
      JSON.stringify({
        tabs: [{ profileId: 'p', sessionId: 's', title: 'T', connected: true }, { nope: 1 }],
        activeIndex: 0,
      }),
    );
    expect(readSavedTabs(storage)).toEqual({
      tabs: [{ profileId: 'p', sessionId: 's', title: 'T', connected: true }],
      activeIndex: 0,
    });
  });

  it('drops the tabs of deleted servers and keeps the active one', () => {
    const saved = savedTabsFrom([tab('a', 'connected'), tab('b', 'connected'), tab('c', 'error')], 'c', undefined);
    const layout = layoutToRestore(saved, new Set(['p-a', 'p-c']));
    expect(layout.tabs.map((t) => t.sessionId)).toEqual(['a', 'c']);
    expect(layout.activeIndex).toBe(1);
    expect(layoutToRestore(saved, new Set(['p-a', 'p-b'])).activeIndex).toBe(0);
  });
});

describe('restoring tabs in the sessions store', () => {
  it('gives a restarted app detached tabs in the saved order, and attaches one in its place', async () => {
    const api = new FakeApi();
    api.addProfile({ id: 'a', name: 'Alpha' });
    api.addProfile({ id: 'b', name: 'Beta' });
    const store = createSessionsStore(api);
    const detached = await store.getState().restore({
      tabs: [
        { profileId: 'a', sessionId: 'old-1', title: 'Alpha' },
        { profileId: 'b', sessionId: 'old-2', title: 'Beta' },
      ],
      activeIndex: 1,
    });
    expect(detached.map((d) => d.savedId)).toEqual(['old-1', 'old-2']);
    const { tabs, activeId } = store.getState();
    expect(tabs.map((t) => [t.title, t.status, t.detached])).toEqual([
      ['Alpha', 'disconnected', true],
      ['Beta', 'disconnected', true],
    ]);
    expect(activeId).toBe(tabs[1]!.sessionId);

    await store.getState().attach(tabs[1]!.sessionId);
    const after = store.getState();
    expect(after.tabs.map((t) => [t.title, t.detached === true])).toEqual([
      ['Alpha', true],
      ['Beta', false],
    ]);
    expect(after.activeId).toBe(after.tabs[1]!.sessionId);
    expect((await api.listSessions()).map((s) => s.sessionId)).toEqual([after.tabs[1]!.sessionId]);
  });

  it('keeps the sessions the main process still has after a reload, in the saved order', async () => {
    const api = new FakeApi();
    api.addProfile({ id: 'a', name: 'Alpha' });
    api.addProfile({ id: 'b', name: 'Beta' });
    const first = await api.openSession({ profileId: 'a' });
    const second = await api.openSession({ profileId: 'b' });
    const store = createSessionsStore(api);
    const detached = await store.getState().restore({
      tabs: [
        { profileId: 'b', sessionId: second.sessionId, title: 'Beta' },
        { profileId: 'a', sessionId: first.sessionId, title: 'Alpha' },
      ],
      activeIndex: 1,
    });
    expect(detached).toEqual([]);
    expect(store.getState().tabs.map((t) => t.sessionId)).toEqual([second.sessionId, first.sessionId]);
    expect(store.getState().activeId).toBe(first.sessionId);
  });

  it('writes the open tabs as they change', async () => {
    const api = new FakeApi();
    api.addProfile({ id: 'a', name: 'Alpha' });
    const store = createSessionsStore(api);
    const storage = memoryStorage();
    const stop = persistTabs(store, storage, undefined);
    expect(readSavedTabs(storage)?.tabs).toEqual([]);
    const opened = await store.getState().open('a');
    expect(readSavedTabs(storage)?.tabs).toEqual([
      { profileId: 'a', sessionId: opened.sessionId, title: 'Alpha', connected: true },
    ]);
    stop();
    await store.getState().close(opened.sessionId);
    expect(readSavedTabs(storage)?.tabs).toHaveLength(1);
  });
});
