import { useEffect, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { getApi } from '../api';
import {
  continueReverseSearch,
  HistoryNavigator,
  startReverseSearch,
  updateReverseSearch,
  type ReverseSearchState,
} from '../lib/history-navigator';
import { isMultiLine, pastedCommands } from '../lib/pasted-lines';
import { serverNames } from '../lib/server-names';
import { tabComplete, type CompletionCycle } from '../lib/tab-completion';
import { CommandCompleter, presetCommandNames } from '../../../shared/command-completion';
import type { GameId } from '../../../shared/game-presets';
import { useUi } from '../stores/context';

interface CommandLineProps {
  profileId: string;
  /** Whose reported names Tab completes (src/renderer/src/lib/server-names.ts). */
  sessionId: string;
  /** The server's game, whose known commands Tab completes too. */
  game: GameId | undefined;
  active: boolean;
  connected: boolean;
  onSend: (command: string) => void;
  /** Several pasted lines: the parent confirms, then sends each as its own command. */
  onPasteCommands: (commands: string[]) => void;
  /** Lets the parent put a command in the line (quick commands with Shift). */
  registerSetter?: (set: (value: string) => void) => void;
}

/** Shows the query inside the match in bold, like a shell's reverse search. */
function HighlightedMatch({ entry, query }: { entry: string; query: string }) {
  const at = entry.toLowerCase().indexOf(query.toLowerCase());
  if (at < 0 || query === '') return <>{entry}</>;
  return (
    <>
      {entry.slice(0, at)}
      <mark>{entry.slice(at, at + query.length)}</mark>
      {entry.slice(at + query.length)}
    </>
  );
}

/**
 * The command input: Enter sends, Up/Down walk the history, Ctrl+R searches it (Ctrl+R again for
 * an older match, Enter or → takes the match, Esc gives back the line as it was).
 */
export function CommandLine({
  profileId,
  sessionId,
  game,
  active,
  connected,
  onSend,
  onPasteCommands,
  registerSetter,
}: CommandLineProps) {
  const [value, setValue] = useState('');
  const [search, setSearch] = useState<ReverseSearchState | undefined>();
  const [completion, setCompletion] = useState<CompletionCycle | undefined>();
  const beforeSearch = useRef('');
  const [historyNav] = useState(() => new HistoryNavigator());
  const inputRef = useRef<HTMLInputElement>(null);
  const focusRequest = useUi((s) => s.commandLineFocusRequest);

  useEffect(() => {
    let cancelled = false;
    getApi()
      .getHistory(profileId)
      .then((entries) => {
        if (cancelled) return;
        // Keep commands sent while the history was loading, unless the saved history already ends with them.
        const sent = historyNav.all;
        const alreadySaved = sent.length > 0 && entries.slice(-sent.length).join('\n') === sent.join('\n');
        historyNav.replace(alreadySaved ? entries : [...entries, ...sent]);
      })
      .catch(() => undefined); // No history is not worth an error.
    return () => {
      cancelled = true;
    };
  }, [profileId, historyNav]);

  useEffect(() => {
    if (active) inputRef.current?.focus();
  }, [active, focusRequest]);

  useEffect(() => {
    registerSetter?.((text) => {
      setSearch(undefined);
      setValue(text);
      inputRef.current?.focus();
    });
  }, [registerSetter]);

  const setAndMoveCaret = (text: string) => {
    setValue(text);
    requestAnimationFrame(() => {
      const input = inputRef.current;
      if (input) input.setSelectionRange(text.length, text.length);
    });
  };

  const acceptSearch = () => {
    const match = search?.match?.entry;
    setSearch(undefined);
    setAndMoveCaret(match ?? beforeSearch.current);
    historyNav.reset();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const ctrl = event.ctrlKey || event.metaKey;
    if (search) {
      if (ctrl && event.key.toLowerCase() === 'r') {
        event.preventDefault();
        setSearch(continueReverseSearch(historyNav, search));
      } else if (event.key === 'Escape' || (ctrl && event.key.toLowerCase() === 'g')) {
        event.preventDefault();
        event.stopPropagation();
        setSearch(undefined);
        setAndMoveCaret(beforeSearch.current);
      } else if (event.key === 'Enter' || event.key === 'ArrowRight' || event.key === 'Tab') {
        event.preventDefault();
        acceptSearch();
      } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
        event.preventDefault();
        acceptSearch();
      }
      return;
    }
    if (event.key === 'Tab' && !event.shiftKey && !ctrl && !event.altKey) {
      // Tab completes a name when there is one to complete; otherwise it moves on, as everywhere.
      const input = event.currentTarget;
      if (input.selectionStart !== value.length || input.selectionEnd !== value.length) return;
      const completer = new CommandCompleter([]);
      completer.setServerNames([...serverNames.names(sessionId), ...presetCommandNames(game)]);
      const result = tabComplete(value, completer, completion);
      if (!result) return;
      event.preventDefault();
      setCompletion(result.cycle);
      setAndMoveCaret(result.line);
      historyNav.reset();
      return;
    }
    if (completion) setCompletion(undefined);
    if (ctrl && event.key.toLowerCase() === 'r') {
      event.preventDefault();
      beforeSearch.current = value;
      setSearch(startReverseSearch());
      return;
    }
    switch (event.key) {
      case 'Enter': {
        event.preventDefault();
        const command = value.trim();
        if (command === '') return;
        historyNav.push(command);
        setValue('');
        onSend(command);
        return;
      }
      case 'ArrowUp': {
        event.preventDefault();
        const older = historyNav.up(value);
        if (older !== undefined) setAndMoveCaret(older);
        return;
      }
      case 'ArrowDown': {
        event.preventDefault();
        const newer = historyNav.down();
        if (newer !== undefined) setAndMoveCaret(newer);
        return;
      }
      case 'Escape':
        if (value !== '') {
          event.preventDefault();
          event.stopPropagation();
          historyNav.reset();
          setValue('');
        }
        return;
    }
  };

  // An <input> would glue pasted lines with spaces into one command: take them apart instead.
  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    if (search) return;
    const text = event.clipboardData.getData('text/plain');
    if (!isMultiLine(text)) return;
    event.preventDefault();
    const commands = pastedCommands(text);
    if (commands.length > 1) {
      onPasteCommands(commands);
      return;
    }
    const input = event.currentTarget;
    const start = input.selectionStart ?? value.length;
    const end = input.selectionEnd ?? value.length;
    const line = commands[0] ?? '';
    setValue(value.slice(0, start) + line + value.slice(end));
    historyNav.reset();
    const caret = start + line.length;
    requestAnimationFrame(() => inputRef.current?.setSelectionRange(caret, caret));
  };

  const searching = search !== undefined;
  return (
    <div className={`command-line${searching ? ' searching' : ''}${connected ? '' : ' offline'}`}>
      <span className="prompt" aria-hidden="true">
        {searching ? 'history' : '>'}
      </span>
      <div className="command-input-wrap">
        <input
          ref={inputRef}
          className="command-input"
          data-testid="command-input"
          aria-label={searching ? 'Search the command history' : 'Command'}
          spellCheck={false}
          autoComplete="off"
          autoCapitalize="off"
          placeholder={
            searching
              ? 'Type to search the history (Ctrl+R: older match, Enter: take it, Esc: cancel)'
              : connected
                ? 'Type a command and press Enter (↑/↓ history, Ctrl+R search)'
                : 'Not connected'
          }
          value={searching ? search.query : value}
          onChange={(event) => {
            if (searching) setSearch(updateReverseSearch(historyNav, search, event.target.value));
            else {
              setValue(event.target.value);
              historyNav.reset();
            }
          }}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onBlur={() => setCompletion(undefined)}
        />
        {searching && search.query !== '' && (
          <span
            className={`search-match${search.failed ? ' failed' : ''}`}
            data-testid="history-match"
            aria-live="polite"
          >
            {search.match ? <HighlightedMatch entry={search.match.entry} query={search.query} /> : 'no match'}
            {search.failed && search.match ? ' (no older match)' : ''}
          </span>
        )}
      </div>
      {completion && <CompletionList cycle={completion} />}
    </div>
  );
}

/** Shown at most, so a bare `help ` Tab over thousands of names stays one line or two. */
const LISTED_CANDIDATES = 24;

/** The names Tab walks through, above the command line; the one in the line is marked. */
function CompletionList({ cycle }: { cycle: CompletionCycle }) {
  const start = Math.max(0, Math.min(cycle.index, cycle.candidates.length - LISTED_CANDIDATES));
  const shown = cycle.candidates.slice(start, start + LISTED_CANDIDATES);
  const more = cycle.candidates.length - shown.length;
  return (
    <div className="completion-list" data-testid="completion-list" role="status" aria-live="polite">
      {shown.map((candidate, offset) => (
        <span
          key={candidate}
          className={start + offset === cycle.index ? 'completion current' : 'completion'}
          data-testid="completion"
        >
          {candidate}
        </span>
      ))}
      {more > 0 && <span className="completion-more">{cycle.candidates.length} names; Tab shows the next</span>}
    </div>
  );
}
