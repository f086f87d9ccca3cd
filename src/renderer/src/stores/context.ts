import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppStores } from './app-stores';
import type { ClosedTabsState } from './closed-tabs';
import type { FleetState } from './fleet';
import type { ProfilesState } from './profiles';
import type { ServerStatusState } from './server-status';
import type { SessionsState } from './sessions';
import type { SidebarState } from './sidebar';
import type { UiState } from './ui';

export const StoresContext = createContext<AppStores | undefined>(undefined);

export function useStores(): AppStores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores() outside <StoresContext.Provider>.');
  return stores;
}

export function useProfiles<T>(selector: (state: ProfilesState) => T): T {
  return useStore(useStores().profiles, selector);
}

export function useSessions<T>(selector: (state: SessionsState) => T): T {
  return useStore(useStores().sessions, selector);
}

export function useServerStatus<T>(selector: (state: ServerStatusState) => T): T {
  return useStore(useStores().status, selector);
}

export function useUi<T>(selector: (state: UiState) => T): T {
  return useStore(useStores().ui, selector);
}

export function useFleet<T>(selector: (state: FleetState) => T): T {
  return useStore(useStores().fleet, selector);
}

export function useClosedTabs<T>(selector: (state: ClosedTabsState) => T): T {
  return useStore(useStores().closedTabs, selector);
}

export function useSidebar<T>(selector: (state: SidebarState) => T): T {
  return useStore(useStores().sidebar, selector);
}
