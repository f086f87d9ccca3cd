/** The parts of a keydown the terminal key rules look at. */
export interface KeyChord {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/**
 * Keys the output area must not keep: Tab and Shift+Tab move the focus on (to the command line,
 * back to the toolbar) and Esc returns to the command line. A read-only console has no use for them.
 */
export function leavesTerminal(event: KeyChord): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  return event.key === 'Tab' || event.key === 'Escape';
}

/** Ctrl+C (Cmd+C on macOS): copies a selection, as in a terminal. */
export function isCopyChord(event: KeyChord): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'c';
}
