import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ProfileView, RconDeskApi } from '../../../shared/api';
import type { ServerStatus } from '../../../shared/server-status';
import { errorMessage } from '../api';

/** Choices for how often the sidebar asks each server for its status; 0 turns polling off. */
export const STATUS_INTERVALS_SECONDS = [15, 30, 60, 300, 0] as const;
export const DEFAULT_STATUS_INTERVAL_SECONDS = 30;
const INTERVAL_KEY = 'rcon-desk.status-interval-seconds';

export interface ServerStatusState {
  /** The latest status of each profile, by profile id. */
  statuses: Record<string, ServerStatus>;
  /** Profiles being asked right now. */
  checking: Record<string, true>;
  intervalSeconds: number;
  /** Asks each profile for its status at once; each row updates as its own answer arrives. */
  check(profiles: readonly ProfileView[]): Promise<void>;
  setIntervalSeconds(seconds: number): void;
  /** Drops the statuses of profiles that no longer exist. */
  keepOnly(profileIds: readonly string[]): void;
}

export type ServerStatusStore = StoreApi<ServerStatusState>;

/**
 * Sidebar status, polled by the renderer (see usePolling in components/ServerStatusLine.tsx):
 * it knows whether the window is visible, so main keeps no timer of its own.
 */
export function createServerStatusStore(api: RconDeskApi, storage: Storage | undefined): ServerStatusStore {
  return createStore<ServerStatusState>()((set, get) => ({
    statuses: {},
    checking: {},
    intervalSeconds: readInterval(storage),
    async check(profiles) {
      await Promise.all(
        profiles.map(async (profile) => {
          if (get().checking[profile.id]) return;
          set((state) => ({ checking: { ...state.checking, [profile.id]: true } }));
          let status: ServerStatus;
          try {
            status = await api.serverStatus(profile.id);
          } catch (error) {
            status = { profileId: profile.id, kind: 'offline', reason: errorMessage(error), checkedAt: Date.now() };
          }
          set((state) => {
            const checking = { ...state.checking };
            delete checking[profile.id];
            return { checking, statuses: { ...state.statuses, [profile.id]: status } };
          });
        }),
      );
    },
    setIntervalSeconds(seconds) {
      set({ intervalSeconds: seconds });
      try {
        storage?.setItem(INTERVAL_KEY, String(seconds));
      } catch {
        // A full or disabled storage only loses the preference.
      }
    },
    keepOnly(profileIds) {
      const keep = new Set(profileIds);
      const statuses = Object.fromEntries(Object.entries(get().statuses).filter(([id]) => keep.has(id)));
      set({ statuses });
    },
  }));
}

function readInterval(storage: Storage | undefined): number {
  let saved: string | null = null;
  try {
    saved = storage?.getItem(INTERVAL_KEY) ?? null;
  } catch {
    saved = null;
  }
  const seconds = Number(saved);
  return saved !== null && (STATUS_INTERVALS_SECONDS as readonly number[]).includes(seconds)
    ? seconds
    : DEFAULT_STATUS_INTERVAL_SECONDS;
}
