import { describe, expect, it } from 'vitest';
import { isCopyChord, leavesTerminal } from './terminal-keys';

const chord = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('terminal keys', () => {
  it('lets Tab, Shift+Tab and Esc leave the terminal, not Ctrl+Tab', () => {
    expect(leavesTerminal(chord('Tab'))).toBe(true);
    expect(leavesTerminal(chord('Tab', { shiftKey: true }))).toBe(true);
    expect(leavesTerminal(chord('Escape'))).toBe(true);
    expect(leavesTerminal(chord('Tab', { ctrlKey: true }))).toBe(false);
    expect(leavesTerminal(chord('a'))).toBe(false);
  });

  it('knows Ctrl+C and Cmd+C', () => {
    expect(isCopyChord(chord('c', { ctrlKey: true }))).toBe(true);
    expect(isCopyChord(chord('C', { metaKey: true, shiftKey: true }))).toBe(true);
    expect(isCopyChord(chord('c'))).toBe(false);
    expect(isCopyChord(chord('c', { ctrlKey: true, altKey: true }))).toBe(false);
  });
});
