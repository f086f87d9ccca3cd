import { APP_QUIT_REASON } from '../../../shared/api';
import type { SessionsStore, SessionTab, TabLayout } from './sessions';

/** One open tab, as kept for the next start of the app. */
export interface SavedTab {
  profileId: string;
  sessionId: string;
  title: string;
  /** The tab was connected (or on its way) when last seen: it reconnects when the app starts again. */
  connected: boolean;
}

export interface SavedTabs {
  tabs: SavedTab[];
  activeIndex: number;
}

/** Where the open tabs are kept: the window's localStorage, which Electron keeps in the user data folder. */
export const OPEN_TABS_KEY = 'rcon-desk.open-tabs';

/** The part of localStorage used here (a Map-backed stand-in in unit tests). */
export type TabStorage = Pick<Storage, 'getItem' | 'setItem'>;

const LIVE: readonly SessionTab['status'][] = ['connecting', 'authenticating', 'connected', 'reconnecting'];

/**
 * Whether a tab counts as connected. A session the app closed as it quit was connected until then;
 * a tab the user has not connected since the last start stays as it was.
 */
function wasConnected(tab: SessionTab, before: SavedTab | undefined): boolean {
  if (tab.detached) return false;
  if (tab.status === 'disconnected' && tab.reason === APP_QUIT_REASON) return before?.connected ?? true;
  return LIVE.includes(tab.status);
}

export function savedTabsFrom(
  tabs: readonly SessionTab[],
  activeId: string | undefined,
  previous: SavedTabs | undefined,
): SavedTabs {
  const before = new Map(previous?.tabs.map((tab) => [tab.sessionId, tab]));
  return {
    tabs: tabs.map((tab) => ({
      profileId: tab.profileId,
      sessionId: tab.sessionId,
      title: tab.title,
      connected: wasConnected(tab, before.get(tab.sessionId)),
    })),
    activeIndex: Math.max(
      0,
      tabs.findIndex((tab) => tab.sessionId === activeId),
    ),
  };
}

/** The saved tabs, or undefined when there are none or what is stored cannot be read. */
export function readSavedTabs(storage: TabStorage): SavedTabs | undefined {
  let value: unknown;
  try {
    value = JSON.parse(storage.getItem(OPEN_TABS_KEY) ?? 'null');
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { tabs, activeIndex } = value as { tabs?: unknown; activeIndex?: unknown };
  if (!Array.isArray(tabs)) return undefined;
  const valid = tabs.filter(
    (tab): tab is SavedTab =>
      typeof tab === 'object' &&
      tab !== null &&
      typeof (tab as SavedTab).profileId === 'string' &&
      typeof (tab as SavedTab).sessionId === 'string' &&
      typeof (tab as SavedTab).title === 'string' &&
      typeof (tab as SavedTab).connected === 'boolean',
  );
  return { tabs: valid, activeIndex: typeof activeIndex === 'number' ? activeIndex : 0 };
}

/** The layout to restore: tabs of servers deleted since are dropped, the active one kept if it can be. */
export function layoutToRestore(saved: SavedTabs, profileIds: ReadonlySet<string>): TabLayout {
  const active = saved.tabs[saved.activeIndex];
  const tabs = saved.tabs.filter((tab) => profileIds.has(tab.profileId));
  return {
    tabs: tabs.map(({ profileId, sessionId, title }) => ({ profileId, sessionId, title })),
    activeIndex: active ? Math.max(0, tabs.indexOf(active)) : 0,
  };
}

/** Keeps the open tabs in `storage` as they change; returns the unsubscribe function. */
export function persistTabs(sessions: SessionsStore, storage: TabStorage, initial: SavedTabs | undefined): () => void {
  let saved = initial;
  let written = '';
  const write = (): void => {
    const { tabs, activeId } = sessions.getState();
    saved = savedTabsFrom(tabs, activeId, saved);
    const text = JSON.stringify(saved);
    if (text === written) return;
    written = text;
    try {
      storage.setItem(OPEN_TABS_KEY, text);
    } catch {
      // A full or refused storage only costs restoring the tabs next time.
    }
  };
  write();
  return sessions.subscribe((state, previous) => {
    if (state.tabs !== previous.tabs || state.activeId !== previous.activeId) write();
  });
}
