/**
 * Every keyboard shortcut of the app, in one list: the window-level ones are dispatched from it
 * (lib/keyboard.ts) and the help dialog shows all of it. shortcuts.test.ts fails when a component
 * handles a key this list does not name.
 */

/** What a window-level shortcut does (App.tsx carries it out). */
export type WindowAction =
  | 'new-tab'
  | 'close-tab'
  | 'reopen-tab'
  | 'next-tab'
  | 'previous-tab'
  | 'focus-command'
  | 'find'
  | 'help'
  | 'toggle-sidebar'
  | 'find-server';

/** One key combination. `mod` is Ctrl, or Cmd on macOS. */
export interface Chord {
  key: string;
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
}

export interface Shortcut {
  section: ShortcutSection;
  chords: readonly Chord[];
  what: string;
  /** Set for the shortcuts that work anywhere in the window. */
  action?: WindowAction;
}

export const SHORTCUT_SECTIONS = [
  'Tabs and window',
  'Command line',
  'Output',
  'Find',
  'Server list',
  'Menus and dialogs',
] as const;
export type ShortcutSection = (typeof SHORTCUT_SECTIONS)[number];

const mod = (key: string, shift = false): Chord => ({ key, mod: true, shift });
const plain = (key: string, shift = false): Chord => ({ key, shift });
const alt = (key: string): Chord => ({ key, alt: true });

export const SHORTCUTS: readonly Shortcut[] = [
  { section: 'Tabs and window', chords: [mod('t')], what: 'Open a console for the selected server', action: 'new-tab' },
  { section: 'Tabs and window', chords: [mod('w')], what: 'Close the current tab', action: 'close-tab' },
  {
    section: 'Tabs and window',
    chords: [mod('t', true)],
    what: 'Reopen the last closed tab (again: the one before)',
    action: 'reopen-tab',
  },
  { section: 'Tabs and window', chords: [mod('Tab'), mod('PageDown')], what: 'Next tab', action: 'next-tab' },
  {
    section: 'Tabs and window',
    chords: [mod('Tab', true), mod('PageUp')],
    what: 'Previous tab',
    action: 'previous-tab',
  },
  { section: 'Tabs and window', chords: [mod('l')], what: 'Focus the command line', action: 'focus-command' },
  { section: 'Tabs and window', chords: [mod('f')], what: 'Search the console output', action: 'find' },
  { section: 'Tabs and window', chords: [plain('F1')], what: 'This list of shortcuts', action: 'help' },
  { section: 'Tabs and window', chords: [alt('ArrowLeft'), alt('ArrowRight')], what: 'Move the focused tab' },
  {
    section: 'Tabs and window',
    chords: [mod('k')],
    what: 'Find a server in the list (Esc clears the search)',
    action: 'find-server',
  },
  { section: 'Tabs and window', chords: [mod('b')], what: 'Hide / show the server list', action: 'toggle-sidebar' },

  {
    section: 'Command line',
    chords: [plain('Enter')],
    what: 'Send the command (one that stops or restarts the server asks first)',
  },
  {
    section: 'Command line',
    chords: [plain('Tab')],
    what:
      'Complete a command or variable name the server reported (after cvarlist or help) or its game knows; ' +
      'again: the next name. On an empty line, or with nothing to complete, Tab moves to the next control',
  },
  { section: 'Command line', chords: [plain('ArrowUp'), plain('ArrowDown')], what: 'Walk the command history' },
  { section: 'Command line', chords: [mod('r')], what: 'Search the history (again: an older match)' },
  {
    section: 'Command line',
    chords: [plain('Enter'), plain('ArrowRight'), plain('Tab')],
    what: 'In a history search: take the match',
  },
  {
    section: 'Command line',
    chords: [plain('Escape'), mod('g')],
    what: 'In a history search: cancel it; otherwise Esc clears the line',
  },

  { section: 'Output', chords: [mod('c')], what: 'Copy the selected output' },
  {
    section: 'Output',
    chords: [plain('Tab'), plain('Tab', true)],
    what: 'Move between the output, the command line and the tools',
  },
  { section: 'Output', chords: [plain('Escape')], what: 'Back to the command line' },

  { section: 'Find', chords: [plain('Enter'), plain('F3')], what: 'Next match' },
  { section: 'Find', chords: [plain('Enter', true), plain('F3', true)], what: 'Previous match' },
  { section: 'Find', chords: [plain('Escape')], what: 'Close the search bar, back to the command line' },

  {
    section: 'Server list',
    chords: [plain('ArrowUp'), plain('ArrowDown'), plain('Home'), plain('End')],
    what: 'Move between servers and groups',
  },
  { section: 'Server list', chords: [plain('ArrowLeft'), plain('ArrowRight')], what: 'Fold / unfold a group' },
  {
    section: 'Server list',
    chords: [alt('ArrowUp'), alt('ArrowDown')],
    what: 'Move the focused server or group (a server crosses into the next group at the edge)',
  },
  { section: 'Server list', chords: [plain('Enter')], what: 'Open a console for the server' },
  { section: 'Server list', chords: [plain('F2')], what: 'Edit the server' },
  { section: 'Server list', chords: [plain('Delete')], what: 'Delete the server (asks first)' },

  {
    section: 'Menus and dialogs',
    chords: [plain('ArrowUp'), plain('ArrowDown'), plain('Home'), plain('End')],
    what: 'Move through an open menu',
  },
  { section: 'Menus and dialogs', chords: [plain('Escape')], what: 'Close the menu or dialog' },
  {
    section: 'Menus and dialogs',
    chords: [plain('Tab'), plain('Tab', true)],
    what: 'Move between the controls of a dialog (the focus stays in it)',
  },
];

const KEY_NAMES: Readonly<Record<string, string>> = {
  ArrowUp: '↑',
  ArrowDown: '↓',
  ArrowLeft: '←',
  ArrowRight: '→',
  Escape: 'Esc',
  PageUp: 'PgUp',
  PageDown: 'PgDn',
  Delete: 'Del',
};

/** The keys of a chord as the dialog shows them, e.g. ["Ctrl", "Shift", "T"]. */
export function chordKeys(chord: Chord, mac = false): string[] {
  const key = KEY_NAMES[chord.key] ?? (chord.key.length === 1 ? chord.key.toUpperCase() : chord.key);
  return [
    ...(chord.mod ? [mac ? 'Cmd' : 'Ctrl'] : []),
    ...(chord.alt ? [mac ? 'Option' : 'Alt'] : []),
    ...(chord.shift ? ['Shift'] : []),
    key,
  ];
}

/** E.g. "Ctrl+Shift+T". */
export function chordLabel(chord: Chord, mac = false): string {
  return chordKeys(chord, mac).join('+');
}
