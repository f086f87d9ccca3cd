import { describe, expect, it } from 'vitest';
import { createAppStores } from './stores/app-stores';
import { FakeApi } from './testing/fake-api';
import { showSessionOnRequest } from './foreground';

// The stores against FakeApi, an in-memory RconDeskApi: the click on a notification itself is
// Electron's, tested with the glue (tests/electron-glue/preload-and-ipc.test.ts).

describe('showSessionOnRequest', () => {
  it('brings the asked console to the front, out of a fleet view, and ignores a tab closed meanwhile', async () => {
    const api = new FakeApi();
    api.addProfile({ id: 'a', name: 'Alpha' });
    api.addProfile({ id: 'b', name: 'Beta' });
    const stores = createAppStores(api, () => undefined);
    const stop = showSessionOnRequest(stores, api);
    const sessions = () => stores.sessions.getState();
    const first = await sessions().open('a');
    const second = await sessions().open('b');
    stores.fleet.getState().show('schedules');
    expect(sessions().activeId).toBe(second.sessionId);

    api.showSession(first.sessionId);
    expect(sessions().activeId).toBe(first.sessionId);
    expect(stores.fleet.getState().view).toBe('consoles');

    await sessions().close(second.sessionId);
    stores.fleet.getState().show('schedules');
    api.showSession(second.sessionId);
    expect(sessions().tabs.map((tab) => tab.sessionId)).toEqual([first.sessionId]);
    expect(stores.fleet.getState().view).toBe('schedules');

    stop();
    api.showSession(first.sessionId);
    expect(stores.fleet.getState().view).toBe('schedules');
  });
});
