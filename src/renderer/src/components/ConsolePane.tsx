import {
  useCallback,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type ComponentType,
  type RefObject,
} from 'react';
import { errorMessage, getApi } from '../api';
import { copyText, reconnectTab, sendFromConsole } from '../actions';
import { DIALECT_LABELS, formatEndpoint } from '../lib/format';
import { isCopyChord, leavesTerminal } from '../lib/terminal-keys';
import { useProfiles, useStores, useUi } from '../stores/context';
import type { SessionTab } from '../stores/sessions';
import { terminals } from '../terminal/registry';
import { CommandLine } from './CommandLine';
import {
  ClipboardIcon,
  ClockIcon,
  CloseIcon,
  EraserIcon,
  MoreIcon,
  RefreshIcon,
  SaveIcon,
  SearchIcon,
  UsersIcon,
} from './icons';
import { MenuButton } from './MenuButton';
import { PendingCommands } from './PendingCommands';
import { PlayersPanel } from './PlayersPanel';
import { SearchBar } from './SearchBar';
import { StatusBadge } from './StatusBadge';
import { IconButton } from './IconButton';

/** Below this header width the tool buttons move into a menu, so nothing is drawn over anything. */
const COMPACT_HEADER_PX = 640;

interface ConsoleTool {
  icon: ComponentType<{ size?: number }>;
  label: string;
  title: string;
  pressed?: boolean;
  testId?: string;
  onClick: () => void;
}

/** Whether the element is narrower than `px`, followed as it resizes. */
function useNarrow(ref: RefObject<HTMLElement | null>, px: number): boolean {
  const [narrow, setNarrow] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      if (element.clientWidth > 0) setNarrow(element.clientWidth < px);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, px]);
  return narrow;
}

/** The session's last answer that was too long to show, followed as answers arrive. */
function useLongAnswer(sessionId: string) {
  return useSyncExternalStore(
    useCallback((changed: () => void) => terminals.onLongAnswer((id) => id === sessionId && changed()), [sessionId]),
    () => terminals.longAnswer(sessionId),
  );
}

