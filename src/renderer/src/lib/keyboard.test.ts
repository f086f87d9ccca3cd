import { describe, expect, it } from 'vitest';
import { shortcutFor, type KeyLike } from './keyboard';
import { chordLabel, SHORTCUTS } from './shortcuts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: true,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcutFor', () => {
  it('maps the documented shortcuts', () => {
    expect(shortcutFor(key('t'))).toBe('new-tab');
    expect(shortcutFor(key('T'))).toBe('new-tab');
    expect(shortcutFor(key('w'))).toBe('close-tab');
    expect(shortcutFor(key('T', { shiftKey: true }))).toBe('reopen-tab');
    expect(shortcutFor(key('Tab'))).toBe('next-tab');
    expect(shortcutFor(key('Tab', { shiftKey: true }))).toBe('previous-tab');
    expect(shortcutFor(key('PageDown'))).toBe('next-tab');
    expect(shortcutFor(key('PageUp'))).toBe('previous-tab');
    expect(shortcutFor(key('l'))).toBe('focus-command');
    expect(shortcutFor(key('f'))).toBe('find');
    expect(shortcutFor(key('F1', { ctrlKey: false }))).toBe('help');
    expect(shortcutFor(key('b'))).toBe('toggle-sidebar');
    expect(shortcutFor(key('K'))).toBe('find-server');
    expect(shortcutFor(key('t', { ctrlKey: false, metaKey: true }))).toBe('new-tab');
  });

  it('ignores everything else', () => {
    expect(shortcutFor(key('t', { ctrlKey: false }))).toBeUndefined();
    expect(shortcutFor(key('t', { altKey: true }))).toBeUndefined();
    expect(shortcutFor(key('w', { shiftKey: true }))).toBeUndefined();
    expect(shortcutFor(key('r'))).toBeUndefined(); // Ctrl+R belongs to the command line
    expect(shortcutFor(key('c'))).toBeUndefined();
    expect(shortcutFor(key('Tab', { ctrlKey: false }))).toBeUndefined();
  });
});

const KEYS = [
  ...'abcdefghijklmnopqrstuvwxyz0123456789/.,;[]'.split(''),
  ...Array.from({ length: 12 }, (_, i) => `F${i + 1}`),
  'Tab',
  'Enter',
  'Escape',
  'Delete',
  'Backspace',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
];

describe('the shortcuts dialog lists every shortcut', () => {
  it('lists each key press the window handles, with the action it has', () => {
    let handled = 0;
    for (const name of KEYS) {
      for (let mods = 0; mods < 16; mods += 1) {
        const event = key(name, {
          ctrlKey: (mods & 1) !== 0,
          metaKey: (mods & 2) !== 0,
          shiftKey: (mods & 4) !== 0,
          altKey: (mods & 8) !== 0,
        });
        const action = shortcutFor(event);
        if (!action) continue;
        handled += 1;
        const label = chordLabel({ key: name, mod: event.ctrlKey || event.metaKey, shift: event.shiftKey });
        const listed = SHORTCUTS.filter((s) => s.action === action).flatMap((s) => s.chords.map((c) => chordLabel(c)));
        expect(listed, `${label} does ${action}`).toContain(label);
      }
    }
    expect(handled).toBeGreaterThan(10);
  });
});
