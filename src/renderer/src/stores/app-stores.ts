import type { RconDeskApi } from '../../../shared/api';
import { createClosedTabsStore, type ClosedTabsStore } from './closed-tabs';
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
  closedTabs: ClosedTabsStore;
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
    closedTabs: createClosedTabsStore(),
    sidebar: createSidebarStore(storage),
  };
}
