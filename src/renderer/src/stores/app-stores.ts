import type { RconDeskApi } from '../../../shared/api';
import { createClosedTabsStore, type ClosedTabsStore } from './closed-tabs';
import { createFleetStore, type FleetStore } from './fleet';
import { createProfilesStore, type ProfilesStore } from './profiles';
import { createServerStatusStore, type ServerStatusStore } from './server-status';
import { createSessionsStore, type OutputEvent, type SessionsStore } from './sessions';
import { createUiStore, type UiStore } from './ui';

export interface AppStores {
  profiles: ProfilesStore;
  sessions: SessionsStore;
  ui: UiStore;
  status: ServerStatusStore;
  fleet: FleetStore;
  closedTabs: ClosedTabsStore;
}

export function createAppStores(api: RconDeskApi, onOutput: (event: OutputEvent) => void): AppStores {
  return {
    profiles: createProfilesStore(api),
    sessions: createSessionsStore(api, { onOutput }),
    ui: createUiStore(),
    status: createServerStatusStore(api, typeof localStorage === 'undefined' ? undefined : localStorage),
    fleet: createFleetStore(api),
    closedTabs: createClosedTabsStore(),
  };
}
