import { connectSelected } from '../actions';
import { useFleet, useProfiles, useSessions, useStores } from '../stores/context';
import { FleetViewHost } from './FleetViewHost';
import { ConsolePane } from './ConsolePane';
import { TerminalIcon } from './icons';
import { TabBar } from './TabBar';

/** The right side: tabs and their consoles, or a welcome message. */
export function Workspace() {
  const tabs = useSessions((s) => s.tabs);
  const activeId = useSessions((s) => s.activeId);
  const view = useFleet((s) => s.view);
  // The consoles stay mounted behind a fleet view, so their terminals and command lines keep their state.
  return (
    <main className="workspace">
      {view !== 'consoles' && <FleetViewHost view={view} />}
      {tabs.length > 0 ? (
        <div className="workspace-consoles" hidden={view !== 'consoles'}>
          <TabBar />
          <div className="consoles">
            {tabs.map((tab) => (
              <ConsolePane key={tab.sessionId} tab={tab} active={tab.sessionId === activeId} />
            ))}
          </div>
        </div>
      ) : (
        view === 'consoles' && <EmptyWorkspace />
      )}
      <StatusBar />
    </main>
  );
}

function EmptyWorkspace() {
  const stores = useStores();
  const selected = useProfiles((s) => s.profiles.find((p) => p.id === s.selectedId));
  const count = useProfiles((s) => s.profiles.length);
  return (
    <div className="empty-workspace">
      <TerminalIcon size={40} className="empty-icon" />
      <h1>No console open</h1>
      {count === 0 ? (
        <p>
          Add a server with <strong>Add</strong> in the list on the left, then open its console.
        </p>
      ) : (
        <p>
          Double-click a server, press <strong>Connect</strong>, or press <kbd>Ctrl</kbd>+<kbd>T</kbd>
          {selected ? (
            <>
              {' '}
              to open <strong>{selected.name}</strong>
            </>
          ) : null}
          .
        </p>
      )}
      {selected && (
        <button type="button" className="button primary" onClick={() => connectSelected(stores)}>
          Open {selected.name}
        </button>
      )}
      <ul className="hint-list">
        <li>
          <kbd>Ctrl</kbd>+<kbd>Tab</kbd> switches tabs, <kbd>Ctrl</kbd>+<kbd>W</kbd> closes one
        </li>
        <li>
          <kbd>↑</kbd>/<kbd>↓</kbd> walk the command history, <kbd>Ctrl</kbd>+<kbd>R</kbd> searches it
        </li>
      </ul>
    </div>
  );
}

function StatusBar() {
  const tabs = useSessions((s) => s.tabs);
  const keychain = useProfiles((s) => s.keychain);
  const connected = tabs.filter((tab) => tab.status === 'connected').length;
  return (
    <footer className="status-bar">
      <span>
        {tabs.length === 0
          ? 'No sessions'
          : `${tabs.length} session${tabs.length === 1 ? '' : 's'} · ${connected} connected`}
      </span>
      <span className="spacer" />
      <span title={keychain?.available === false ? keychain.reason : 'Passwords are kept in the system keychain'}>
        {keychain === undefined ? '' : keychain.available ? 'Keychain: available' : 'Keychain: unavailable'}
      </span>
    </footer>
  );
}
