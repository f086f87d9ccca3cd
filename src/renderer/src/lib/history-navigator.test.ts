import { describe, expect, it } from 'vitest';
import { continueReverseSearch, HistoryNavigator, startReverseSearch, updateReverseSearch } from './history-navigator';

describe('HistoryNavigator', () => {
  it('walks older with up and newer with down, giving back the draft at the end', () => {
    const history = new HistoryNavigator(['status', 'users', 'say hi']);
    expect(history.up('typing')).toBe('say hi');
    expect(history.up('say hi')).toBe('users');
    expect(history.up('users')).toBe('status');
    expect(history.up('status')).toBeUndefined();
    expect(history.down()).toBe('users');
    expect(history.down()).toBe('say hi');
    expect(history.down()).toBe('typing');
    expect(history.navigating).toBe(false);
    expect(history.down()).toBeUndefined();
  });

  it('does nothing with an empty history', () => {
    const history = new HistoryNavigator();
    expect(history.up('x')).toBeUndefined();
    expect(history.down()).toBeUndefined();
  });

  it('push adds a command (not a repeat, not a blank) and stops navigating', () => {
    const history = new HistoryNavigator(['a']);
    history.up('');
    history.push('b');
    history.push('b');
    history.push('   ');
    expect(history.all).toEqual(['a', 'b']);
    expect(history.navigating).toBe(false);
    expect(history.up('')).toBe('b');
  });

  it('push never keeps a command that carries a secret, so the up arrow cannot recall it (issue 10)', () => {
    const history = new HistoryNavigator(['status']);
    for (const command of [
      'echo x;rcon_password S',
      'sm_cvar rcon_password S',
      'rcon_password"S"',
      'sm_rcon sv_password S',
    ]) {
      history.push(command);
    }
    expect(history.all).toEqual(['status']);
    expect(history.up('')).toBe('status');
  });

  it('replace cleans repeats and blanks and keeps at most the limit', () => {
    const history = new HistoryNavigator([], 3);
    history.replace(['a', 'a', '', 'b', 'c', 'd']);
    expect(history.all).toEqual(['b', 'c', 'd']);
    history.push('e');
    expect(history.all).toEqual(['c', 'd', 'e']);
  });

  it('search finds the newest match, case-insensitively, before a position', () => {
    const history = new HistoryNavigator(['kick Bob', 'status', 'kick alice', 'users']);
    expect(history.search('KICK')).toEqual({ index: 2, entry: 'kick alice' });
    expect(history.search('kick', 2)).toEqual({ index: 0, entry: 'kick Bob' });
    expect(history.search('kick', 0)).toBeUndefined();
    expect(history.search('')).toBeUndefined();
    expect(history.search('nothing')).toBeUndefined();
  });
});

describe('reverse search', () => {
  const history = new HistoryNavigator(['sv_cheats 0', 'status', 'sv_gravity 800', 'say done']);

  it('updates the match as the query grows, and keeps the last match when nothing matches', () => {
    let state = startReverseSearch();
    state = updateReverseSearch(history, state, 'sv');
    expect(state.match?.entry).toBe('sv_gravity 800');
    state = updateReverseSearch(history, state, 'sv_c');
    expect(state.match?.entry).toBe('sv_cheats 0');
    state = updateReverseSearch(history, state, 'sv_cx');
    expect(state.failed).toBe(true);
    expect(state.match?.entry).toBe('sv_cheats 0');
    state = updateReverseSearch(history, state, '');
    expect(state).toEqual({ query: '', match: undefined, failed: false });
  });

  it('Ctrl+R again goes to older matches, then reports failure', () => {
    let state = updateReverseSearch(history, startReverseSearch(), 'sv');
    state = continueReverseSearch(history, state);
    expect(state.match?.entry).toBe('sv_cheats 0');
    state = continueReverseSearch(history, state);
    expect(state.failed).toBe(true);
    expect(state.match?.entry).toBe('sv_cheats 0');
  });

  it('Ctrl+R with an empty query changes nothing', () => {
    const state = startReverseSearch();
    expect(continueReverseSearch(history, state)).toBe(state);
  });
});
