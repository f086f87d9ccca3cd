import type { RconDeskApi } from '../../shared/api';
import type { AppStores } from './stores/app-stores';

/**
 * Tells the main process which session's console is in front (the active tab, unless a fleet view
 * covers the consoles), so desktop notifications go only to servers the user is not looking at.
 * Returns the unsubscribe function.
 */
export function reportForegroundSession(stores: Pick<AppStores, 'sessions' | 'fleet'>, api: RconDeskApi): () => void {
  let reported: string | null | undefined;
  const report = (): void => {
    const shown = stores.fleet.getState().view === 'consoles' ? (stores.sessions.getState().activeId ?? null) : null;
    if (shown === reported) return;
    reported = shown;
    // Only a notification can be wrong for want of it; nothing to tell the user.
    api.setForegroundSession(shown).catch(() => undefined);
  };
  const stopSessions = stores.sessions.subscribe(report);
  const stopFleet = stores.fleet.subscribe(report);
  report();
  return () => {
    stopSessions();
    stopFleet();
  };
}

/**
 * Brings a console to the front when the main process asks (the user clicked its desktop
 * notification): the consoles view, that tab. A tab closed meanwhile is left closed. Returns the
 * unsubscribe function.
 */
export function showSessionOnRequest(stores: Pick<AppStores, 'sessions' | 'fleet'>, api: RconDeskApi): () => void {
  return api.onShowSession(({ sessionId }) => {
    if (!stores.sessions.getState().tabs.some((tab) => tab.sessionId === sessionId)) return;
    stores.fleet.getState().show('consoles');
    stores.sessions.getState().activate(sessionId);
  });
}
