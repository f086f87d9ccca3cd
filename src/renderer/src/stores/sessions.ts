import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CommandResult, RconDeskApi, SessionEvent, SessionInfo, SessionStatus } from '../../../shared/api';
import { errorKind, errorMessage } from '../api';
import { statusLine } from '../lib/format';
import { moveItem } from '../lib/profile-order';
import { nextCopyNumber } from '../lib/tab-labels';

/** One console tab: a session in the main process, as the renderer knows it. */
export interface SessionTab {
  sessionId: string;
  profileId: string;
  title: string;
  status: SessionStatus;
  /** Why the session is in this status, in words. */
  reason: string | undefined;
  dialect: SessionInfo['dialect'];
  /** When the next automatic retry happens (ms since the epoch), while reconnecting. */
  retryAt: number | undefined;
  /** Which reconnect attempt is due or under way (1 for the first after the loss), while retrying. */
  attempt: number | undefined;
  /** The last failure was a rejected login: reconnecting must ask for a password (never retried on its own). */
  authFailed: boolean;
  /** Commands sent and not answered yet. */
  inFlight: number;
  /** The same commands, oldest first, for the "pending" line under the output. */
  pending: PendingCommand[];
  /** Which tab of its server this is (1, 2…), for "Name (2)"; kept while the tab lives. */
  copy: number;
  /** A tab brought back after a restart with no session behind it yet: Connect opens one in its place. */
  detached?: boolean;
}

/** Tabs to bring back, in order: a saved session id still open in the main process keeps its session. */
export interface TabLayout {
  tabs: { profileId: string; sessionId: string; title: string }[];
  /** Index in `tabs` of the tab that was active. */
  activeIndex: number;
}

export type OutputEvent = Extract<SessionEvent, { type: 'output' }>;

/** A command waiting for its answer. */
export interface PendingCommand {
  id: number;
  command: string;
  /** When it was sent (ms since the epoch). */
  sentAt: number;
}

export interface SessionsState {
  tabs: SessionTab[];
  activeId: string | undefined;

  /** Opens a new tab (a new session, even for a profile that already has one). Rejects with the ApiError. */
  open(profileId: string, password?: string): Promise<SessionTab>;
  /** Closes the tab at once; the session is closed in the background. */
  close(sessionId: string): Promise<void>;
  activate(sessionId: string): void;
  /** Next (+1) or previous (-1) tab, wrapping around. */
  cycle(direction: 1 | -1): void;
  /** Moves a tab to another place in the tab bar (dragged, or Alt+arrow). */
  moveTab(sessionId: string, toIndex: number): void;
  reconnect(sessionId: string, password?: string): Promise<void>;
  /** Sends one command; a failure is shown in the console, so this never rejects. */
  send(sessionId: string, command: string): Promise<CommandResult | undefined>;
  /** Applies an event from the main process (the store subscribes itself in `start`). */
  handleEvent(event: SessionEvent): void;
  /** Subscribes to session events; returns the unsubscribe function. */
  start(): () => void;
  /**
   * Adds tabs for sessions the main process already has (the window was reloaded) and, from a saved
   * layout, detached tabs for the ones it no longer has (the app restarted). Returns the detached
   * ones with the saved session id each stands for.
   */
  restore(layout?: TabLayout): Promise<{ savedId: string; tab: SessionTab }[]>;
  /** Opens a session for a detached tab, which takes the tab's place. Rejects with the ApiError. */
  attach(sessionId: string, password?: string): Promise<void>;
}

export type SessionsStore = StoreApi<SessionsState>;

export interface SessionsStoreOptions {
  /** Receives every output event of a tab not closed yet (the terminals listen here). */
  onOutput?: (event: OutputEvent) => void;
  now?: () => number;
}

/**
 * Words the main process uses when a login is refused (RconAuthError: wrong password or banned;
 * PasswordRequiredError: none saved). Status events carry no error kind, only the reason.
 */
const AUTH_FAILURE = /password|banned/i;

/** Whether a status means the login was refused, so only a new password can help. */
export function isAuthFailure(info: Pick<SessionInfo, 'status' | 'reason'>): boolean {
  return info.status === 'error' && info.reason !== undefined && AUTH_FAILURE.test(info.reason);
}

