import { describe, expect, it } from 'vitest';
import { commonPrefix, listsServerNames, parseHelpNames, presetCommandNames } from './command-completion';

// parseCvarList and CommandCompleter are tested with the CLI that shares them: tests/cli/completer.test.ts.

describe('parseHelpNames', () => {
  it('reads Source help and find entries and Minecraft help lines', () => {
    expect(parseHelpNames('"sv_cheats" = "0" ( def. "0" )\n notify replicated\n - Allow cheats\n')).toEqual([
      'sv_cheats',
    ]);
    expect(parseHelpNames('"kickid"\n - Kick a player\n"kick"\n')).toEqual(['kickid', 'kick']);
    expect(parseHelpNames('/ban <targets>\r\n/list\r\n')).toEqual(['ban', 'list']);
    expect(parseHelpNames('Usage:  help <cvarname>\nhelp:  no cvar or command named x\n')).toEqual([]);
  });
});

describe('listsServerNames', () => {
  it('knows the commands whose answers list names', () => {
    expect(['cvarlist', 'CVARLIST sv_', 'help', 'help sv_cheats', '/help', 'find grav'].map(listsServerNames)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['status', 'helpme', 'say help', ''].map(listsServerNames)).toEqual([false, false, false, false]);
  });
});

describe('presetCommandNames', () => {
  it("names the commands a game's preset uses", () => {
    expect(presetCommandNames('cs2')).toEqual(['status', 'kickid', 'banid', 'say']);
    expect(presetCommandNames('minecraft')).toEqual(['list', 'kick', 'ban', 'tell']);
    expect(presetCommandNames('ark')).toContain('getchat');
    expect(presetCommandNames(undefined)).toEqual([]);
  });
});

describe('commonPrefix', () => {
  it('is the start every candidate shares, ignoring case', () => {
    expect(commonPrefix(['sv_gravity', 'SV_GRAVITY_scale'])).toBe('sv_gravity');
    expect(commonPrefix(['sv_cheats', 'sv_gravity'])).toBe('sv_');
    expect(commonPrefix(['a', 'b'])).toBe('');
    expect(commonPrefix([])).toBe('');
  });
});
