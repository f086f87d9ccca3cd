import { attachTab } from './actions';
import type { AppStores } from './stores/app-stores';
import { layoutToRestore, persistTabs, readSavedTabs, type TabStorage } from './stores/tab-persistence';

/**
 * Brings back the tabs of the last run, in their order and with the active one active: after a
 * reload of the window each keeps its session; after a restart the ones that were connected
 * reconnect and the others wait for Connect. Tabs of deleted servers are dropped. From then on the
 * open tabs are kept in `storage`. Resolves to the function that stops keeping them.
 */
export async function restoreTabs(stores: AppStores, storage: TabStorage | undefined): Promise<() => void> {
  const saved = storage ? readSavedTabs(storage) : undefined;
  const profiles = stores.profiles.getState();
  // Without the list of servers a deleted one cannot be told apart: keep what is saved for next time.
  const listed = profiles.loaded && profiles.loadError === undefined;
  const layout = saved && listed ? layoutToRestore(saved, new Set(profiles.profiles.map((p) => p.id))) : undefined;
  const detached = await stores.sessions.getState().restore(layout);
  const stop = storage && listed ? persistTabs(stores.sessions, storage, saved) : () => undefined;
  const reconnect = new Set(saved?.tabs.filter((tab) => tab.connected).map((tab) => tab.sessionId));
  for (const { savedId, tab } of detached) {
    if (reconnect.has(savedId)) void attachTab(stores, tab.sessionId);
  }
  return stop;
}