interface RetryTiming {
  retryInMs?: number | undefined;
  attempt?: number | undefined;
}

function tabFromInfo(info: SessionInfo, retry: RetryTiming, now: number, previous?: SessionTab): SessionTab {
  const { retryInMs } = retry;
  // A retry's connecting keeps the attempt number it is for; any other status ends the count.
  const retrying = info.status === 'connecting' || info.status === 'authenticating';
  return {
    sessionId: info.sessionId,
    profileId: info.profileId,
    title: info.title,
    status: info.status,
    reason: info.reason,
    dialect: info.dialect ?? previous?.dialect,
    retryAt: info.status === 'reconnecting' && retryInMs !== undefined ? now + retryInMs : undefined,
    attempt: info.status === 'reconnecting' ? retry.attempt : retrying ? previous?.attempt : undefined,
    authFailed: isAuthFailure(info),
    inFlight: previous?.inFlight ?? 0,
    pending: previous?.pending ?? [],
    copy: previous?.copy ?? 1,
  };
}

/** A tab with no session yet: what a restart brings back for a tab that was not connected. */
function detachedTab(sessionId: string, profileId: string, title: string): SessionTab {
  return {
    sessionId,
    profileId,
    title,
    status: 'disconnected',
    reason: 'Not connected since RCON Desk was closed.',
    dialect: undefined,
    retryAt: undefined,
    attempt: undefined,
    authFailed: false,
    inFlight: 0,
    pending: [],
    copy: 1,
    detached: true,
  };
}

/**
 * One more turn of reconnecting (a retry starting, or failing and waiting again): the console
 * header's status line shows it, updated in place; the output says only that the connection was
 * lost and, later, that it is back or given up.
 */
function isRetryStep(before: SessionStatus, after: SessionStatus, attempt: number | undefined): boolean {
  if (before === 'reconnecting' && (after === 'connecting' || after === 'authenticating')) return true;
  return after === 'reconnecting' && attempt !== undefined && attempt > 1;
}

