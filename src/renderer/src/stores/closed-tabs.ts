import { createStore, type StoreApi } from 'zustand/vanilla';

/** A closed console tab, enough to open its server again. */
export interface ClosedTab {
  profileId: string;
  /** As the tab read, e.g. "CS2 server (2)". */
  label: string;
}

export interface ClosedTabsState {
  /** Newest last; at most CLOSED_TABS_KEPT. */
  closed: ClosedTab[];
  push(tab: ClosedTab): void;
  /** Takes the newest closed tab off the stack. */
  pop(): ClosedTab | undefined;
  /** Notes that a session showed something from its server (a command, an answer, a message). */
  noteOutput(sessionId: string): void;
  /** Whether closing the session's tab loses output worth a "Reopen" offer; forgets the session. */
  takeHadOutput(sessionId: string): boolean;
}

export type ClosedTabsStore = StoreApi<ClosedTabsState>;

/** How many closed tabs Ctrl+Shift+T can bring back, as browsers keep a short list. */
export const CLOSED_TABS_KEPT = 10;

export function createClosedTabsStore(): ClosedTabsStore {
  const withOutput = new Set<string>();
  return createStore<ClosedTabsState>()((set, get) => ({
    closed: [],
    push(tab) {
      set((state) => ({ closed: [...state.closed, tab].slice(-CLOSED_TABS_KEPT) }));
    },
    pop() {
      const { closed } = get();
      const last = closed[closed.length - 1];
      if (last) set({ closed: closed.slice(0, -1) });
      return last;
    },
    noteOutput(sessionId) {
      withOutput.add(sessionId);
    },
    takeHadOutput(sessionId) {
      return withOutput.delete(sessionId);
    },
  }));
}
