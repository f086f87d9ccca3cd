import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  KeychainStatus,
  ProfilesLoadReport,
  ProfileView,
  RconDeskApi,
  SaveProfileRequest,
} from '../../../shared/api';
import { errorMessage } from '../api';
import { moveProfile } from '../lib/profile-order';

export interface ProfilesState {
  profiles: ProfileView[];
  loaded: boolean;
  /** Why the list could not be loaded, in words. */
  loadError: string | undefined;
  keychain: KeychainStatus | undefined;
  loadReport: ProfilesLoadReport | undefined;
  selectedId: string | undefined;

  /** Loads profiles, keychain status and the load report; never rejects (errors land in loadError). */
  load(): Promise<void>;
  select(id: string | undefined): void;
  /** Creates or updates; rejects with the ApiError so the editor can show it. */
  save(request: SaveProfileRequest): Promise<ProfileView>;
  duplicate(id: string): Promise<ProfileView>;
  remove(id: string): Promise<void>;
  /** Moves a profile up (-1) or down (+1) inside its group. */
  move(id: string, direction: -1 | 1): Promise<void>;
  /**
   * Saves a new order of every profile (from lib/profile-order), and first a profile's new group
   * when it changes group. Shown at once; rolled back, and rejects, when saving fails.
   */
  reorder(ids: string[], regroup?: { id: string; group: string }): Promise<void>;
  byId(id: string): ProfileView | undefined;
}

export type ProfilesStore = StoreApi<ProfilesState>;

export function createProfilesStore(api: RconDeskApi): ProfilesStore {
  return createStore<ProfilesState>()((set, get) => ({
    profiles: [],
    loaded: false,
    loadError: undefined,
    keychain: undefined,
    loadReport: undefined,
    selectedId: undefined,

    async load() {
      const [profiles, keychain, loadReport] = await Promise.allSettled([
        api.listProfiles(),
        api.keychainStatus(),
        api.profilesLoadReport(),
      ]);
      set((state) => {
        const list = profiles.status === 'fulfilled' ? profiles.value : state.profiles;
        const selectedId =
          state.selectedId !== undefined && list.some((p) => p.id === state.selectedId)
            ? state.selectedId
            : list[0]?.id;
        return {
          profiles: list,
          loaded: true,
          loadError: profiles.status === 'rejected' ? errorMessage(profiles.reason) : undefined,
          keychain:
            keychain.status === 'fulfilled'
              ? keychain.value
              : { available: false, reason: errorMessage(keychain.reason) },
          loadReport: loadReport.status === 'fulfilled' ? loadReport.value : state.loadReport,
          selectedId,
        };
      });
    },

    select(id) {
      set({ selectedId: id });
    },

    async save(request) {
      const saved = await api.saveProfile(request);
      set((state) => {
        const exists = state.profiles.some((p) => p.id === saved.id);
        return {
          profiles: exists ? state.profiles.map((p) => (p.id === saved.id ? saved : p)) : [...state.profiles, saved],
          selectedId: saved.id,
        };
      });
      return saved;
    },

    async duplicate(id) {
      const copy = await api.duplicateProfile(id);
      // The copy's place in the list is the main process's decision: reload the order.
      const profiles = await api.listProfiles().catch(() => [...get().profiles, copy]);
      set({ profiles, selectedId: copy.id });
      return copy;
    },

    async remove(id) {
      await api.deleteProfile(id);
      set((state) => {
        const index = state.profiles.findIndex((p) => p.id === id);
        const profiles = state.profiles.filter((p) => p.id !== id);
        const selectedId =
          state.selectedId === id
            ? (profiles[Math.min(index, profiles.length - 1)]?.id ?? undefined)
            : state.selectedId;
        return { profiles, selectedId };
      });
    },

    async move(id, direction) {
      const ids = moveProfile(get().profiles, id, direction);
      if (ids) await get().reorder(ids);
    },

    async reorder(ids, regroup) {
      // Optimistic: show the new order at once, then take the saved one (or roll back).
      const before = get().profiles;
      const byId = new Map(before.map((p) => [p.id, p]));
      const shown = (p: ProfileView): ProfileView => (p.id === regroup?.id ? { ...p, group: regroup.group } : p);
      set({ profiles: ids.flatMap((pid) => (byId.has(pid) ? [shown(byId.get(pid)!)] : [])) });
      try {
        const moving = regroup && byId.get(regroup.id);
        if (regroup && moving) {
          const { id, hasSavedPassword: _saved, ...draft } = moving;
          await api.saveProfile({ id, profile: { ...draft, group: regroup.group }, password: { kind: 'keep' } });
        }
        set({ profiles: await api.reorderProfiles(ids) });
      } catch (error) {
        // The group may have been saved before the order failed: the main process knows best.
        set({ profiles: await api.listProfiles().catch(() => before) });
        throw error;
      }
    },

    byId(id) {
      return get().profiles.find((p) => p.id === id);
    },
  }));
}
