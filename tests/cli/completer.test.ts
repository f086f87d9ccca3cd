import { describe, expect, it } from 'vitest';
import { CommandCompleter, parseCvarList } from '../../src/shared/command-completion';
import { formatCvarList } from '../../src/reference-server/source-output';
import { cvarTable } from '../../src/reference-server/cvars';

const REAL_SRCDS = `cvar list
--------------
+attack                                  : cmd      :                  :
_restart                                 : cmd      :                  : Shutdown and restart the engine.
sv_cheats                                : 0        : , "sv", "rep", "nf" : Allow cheats on server
sv_gravity                               : 800      : , "sv", "nf", "rep" : World gravity.
a_cvar_name_that_is_longer_than_forty_chars : 1     :                  :
mp_timelimit                             : 0        : , "nf", "rep"    : game time per map in minutes
--------------
   6 total convars/concommands
`;

describe('parseCvarList', () => {
  it('reads the names of a Source cvarlist, skipping header and footer', () => {
    expect(parseCvarList(REAL_SRCDS)).toEqual([
      '+attack',
      '_restart',
      'sv_cheats',
      'sv_gravity',
      'a_cvar_name_that_is_longer_than_forty_chars',
      'mp_timelimit',
    ]);
  });

  it('reads every name of the reference server cvarlist', () => {
    const table = cvarTable();
    expect(parseCvarList(formatCvarList(table))).toEqual(table.map((entry) => entry.name));
  });

  it('copes with CRLF and ignores prose', () => {
    expect(parseCvarList('sv_lan : 0 : : LAN\r\nUnknown command "cvarlist"\r\nhost_timescale : 1 : :\r\n')).toEqual([
      'sv_lan',
      'host_timescale',
    ]);
    expect(parseCvarList('')).toEqual([]);
    expect(parseCvarList('Unknown or incomplete command, see below for error')).toEqual([]);
  });
});

describe('CommandCompleter', () => {
  const shellCommands = ['!connect', '!disconnect', '!exit', '!help', '!shutdown'];

  function completer(): CommandCompleter {
    const result = new CommandCompleter(shellCommands);
    result.setServerNames(['sv_cheats', 'sv_gravity', 'mp_timelimit', 'status', 'say']);
    return result;
  }

  it('completes shell commands', () => {
    expect(completer().complete('!d')).toEqual([['!disconnect'], '!d']);
    expect(completer().complete('!')).toEqual([shellCommands, '!']);
    expect(completer().complete('!x')).toEqual([[], '!x']);
  });

  it('completes server names, ignoring case as Source does', () => {
    expect(completer().complete('sv_')).toEqual([['sv_cheats', 'sv_gravity'], 'sv_']);
    expect(completer().complete('SV_CH')).toEqual([['sv_cheats'], 'SV_CH']);
    expect(completer().complete('  s')).toEqual([['say', 'status', 'sv_cheats', 'sv_gravity'], 's']);
  });

  it('completes the name after help', () => {
    expect(completer().complete('help sv_g')).toEqual([['sv_gravity'], 'sv_g']);
    expect(completer().complete('HELP mp')).toEqual([['mp_timelimit'], 'mp']);
  });

  it('does not complete arguments of other commands', () => {
    expect(completer().complete('sv_cheats 1')).toEqual([[], '']);
    expect(completer().complete('say sv')).toEqual([[], '']);
    expect(completer().complete('help sv_cheats x')).toEqual([[], '']);
  });

  it('offers shell commands and every name on an empty line', () => {
    const [candidates, replacing] = completer().complete('');
    expect(replacing).toBe('');
    expect(candidates.slice(0, 5)).toEqual(shellCommands);
    expect(candidates).toHaveLength(10);
  });

  it('knows no server names until told, and forgets them', () => {
    const fresh = new CommandCompleter(shellCommands);
    expect(fresh.complete('sv')).toEqual([[], 'sv']);
    const learned = completer();
    expect(learned.serverNameCount).toBe(5);
    learned.setServerNames([]);
    expect(learned.complete('sv')).toEqual([[], 'sv']);
  });
});
