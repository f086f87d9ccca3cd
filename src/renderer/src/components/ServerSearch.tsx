import { useEffect, useRef } from 'react';
import { useSidebar, useStores } from '../stores/context';
import { CloseIcon, SearchIcon } from './icons';
import { IconButton } from './IconButton';

/** Filters the server list as one types; Esc clears, Down goes to the first server shown. */
export function ServerSearch() {
  const stores = useStores();
  const filter = useSidebar((s) => s.filter);
  const focusRequest = useSidebar((s) => s.searchFocusRequest);
  const inputRef = useRef<HTMLInputElement>(null);
  const setFilter = (value: string) => stores.sidebar.getState().setFilter(value);

  useEffect(() => {
    if (focusRequest === 0) return;
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [focusRequest]);

  return (
    <div className="server-search" role="search">
      <SearchIcon size={13} className="server-search-icon" />
      <input
        ref={inputRef}
        type="text"
        value={filter}
        placeholder="Find a server (Ctrl+K)"
        aria-label="Find a server by name, address, group or game"
        data-testid="server-search"
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => setFilter(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && filter !== '') {
            event.preventDefault();
            event.stopPropagation();
            setFilter('');
          } else if (event.key === 'ArrowDown') {
            // The list's tab stop: the selected server when it is shown, else the first item.
            const first = document.querySelector<HTMLElement>('.profile-list [data-nav-key][tabindex="0"]');
            if (first) {
              event.preventDefault();
              first.focus();
            }
          }
        }}
      />
      {filter !== '' && (
        <IconButton
          icon={CloseIcon}
          iconSize={12}
          className="icon-button server-search-clear"
          label="Clear the search"
          title="Clear the search (Esc)"
          onClick={() => {
            setFilter('');
            inputRef.current?.focus();
          }}
        />
      )}
    </div>
  );
}
