import type { RconDeskApi } from '../../../shared/api';
import { createFleetStore, type FleetStore } from './fleet';
import { createProfilesStore, type ProfilesStore } from './profiles';
import { createServerStatusStore, type ServerStatusStore } from './server-status';
import { createSessionsStore, type OutputEvent, type SessionsStore } from './sessions';
import { createSidebarStore, type SidebarStore } from './sidebar';
import { createUiStore, type UiStore } from './ui';

export interface AppStores {
  profiles: ProfilesStore;
  sessions: SessionsStore;
  ui: UiStore;
  status: ServerStatusStore;
  fleet: FleetStore;
  sidebar: SidebarStore;
}

export function createAppStores(api: RconDeskApi, onOutput: (event: OutputEvent) => void): AppStores {
  const storage = typeof localStorage === 'undefined' ? undefined : localStorage;
  return {
    profiles: createProfilesStore(api),
    sessions: createSessionsStore(api, { onOutput }),
    ui: createUiStore(),
    status: createServerStatusStore(api, storage),
    fleet: createFleetStore(api),
    sidebar: createSidebarStore(storage),
  };
}
