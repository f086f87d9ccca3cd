import { createStore, type StoreApi } from 'zustand/vanilla';

/** Bounds of the server list's width, in CSS pixels (the window is at least 720 wide). */
export const SIDEBAR_MIN_WIDTH = 220;
export const SIDEBAR_MAX_WIDTH = 480;
export const SIDEBAR_DEFAULT_WIDTH = 300;

export interface SidebarState {
  width: number;
  /** Folded down to a narrow rail. */
  collapsed: boolean;
  /** Names of the groups shown folded ('' is the ungrouped servers). */
  collapsedGroups: readonly string[];
  /** The search box's text. Not remembered: a filtered list at start-up would look like lost servers. */
  filter: string;
  /** Bumped to ask the search box to take the focus (Ctrl+K). */
  searchFocusRequest: number;
  setWidth(width: number): void;
  setCollapsed(collapsed: boolean): void;
  setGroupCollapsed(name: string, collapsed: boolean): void;
  setFilter(filter: string): void;
  requestSearchFocus(): void;
}

export type SidebarStore = StoreApi<SidebarState>;

const STORAGE_KEY = 'rcon-desk.sidebar';

interface Saved {
  width: number;
  collapsed: boolean;
  collapsedGroups: string[];
}

export function clampSidebarWidth(width: number): number {
  if (!Number.isFinite(width)) return SIDEBAR_DEFAULT_WIDTH;
  return Math.round(Math.min(SIDEBAR_MAX_WIDTH, Math.max(SIDEBAR_MIN_WIDTH, width)));
}

function read(storage: Storage | undefined): Saved {
  const fallback: Saved = { width: SIDEBAR_DEFAULT_WIDTH, collapsed: false, collapsedGroups: [] };
  let value: unknown;
  try {
    value = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null');
  } catch {
    return fallback; // Unreadable: start with the defaults, as on a first run.
  }
  if (typeof value !== 'object' || value === null) return fallback;
  const saved = value as Partial<Record<keyof Saved, unknown>>;
  return {
    width: typeof saved.width === 'number' ? clampSidebarWidth(saved.width) : fallback.width,
    collapsed: saved.collapsed === true,
    collapsedGroups: Array.isArray(saved.collapsedGroups)
      ? saved.collapsedGroups.filter((name): name is string => typeof name === 'string')
      : [],
  };
}

/** The server list's layout, remembered in `storage` (localStorage in the app) across restarts. */
export function createSidebarStore(storage: Storage | undefined): SidebarStore {
  const store = createStore<SidebarState>()((set) => ({
    ...read(storage),
    filter: '',
    searchFocusRequest: 0,
    setWidth(width) {
      set({ width: clampSidebarWidth(width) });
    },
    setCollapsed(collapsed) {
      set({ collapsed });
    },
    setGroupCollapsed(name, collapsed) {
      set((state) => ({
        collapsedGroups: collapsed
          ? [...new Set([...state.collapsedGroups, name])]
          : state.collapsedGroups.filter((group) => group !== name),
      }));
    },
    setFilter(filter) {
      set({ filter });
    },
    requestSearchFocus() {
      set((state) => ({ collapsed: false, searchFocusRequest: state.searchFocusRequest + 1 }));
    },
  }));
  store.subscribe((state, previous) => {
    if (
      state.width === previous.width &&
      state.collapsed === previous.collapsed &&
      state.collapsedGroups === previous.collapsedGroups
    ) {
      return;
    }
    const saved: Saved = {
      width: state.width,
      collapsed: state.collapsed,
      collapsedGroups: [...state.collapsedGroups],
    };
    try {
      storage?.setItem(STORAGE_KEY, JSON.stringify(saved));
    } catch {
      // A full or disabled storage only loses the layout.
    }
  });
  return store;
}