export function createSessionsStore(api: RconDeskApi, options: SessionsStoreOptions = {}): SessionsStore {
  const now = options.now ?? Date.now;
  const onOutput = options.onOutput ?? (() => undefined);
  /** Sessions whose tab was closed here: late events for them are dropped. */
  const closed = new Set<string>();
  /** The newest status event of a session whose openSession call has not answered yet. */
  const early = new Map<string, { session: SessionInfo; retry: RetryTiming }>();
  /** Output events seen per session: tells whether the main process already reported a failed command. */
  const outputCount = new Map<string, number>();
  let nextPendingId = 1;

  return createStore<SessionsState>()((set, get) => {
    const updateTab = (sessionId: string, update: (tab: SessionTab) => SessionTab): void => {
      set((state) => ({ tabs: state.tabs.map((tab) => (tab.sessionId === sessionId ? update(tab) : tab)) }));
    };
    const hasTab = (sessionId: string): boolean => get().tabs.some((tab) => tab.sessionId === sessionId);
    const localOutput = (sessionId: string, kind: 'error' | 'info', text: string): void => {
      onOutput({ type: 'output', sessionId, kind, text, at: now() });
    };
    /** Notes a status change in the console, so it reads as a log of the session. */
    const announce = (sessionId: string, info: Pick<SessionInfo, 'status' | 'reason' | 'dialect'>): void => {
      const line = statusLine(info);
      if (line) localOutput(sessionId, line.kind, line.text);
    };

    /** The tab of a session just opened; its first lines go to its console. */
    const openedTab = (info: SessionInfo): SessionTab => {
      // Events sent before the answer are older than it, except for a retry delay it cannot carry.
      const before = early.get(info.sessionId);
      early.delete(info.sessionId);
      const retry = before && before.session.status === info.status ? before.retry : {};
      const tab = tabFromInfo(info, retry, now());
      if (closed.has(info.sessionId)) return tab;
      localOutput(tab.sessionId, 'info', `Connecting to ${tab.title}…`);
      if (tab.status !== 'connecting') announce(tab.sessionId, info);
      return tab;
    };

    return {
      tabs: [],
      activeId: undefined,

      async open(profileId, password) {
        const info = await api.openSession(password === undefined ? { profileId } : { profileId, password });
        const tab = openedTab(info);
        if (closed.has(info.sessionId)) return tab;
        set((state) => ({
          tabs: state.tabs.some((t) => t.sessionId === tab.sessionId)
            ? state.tabs.map((t) => (t.sessionId === tab.sessionId ? { ...tab, copy: t.copy } : t))
            : [...state.tabs, { ...tab, copy: nextCopyNumber(state.tabs, tab.profileId) }],
          activeId: tab.sessionId,
        }));
        return tab;
      },

      async close(sessionId) {
        const detached = get().tabs.find((tab) => tab.sessionId === sessionId)?.detached === true;
        closed.add(sessionId);
        early.delete(sessionId);
        outputCount.delete(sessionId);
        set((state) => {
          const index = state.tabs.findIndex((tab) => tab.sessionId === sessionId);
          if (index < 0) return state;
          const tabs = state.tabs.filter((tab) => tab.sessionId !== sessionId);
          const activeId =
            state.activeId === sessionId ? tabs[Math.min(index, tabs.length - 1)]?.sessionId : state.activeId;
          return { tabs, activeId };
        });
        if (detached) return;
        try {
          await api.closeSession(sessionId);
        } catch (error) {
          // Already gone on the main side is what we wanted anyway.
          if (errorKind(error) !== 'not-found') console.warn('Closing a session failed:', errorMessage(error));
        }
      },

      activate(sessionId) {
        if (hasTab(sessionId)) set({ activeId: sessionId });
      },

      cycle(direction) {
        const { tabs, activeId } = get();
        if (tabs.length === 0) return;
        const index = tabs.findIndex((tab) => tab.sessionId === activeId);
        const next = (Math.max(index, 0) + direction + tabs.length) % tabs.length;
        set({ activeId: tabs[next]!.sessionId });
      },

      moveTab(sessionId, toIndex) {
        set((state) => ({
          tabs: moveItem(
            state.tabs,
            state.tabs.findIndex((tab) => tab.sessionId === sessionId),
            toIndex,
          ) as SessionTab[],
        }));
      },

      async reconnect(sessionId, password) {
        // "Reconnect now" while waiting is one more retry: the header's status line shows it, not the output.
        const waiting = get().tabs.find((tab) => tab.sessionId === sessionId)?.status === 'reconnecting';
        updateTab(sessionId, (tab) => ({ ...tab, authFailed: false, reason: undefined, status: 'connecting' }));
        if (hasTab(sessionId) && !waiting) localOutput(sessionId, 'info', 'Reconnecting…');
        try {
          const info = await api.reconnectSession(sessionId, password);
          if (hasTab(sessionId)) {
            updateTab(sessionId, (tab) => tabFromInfo(info, {}, now(), tab));
          }
        } catch (error) {
          const reason = errorMessage(error);
          const authFailed = errorKind(error) === 'auth' || isAuthFailure({ status: 'error', reason });
          updateTab(sessionId, (tab) => ({ ...tab, status: 'error', reason, retryAt: undefined, authFailed }));
          localOutput(sessionId, 'error', `Reconnecting failed: ${reason}`);
        }
      },

      async send(sessionId, command) {
        const pending: PendingCommand = { id: nextPendingId++, command, sentAt: now() };
        updateTab(sessionId, (tab) => ({ ...tab, inFlight: tab.inFlight + 1, pending: [...tab.pending, pending] }));
        const seenBefore = outputCount.get(sessionId) ?? 0;
        try {
          return await api.sendCommand(sessionId, command);
        } catch (error) {
          // The main process echoes a command and its answer or failure as output events (sent before
          // its reply). A command refused before that (not connected) is ours to show.
          if (hasTab(sessionId) && (outputCount.get(sessionId) ?? 0) === seenBefore) {
            localOutput(sessionId, 'error', errorMessage(error));
          }
          return undefined;
        } finally {
          updateTab(sessionId, (tab) => ({
            ...tab,
            inFlight: Math.max(0, tab.inFlight - 1),
            pending: tab.pending.filter((p) => p.id !== pending.id),
          }));
        }
      },

      handleEvent(event) {
        if (event.type === 'output') {
          if (closed.has(event.sessionId)) return;
          outputCount.set(event.sessionId, (outputCount.get(event.sessionId) ?? 0) + 1);
          onOutput(event);
          return;
        }
        const { session } = event;
        const retry: RetryTiming = { retryInMs: event.retryInMs, attempt: event.attempt };
        if (closed.has(session.sessionId)) return;
        const previous = get().tabs.find((tab) => tab.sessionId === session.sessionId);
        if (!previous) {
          early.set(session.sessionId, { session, retry });
          return;
        }
        updateTab(session.sessionId, (tab) => tabFromInfo(session, retry, now(), tab));
        const changed =
          previous.status !== session.status || (session.status === 'error' && previous.reason !== session.reason);
        if (changed && !isRetryStep(previous.status, session.status, event.attempt)) {
          announce(session.sessionId, session);
        }
      },

      start() {
        return api.onSessionEvent((event) => get().handleEvent(event));
      },

      async restore(layout) {
        let sessions: SessionInfo[];
        try {
          sessions = await api.listSessions();
        } catch {
          sessions = []; // Nothing to restore is the normal case; a failure here is not worth a message.
        }
        const known = new Set(get().tabs.map((tab) => tab.sessionId));
        const live = new Map(
          sessions
            .filter((info) => !known.has(info.sessionId) && !closed.has(info.sessionId))
            .map((info) => [info.sessionId, info]),
        );
        const restored: SessionTab[] = [];
        const detached: { savedId: string; tab: SessionTab }[] = [];
        let activeId: string | undefined;
        layout?.tabs.forEach((saved, index) => {
          const info = live.get(saved.sessionId);
          live.delete(saved.sessionId);
          const tab = info
            ? tabFromInfo(info, {}, now())
            : detachedTab(`restored-${crypto.randomUUID()}`, saved.profileId, saved.title);
          if (!info) detached.push({ savedId: saved.sessionId, tab });
          restored.push(tab);
          if (index === layout.activeIndex) activeId = tab.sessionId;
        });
        restored.push(...[...live.values()].map((info) => tabFromInfo(info, {}, now())));
        if (restored.length === 0) return [];
        for (const tab of restored) {
          early.delete(tab.sessionId);
          localOutput(
            tab.sessionId,
            'info',
            tab.detached
              ? `${tab.title}: not connected since RCON Desk was closed.`
              : `${tab.title}: session restored after a reload of the window.`,
          );
        }
        set((state) => {
          const tabs = [...state.tabs];
          for (const tab of restored) tabs.push({ ...tab, copy: nextCopyNumber(tabs, tab.profileId) });
          return { tabs, activeId: state.activeId ?? activeId ?? restored[0]!.sessionId };
        });
        return detached;
      },

      async attach(sessionId, password) {
        const detached = get().tabs.find((tab) => tab.sessionId === sessionId);
        if (detached?.detached !== true) return;
        const { profileId } = detached;
        updateTab(sessionId, (tab) => ({ ...tab, status: 'connecting', reason: undefined, authFailed: false }));
        let info: SessionInfo;
        try {
          info = await api.openSession(password === undefined ? { profileId } : { profileId, password });
        } catch (error) {
          updateTab(sessionId, (tab) => ({ ...tab, status: 'disconnected', reason: errorMessage(error) }));
          throw error;
        }
        if (!hasTab(sessionId)) {
          // Closed while connecting: the session it asked for is not wanted any more.
          void api.closeSession(info.sessionId).catch(() => undefined);
          return;
        }
        const tab = openedTab(info);
        set((state) => ({
          tabs: state.tabs.map((t) => (t.sessionId === sessionId ? { ...tab, copy: t.copy } : t)),
          activeId: state.activeId === sessionId ? tab.sessionId : state.activeId,
        }));
      },
    };
  });
}
