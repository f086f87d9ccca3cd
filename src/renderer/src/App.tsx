import { useEffect } from 'react';
import { connectSelected } from './actions';
import { getApi } from './api';
import { reportForegroundSession } from './foreground';
import { Dialogs } from './components/Dialogs';
import { Sidebar } from './components/Sidebar';
import { Toast } from './components/Toast';
import { Workspace } from './components/Workspace';
import { shortcutFor } from './lib/keyboard';
import { useStores } from './stores/context';

export function App() {
  const stores = useStores();

  useEffect(() => {
    void stores.profiles.getState().load();
    const stop = stores.sessions.getState().start();
    const stopFleet = stores.fleet.getState().start();
    const stopForeground = reportForegroundSession(stores, getApi());
    void stores.sessions.getState().restore();
    return () => {
      stop();
      stopFleet();
      stopForeground();
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
          if (sessions.activeId !== undefined) void sessions.close(sessions.activeId);
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
