import { useEffect } from 'react';
import { closeTab, connectSelected, reopenClosedTab } from './actions';
import { getApi } from './api';
import { reportForegroundSession, showSessionOnRequest } from './foreground';
import { Dialogs } from './components/Dialogs';
import { Sidebar } from './components/Sidebar';
import { Toast } from './components/Toast';
import { Workspace } from './components/Workspace';
import { shortcutFor } from './lib/keyboard';
import { restoreTabs } from './restore-tabs';
import { useStores } from './stores/context';

export function App() {
  const stores = useStores();

  useEffect(() => {
    const stop = stores.sessions.getState().start();
    const stopFleet = stores.fleet.getState().start();
    const stopForeground = reportForegroundSession(stores, getApi());
    const stopShowing = showSessionOnRequest(stores, getApi());
    let stopKeepingTabs: (() => void) | undefined;
    let stopped = false;
    void stores.profiles
      .getState()
      .load()
      .then(() => restoreTabs(stores, typeof localStorage === 'undefined' ? undefined : localStorage))
      .then((stopKeeping) => {
        if (stopped) stopKeeping();
        else stopKeepingTabs = stopKeeping;
      });
    return () => {
      stopped = true;
      stop();
      stopFleet();
      stopKeepingTabs?.();
      stopForeground();
      stopShowing();
    };
  }, [stores]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const action = shortcutFor(event);
      // Fleet views open their own dialogs (the broadcast confirmation): any modal blocks shortcuts.
      const modalOpen = document.querySelector('[role=dialog][aria-modal=true]') !== null;
      if (!action || modalOpen || stores.ui.getState().dialog.kind !== 'none') return;
      event.preventDefault();
      const sessions = stores.sessions.getState();
      switch (action) {
        case 'new-tab':
          connectSelected(stores);
          break;
        case 'close-tab':
          if (sessions.activeId !== undefined) closeTab(stores, sessions.activeId);
          break;
        case 'reopen-tab':
          void reopenClosedTab(stores);
          break;
        case 'help':
          stores.ui.getState().openDialog({ kind: 'help' });
          break;
        case 'next-tab':
          sessions.cycle(1);
          stores.ui.getState().requestCommandLineFocus();
          break;
        case 'previous-tab':
          sessions.cycle(-1);
          stores.ui.getState().requestCommandLineFocus();
          break;
        case 'focus-command':
          stores.ui.getState().requestCommandLineFocus();
          break;
        case 'find':
          if (sessions.activeId !== undefined) stores.ui.getState().requestSearch();
          break;
        case 'toggle-sidebar':
          stores.sidebar.getState().setCollapsed(!stores.sidebar.getState().collapsed);
          break;
        case 'find-server':
          stores.sidebar.getState().requestSearchFocus();
          break;
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [stores]);

  return (
    <div className="app">
      <Sidebar />
      <Workspace />
      <Dialogs />
      <Toast />
    </div>
  );
}
