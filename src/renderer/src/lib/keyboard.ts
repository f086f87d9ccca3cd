import { SHORTCUTS, type Chord, type WindowAction } from './shortcuts';

export type ShortcutAction = WindowAction;

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Whether a key press is the chord; Ctrl and Cmd are one modifier. */
export function matchesChord(event: KeyLike, chord: Chord): boolean {
  if (event.altKey !== (chord.alt ?? false)) return false;
  if ((event.ctrlKey || event.metaKey) !== (chord.mod ?? false)) return false;
  if (event.shiftKey !== (chord.shift ?? false)) return false;
  return event.key.toLowerCase() === chord.key.toLowerCase();
}

/** What a key press means at the window level (from SHORTCUTS), or undefined if it is not a shortcut of the app. */
export function shortcutFor(event: KeyLike): ShortcutAction | undefined {
  for (const shortcut of SHORTCUTS) {
    if (shortcut.action && shortcut.chords.some((chord) => matchesChord(event, chord))) return shortcut.action;
  }
  return undefined;
}
