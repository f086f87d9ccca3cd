import { useCallback, useEffect, useRef, useState } from 'react';
import { copyText, reconnectTab } from '../actions';
import { DIALECT_LABELS, formatEndpoint } from '../lib/format';
import { useProfiles, useStores, useUi } from '../stores/context';
import type { SessionTab } from '../stores/sessions';
import { terminals } from '../terminal/registry';
import { CommandLine } from './CommandLine';
import { ClipboardIcon, ClockIcon, EraserIcon, RefreshIcon, SearchIcon, UsersIcon } from './icons';
import { PlayersPanel } from './PlayersPanel';
import { SearchBar } from './SearchBar';
import { StatusBadge } from './StatusBadge';
import { IconButton } from './IconButton';

/** One tab's console: status, toolbar, terminal, quick commands and the command line. */
export function ConsolePane({ tab, active }: { tab: SessionTab; active: boolean }) {
  const stores = useStores();
  const profile = useProfiles((s) => s.profiles.find((p) => p.id === tab.profileId));
  const timestamps = useUi((s) => s.timestamps);
  const searchRequest = useUi((s) => s.searchRequest);
  const [searchOpen, setSearchOpen] = useState(false);
  const [playersOpen, setPlayersOpen] = useState(false);
  const hostRef = useRef<HTMLDivElement>(null);
  const terminal = terminals.getOrCreate(tab.sessionId);
  const setCommand = useRef<(value: string) => void>(undefined);
  const lastSearchRequest = useRef(searchRequest);
  const registerSetter = useCallback((set: (value: string) => void) => {
    setCommand.current = set;
  }, []);

  // Attach the terminal while the tab is shown, and keep it fitted to its box.
  useEffect(() => {
    const host = hostRef.current;
    if (!active || !host) return;
    terminal.attach(host);
    const observer = new ResizeObserver(() => terminal.fit());
    observer.observe(host);
    const frame = requestAnimationFrame(() => terminal.fit());
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [active, terminal]);

  useEffect(() => {
    if (searchRequest !== lastSearchRequest.current) {
      lastSearchRequest.current = searchRequest;
      // eslint-disable-next-line react-hooks/set-state-in-effect -- answering a Ctrl+F request from the store
      if (active) setSearchOpen(true);
    }
  }, [searchRequest, active]);

  const send = useCallback(
    (command: string) => {
      terminal.scrollToBottom();
      void stores.sessions.getState().send(tab.sessionId, command);
    },
    [stores, tab.sessionId, terminal],
  );

  const copy = async () => {
    const selection = terminal.selection();
    const text = selection !== '' ? selection : terminal.text();
    const ok = await copyText(text);
    const lines = text === '' ? 0 : text.split('\n').length;
    stores.ui
      .getState()
      .notify(
        ok
          ? `Copied ${selection !== '' ? 'the selection' : 'the whole console'} (${lines} line${lines === 1 ? '' : 's'})`
          : 'Copying to the clipboard failed',
        ok ? 'info' : 'error',
      );
  };

  const connected = tab.status === 'connected';
  const canReconnect = tab.status === 'error' || tab.status === 'disconnected';
  const quickCommands = profile?.quickCommands ?? [];

  return (
    <section
      className="console-pane"
      role="tabpanel"
      id={`console-${tab.sessionId}`}
      aria-labelledby={`tab-${tab.sessionId}`}
      hidden={!active}
      data-testid="console"
      data-session-id={tab.sessionId}
    >
      <header className="console-header">
        <div className="console-title">
          <span className="color-dot" style={{ background: profile?.color || 'var(--text-faint)' }} />
          <span className="console-name">{profile?.name ?? tab.title}</span>
          {profile && <span className="console-endpoint">{formatEndpoint(profile.host, profile.port)}</span>}
          {tab.dialect && <span className="dialect-tag">{DIALECT_LABELS[tab.dialect]}</span>}
          <StatusBadge status={tab.status} retryAt={tab.retryAt} />
          {tab.reason && tab.status !== 'connected' && (
            <span className="status-reason" data-testid="status-reason" title={tab.reason}>
              {tab.reason}
            </span>
          )}
          {canReconnect && (
            <button
              type="button"
              className={`button small${tab.authFailed ? ' primary' : ''}`}
              data-testid="reconnect"
              onClick={() => reconnectTab(stores, tab)}
              title={tab.authFailed ? 'Enter the password and connect again' : 'Connect again'}
            >
              <RefreshIcon size={13} /> {tab.authFailed ? 'Reconnect…' : 'Reconnect'}
            </button>
          )}
        </div>
        <div className="console-tools" role="toolbar" aria-label="Console">
          <IconButton
            icon={UsersIcon}
            className={`tool-button${playersOpen ? ' on' : ''}`}
            title="Players"
            label="Players"
            aria-pressed={playersOpen}
            data-testid="players-toggle"
            onClick={() => setPlayersOpen((open) => !open)}
          />
          <IconButton
            icon={SearchIcon}
            className={`tool-button${searchOpen ? ' on' : ''}`}
            title="Find (Ctrl+F)"
            label="Find"
            onClick={() => setSearchOpen((open) => !open)}
          />
          <IconButton
            icon={ClockIcon}
            className={`tool-button${timestamps ? ' on' : ''}`}
            title="Timestamps"
            label="Timestamps"
            aria-pressed={timestamps}
            data-testid="timestamps"
            onClick={() => stores.ui.getState().setTimestamps(!timestamps)}
          />
          <IconButton
            icon={ClipboardIcon}
            className="tool-button"
            title="Copy the selection, or everything"
            label="Copy"
            onClick={() => void copy()}
          />
          <IconButton
            icon={EraserIcon}
            className="tool-button"
            title="Clear the console"
            label="Clear"
            onClick={() => terminal.clear()}
          />
        </div>
      </header>
      <div className="terminal-frame">
        {searchOpen && active && <SearchBar terminal={terminal} onClose={() => setSearchOpen(false)} />}
        {playersOpen && active && (
          <PlayersPanel sessionId={tab.sessionId} connected={connected} onClose={() => setPlayersOpen(false)} />
        )}
        <div
          ref={hostRef}
          className="terminal-host"
          data-testid="terminal"
          onMouseUp={() => {
            // A click that selects nothing goes back to the command line.
            if (!terminal.hasSelection()) stores.ui.getState().requestCommandLineFocus();
          }}
        />
      </div>
      <div className="console-input">
        {quickCommands.length > 0 && (
          <div className="quick-commands" aria-label="Quick commands">
            {quickCommands.map((command, index) => (
              <button
                key={`${index}-${command}`}
                type="button"
                className="chip"
                title={`Send “${command}” (Shift+click to edit first)`}
                disabled={!connected}
                onClick={(event) => {
                  if (event.shiftKey) setCommand.current?.(command);
                  else send(command);
                }}
              >
                {command}
              </button>
            ))}
          </div>
        )}
        <CommandLine
          profileId={tab.profileId}
          active={active}
          connected={connected}
          onSend={send}
          registerSetter={registerSetter}
        />
      </div>
    </section>
  );
}
