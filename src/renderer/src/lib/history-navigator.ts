import { isSensitiveCommand } from '../../../shared/sensitive-commands';

/**
 * Shell-like command history for the command line: Up/Down walk older/newer entries, keeping the
 * line being typed as a draft; reverse search (Ctrl+R) finds the newest entry containing a query,
 * and pressing Ctrl+R again continues with older matches.
 */

export const DEFAULT_HISTORY_LIMIT = 1000;

export interface ReverseSearchMatch {
  /** Index in `entries` (oldest first). */
  index: number;
  entry: string;
}

export class HistoryNavigator {
  private entries: string[] = [];
  /** `entries.length` when not navigating. */
  private position = 0;
  private draft = '';

  constructor(
    initial: readonly string[] = [],
    private readonly limit = DEFAULT_HISTORY_LIMIT,
  ) {
    this.replace(initial);
  }

  /** Entries, oldest first. */
  get all(): readonly string[] {
    return this.entries;
  }

  get navigating(): boolean {
    return this.position < this.entries.length;
  }

  /** Replaces all entries (e.g. once the saved history is loaded) and stops navigating. */
  replace(entries: readonly string[]): void {
    const cleaned: string[] = [];
    for (const entry of entries) {
      if (entry.trim() === '' || cleaned[cleaned.length - 1] === entry) continue;
      cleaned.push(entry);
    }
    this.entries = cleaned.slice(-this.limit);
    this.reset();
  }

  /**
   * Adds a command just sent; a repeat of the newest entry is not added twice, and a command that
   * carries a secret is not added at all, as the saved history never holds one either.
   */
  push(command: string): void {
    if (isSensitiveCommand(command)) {
      this.reset();
      return;
    }
    if (command.trim() !== '' && this.entries[this.entries.length - 1] !== command) {
      this.entries.push(command);
      if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    }
    this.reset();
  }

  /** Stops navigating; the next `up` starts from the newest entry again. */
  reset(): void {
    this.position = this.entries.length;
    this.draft = '';
  }

  /**
   * The previous (older) entry. `current` is what the input holds now: it is kept as the draft
   * when navigation starts, and given back by `down` past the newest entry.
   * Returns undefined when there is nothing older (the input should stay as it is).
   */
  up(current: string): string | undefined {
    if (this.entries.length === 0) return undefined;
    if (!this.navigating) this.draft = current;
    if (this.position === 0) return undefined;
    this.position -= 1;
    return this.entries[this.position];
  }

  /** The next (newer) entry, or the draft past the newest one; undefined when not navigating. */
  down(): string | undefined {
    if (!this.navigating) return undefined;
    this.position += 1;
    if (this.position >= this.entries.length) {
      const draft = this.draft;
      this.reset();
      return draft;
    }
    return this.entries[this.position];
  }

  /**
   * The newest entry containing `query` (case-insensitive) strictly older than `before`
   * (default: search from the newest). An empty query matches nothing.
   */
  search(query: string, before = this.entries.length): ReverseSearchMatch | undefined {
    if (query === '') return undefined;
    const needle = query.toLowerCase();
    for (let index = Math.min(before, this.entries.length) - 1; index >= 0; index -= 1) {
      const entry = this.entries[index]!;
      if (entry.toLowerCase().includes(needle)) return { index, entry };
    }
    return undefined;
  }
}

/** State of an active Ctrl+R search, as the command line shows it. */
export interface ReverseSearchState {
  query: string;
  match: ReverseSearchMatch | undefined;
  /** True when the last attempt found nothing (the previous match, if any, is kept). */
  failed: boolean;
}

export function startReverseSearch(): ReverseSearchState {
  return { query: '', match: undefined, failed: false };
}

/** The query changed: search again from the newest entry. */
export function updateReverseSearch(
  history: HistoryNavigator,
  state: ReverseSearchState,
  query: string,
): ReverseSearchState {
  const match = history.search(query);
  return { query, match: match ?? (query === '' ? undefined : state.match), failed: query !== '' && !match };
}

/** Ctrl+R pressed again: the next older match for the same query. */
export function continueReverseSearch(history: HistoryNavigator, state: ReverseSearchState): ReverseSearchState {
  if (state.query === '') return state;
  const match = history.search(state.query, state.match?.index);
  return match ? { ...state, match, failed: false } : { ...state, failed: true };
}