/** A server name as part of a file name: no folder separators or characters file systems refuse. */
function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  return name.replace(/[\\/:*?"<>|\x00-\x1f]+/g, '-').trim() || 'console';
}

/** `20261130-094501`, local time. */
function fileStamp(at: number): string {
  const d = new Date(at);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/** One tab's console: status, toolbar, terminal, quick commands and the command line. */
export function ConsolePane({ tab, active }: { tab: SessionTab; active: boolean }) {
  const stores = useStores();
  const profile = useProfiles((s) => s.profiles.find((p) => p.id === tab.profileId));
  const timestamps = useUi((s) => s.timestamps);
  const searchRequest = useUi((s) => s.searchRequest);
  const [searchOpen, setSearchOpen] = useState(false);
  const [playersOpen, setPlayersOpen] = useState(false);
  const hostRef = useRef<HTMLDivElement>(null);
  const headerRef = useRef<HTMLElement>(null);
  const compact = useNarrow(headerRef, COMPACT_HEADER_PX);
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
    (command: string, typed = false) => {
      terminal.scrollToBottom();
      // A typed command that the user cancels goes back into the command line, to be edited.
      const onCancel = typed ? () => setCommand.current?.(command) : undefined;
      sendFromConsole(stores, tab.sessionId, command, onCancel);
    },
    [stores, tab.sessionId, terminal],
  );

  const longAnswer = useLongAnswer(tab.sessionId);
  const fileStem = safeFileName(profile?.name ?? tab.title);

  /** Saves a text, or (given a session id) the long answer the main process keeps for that session. */
  const saveToFile = async (suggestedName: string, content: string | { sessionId: string }, what: string) => {
    try {
      const api = getApi();
      const result =
        typeof content === 'string'
          ? await api.saveText({ suggestedName, text: content })
          : await api.saveLongAnswer({ suggestedName, sessionId: content.sessionId });
      if (result.saved) stores.ui.getState().notify(`Saved ${what} to ${result.path ?? suggestedName}`);
    } catch (error) {
      stores.ui.getState().notify(`Saving ${what} failed: ${errorMessage(error)}`, 'error');
    }
  };

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

  const tools: ConsoleTool[] = [
    {
      icon: UsersIcon,
      label: 'Players',
      title: 'Players: the list, kick, ban and message',
      pressed: playersOpen,
      testId: 'players-toggle',
      onClick: () => setPlayersOpen((open) => !open),
    },
    {
      icon: SearchIcon,
      label: 'Find',
      title: 'Find (Ctrl+F)',
      pressed: searchOpen,
      onClick: () => setSearchOpen((open) => !open),
    },
    {
      icon: ClockIcon,
      label: 'Timestamps',
      title: 'Timestamps',
      pressed: timestamps,
      testId: 'timestamps',
      onClick: () => stores.ui.getState().setTimestamps(!timestamps),
    },
    { icon: ClipboardIcon, label: 'Copy', title: 'Copy the selection, or everything', onClick: () => void copy() },
    {
      icon: SaveIcon,
      // The whole console as text: this is the tab's transcript (issue 12).
      label: 'Save transcript',
      title: 'Save transcript: the whole console to a text file…',
      onClick: () =>
        void saveToFile(`${fileStem}-transcript-${fileStamp(Date.now())}.txt`, terminal.text(), 'the transcript'),
    },
    { icon: EraserIcon, label: 'Clear', title: 'Clear the console', onClick: () => terminal.clear() },
  ];

  const endpoint = profile ? formatEndpoint(profile.host, profile.port) : '';
  const connected = tab.status === 'connected';
  // A deleted server has nothing to reconnect to: its tab keeps the output, without a Reconnect.
  const canReconnect = profile !== undefined && (tab.status === 'error' || tab.status === 'disconnected');
  // While waiting to retry, the next attempt can be had at once (the wait is not reset).
  const canReconnectNow = profile !== undefined && tab.status === 'reconnecting';
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
      <header className="console-header" ref={headerRef}>
        <div className="console-header-row">
          <div className="console-title" title={profile ? `${profile.name} — ${endpoint}` : tab.title}>
            <span className="color-dot" style={{ background: profile?.color || 'var(--text-faint)' }} />
            <span className="console-name">{profile?.name ?? tab.title}</span>
            {profile && <span className="console-endpoint">{endpoint}</span>}
            {tab.dialect && connected && <span className="dialect-tag">{DIALECT_LABELS[tab.dialect]}</span>}
          </div>
          <StatusBadge status={tab.status} retryAt={tab.retryAt} attempt={tab.attempt} />
          {canReconnect && (
            <button
              type="button"
              className={`button small reconnect-button${tab.authFailed ? ' primary' : ''}`}
              data-testid="reconnect"
              onClick={() => reconnectTab(stores, tab)}
              title={
                tab.detached
                  ? 'Connect this tab, restored after a restart'
                  : tab.authFailed
                    ? 'Enter the password and connect again'
                    : 'Connect again'
              }
            >
              <RefreshIcon size={13} /> {tab.detached ? 'Connect' : tab.authFailed ? 'Reconnect…' : 'Reconnect'}
            </button>
          )}
          {canReconnectNow && (
            <button
              type="button"
              className="button small reconnect-button"
              data-testid="reconnect-now"
              onClick={() => void stores.sessions.getState().reconnect(tab.sessionId)}
              title="Reconnect now: try at once instead of waiting"
              aria-label="Reconnect now"
            >
              {/* In a narrow header the icon alone, so the status line keeps its room. */}
              <RefreshIcon size={13} /> {!compact && 'Reconnect now'}
            </button>
          )}
          {compact ? (
            <MenuButton
              icon={MoreIcon}
              className="tool-button"
              label="Console tools"
              title="Find, timestamps, copy, clear…"
              testId="console-more"
              items={tools.map((tool) => ({
                key: tool.label,
                checked: tool.pressed,
                onSelect: tool.onClick,
                label: (
                  <>
                    <tool.icon size={14} />
                    <span className="menu-item-text">{tool.label}</span>
                  </>
                ),
              }))}
            />
          ) : (
            <div className="console-tools" role="toolbar" aria-label="Console">
              {tools.map((tool) => (
                <IconButton
                  key={tool.label}
                  icon={tool.icon}
                  className={`tool-button${tool.pressed ? ' on' : ''}`}
                  title={tool.title}
                  label={tool.label}
                  aria-pressed={tool.pressed}
                  data-testid={tool.testId}
                  onClick={tool.onClick}
                />
              ))}
            </div>
          )}
        </div>
        {tab.reason && tab.status !== 'connected' && (
          <p className="status-reason" data-testid="status-reason" title={tab.reason}>
            {tab.reason}
          </p>
        )}
      </header>
      {longAnswer && (
        <div className="long-answer-bar" role="status" data-testid="long-answer">
          <span>
            The last answer has {longAnswer.total.toLocaleString('en-US')} lines; the first{' '}
            {longAnswer.hidden.toLocaleString('en-US')} are not shown.
          </span>
          <button
            type="button"
            className="button small"
            data-testid="save-long-answer"
            onClick={() =>
              void saveToFile(
                `${fileStem}-answer-${fileStamp(longAnswer.at)}.txt`,
                { sessionId: tab.sessionId },
                'the full answer',
              )
            }
          >
            Save full answer…
          </button>
          <IconButton
            icon={CloseIcon}
            iconSize={12}
            label="Dismiss"
            title="Dismiss"
            onClick={() => terminals.forgetLongAnswer(tab.sessionId)}
          />
        </div>
      )}
      <div className="terminal-frame">
        {searchOpen && active && (
          <SearchBar
            terminal={terminal}
            onClose={() => {
              setSearchOpen(false);
              // Back to where commands are typed, not to the page's start.
              stores.ui.getState().requestCommandLineFocus();
            }}
          />
        )}
        {playersOpen && active && (
          <PlayersPanel sessionId={tab.sessionId} connected={connected} onClose={() => setPlayersOpen(false)} />
        )}
        <div
          ref={hostRef}
          className="terminal-host"
          data-testid="terminal"
          onKeyDown={(event) => {
            if (event.key === 'Escape' && leavesTerminal(event)) {
              event.preventDefault();
              stores.ui.getState().requestCommandLineFocus();
            } else if (isCopyChord(event) && terminal.hasSelection()) {
              event.preventDefault();
              void copy();
            }
          }}
          onMouseUp={() => {
            // A click that selects nothing goes back to the command line.
            if (!terminal.hasSelection()) stores.ui.getState().requestCommandLineFocus();
          }}
        />
      </div>
      <div className="console-input">
        <PendingCommands pending={tab.pending} />
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
          sessionId={tab.sessionId}
          game={profile?.game}
          active={active}
          connected={connected}
          onSend={(command) => send(command, true)}
          onPasteCommands={(commands) =>
            stores.ui.getState().openDialog({ kind: 'paste', sessionId: tab.sessionId, commands })
          }
          registerSetter={registerSetter}
        />
      </div>
    </section>
  );
}
