import '@xterm/xterm/css/xterm.css';
import './styles.css';
import './workspace.css';
import './sidebar.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getApi } from './api';
import { App } from './App';
import { createAppStores } from './stores/app-stores';
import { StoresContext } from './stores/context';
import { serverNames } from './lib/server-names';
import { terminals } from './terminal/registry';
import { installTestHook } from './test-hook';

const stores = createAppStores(getApi(), (event) => {
  serverNames.observe(event);
  if (event.kind !== 'info') stores.closedTabs.getState().noteOutput(event.sessionId);
  const { more, stream, dropped } = event;
  terminals.append(event.sessionId, { kind: event.kind, text: event.text, at: event.at }, { more, stream, dropped });
});

// Terminals live outside React: dispose of a tab's terminal when its tab goes away.
stores.sessions.subscribe((state, previous) => {
  if (state.tabs === previous.tabs) return;
  const open = new Set(state.tabs.map((tab) => tab.sessionId));
  for (const tab of previous.tabs) {
    if (open.has(tab.sessionId)) continue;
    terminals.dispose(tab.sessionId);
    serverNames.forget(tab.sessionId);
  }
});
stores.ui.subscribe((state, previous) => {
  if (state.timestamps !== previous.timestamps) terminals.setTimestamps(state.timestamps);
});

installTestHook(stores);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoresContext.Provider value={stores}>
      <App />
    </StoresContext.Provider>
  </StrictMode>,
);
