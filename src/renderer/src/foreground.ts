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
