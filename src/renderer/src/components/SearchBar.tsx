import { useEffect, useRef, useState } from 'react';
import type { ConsoleTerminal, SearchResults } from '../terminal/console-terminal';
import { ChevronDownIcon, ChevronUpIcon, CloseIcon } from './icons';
import { IconButton } from './IconButton';

/** Find in the console output (xterm search addon): Enter/F3 next, Shift+Enter previous, Esc closes. */
export function SearchBar({ terminal, onClose }: { terminal: ConsoleTerminal; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchResults | undefined>();
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
    const off = terminal.onSearchResults(setResults);
    return () => {
      off();
      terminal.clearSearch();
    };
  }, [terminal]);

  const next = () => terminal.findNext(query);
  const previous = () => terminal.findPrevious(query);

  let summary = '';
  if (query !== '' && results) {
    summary =
      results.count === 0
        ? 'No results'
        : results.index < 0
          ? `${results.count}+`
          : `${results.index + 1} of ${results.count}`;
  }

  return (
    <div className="search-bar" role="search">
      <input
        ref={inputRef}
        aria-label="Find in console"
        placeholder="Find"
        data-testid="search-input"
        value={query}
        spellCheck={false}
        onChange={(event) => {
          setQuery(event.target.value);
          if (event.target.value === '') {
            terminal.clearSearch();
            setResults(undefined);
          } else terminal.findNext(event.target.value, true);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === 'F3') {
            event.preventDefault();
            if (event.shiftKey) previous();
            else next();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            onClose();
          }
        }}
      />
      <span className="search-count" aria-live="polite">
        {summary}
      </span>
      <IconButton icon={ChevronUpIcon} title="Previous (Shift+Enter)" label="Previous match" onClick={previous} />
      <IconButton icon={ChevronDownIcon} title="Next (Enter)" label="Next match" onClick={next} />
      <IconButton icon={CloseIcon} title="Close (Esc)" label="Close search" onClick={onClose} />
    </div>
  );
}
