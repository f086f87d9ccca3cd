/** What a key press means at the window level, or undefined if it is not a shortcut of the app. */
export type ShortcutAction =
  'new-tab' | 'close-tab' | 'next-tab' | 'previous-tab' | 'focus-command' | 'find' | 'toggle-sidebar' | 'find-server';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export function shortcutFor(event: KeyLike): ShortcutAction | undefined {
  const ctrl = event.ctrlKey || event.metaKey;
  if (!ctrl || event.altKey) return undefined;
  const key = event.key.toLowerCase();
  if (key === 'tab') return event.shiftKey ? 'previous-tab' : 'next-tab';
  if (key === 'pagedown' && !event.shiftKey) return 'next-tab';
  if (key === 'pageup' && !event.shiftKey) return 'previous-tab';
  if (event.shiftKey) return undefined;
  switch (key) {
    case 't':
      return 'new-tab';
    case 'w':
      return 'close-tab';
    case 'l':
      return 'focus-command';
    case 'f':
      return 'find';
    case 'b':
      return 'toggle-sidebar';
    case 'k':
      return 'find-server';
    default:
      return undefined;
  }
}
