import { describe, expect, it } from 'vitest';
import { shortcutFor, type KeyLike } from './keyboard';

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
    expect(shortcutFor(key('Tab'))).toBe('next-tab');
    expect(shortcutFor(key('Tab', { shiftKey: true }))).toBe('previous-tab');
    expect(shortcutFor(key('PageDown'))).toBe('next-tab');
    expect(shortcutFor(key('l'))).toBe('focus-command');
    expect(shortcutFor(key('f'))).toBe('find');
    expect(shortcutFor(key('b'))).toBe('toggle-sidebar');
    expect(shortcutFor(key('K'))).toBe('find-server');
    expect(shortcutFor(key('t', { ctrlKey: false, metaKey: true }))).toBe('new-tab');
  });

  it('ignores everything else', () => {
    expect(shortcutFor(key('t', { ctrlKey: false }))).toBeUndefined();
    expect(shortcutFor(key('t', { altKey: true }))).toBeUndefined();
    expect(shortcutFor(key('t', { shiftKey: true }))).toBeUndefined();
    expect(shortcutFor(key('r'))).toBeUndefined(); // Ctrl+R belongs to the command line
    expect(shortcutFor(key('c'))).toBeUndefined();
  });
});
