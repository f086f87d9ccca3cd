import { describe, expect, it } from 'vitest';
import { ServerNames } from './server-names';

const CVARLIST = `cvar list
--------------
sv_cheats                                : 0        : , "sv", "rep" : Allow cheats on server
sv_gravity                               : 800      : , "sv", "rep" : World gravity.
--------------
   2 total convars/concommands
`;

/** A Source `status` answer: its "name : value" lines are not names to complete. */
const STATUS = 'hostname: Test\nversion : 1.0.0.0\nmap     : de_dust2\n';

describe('ServerNames', () => {
  it('learns the names of a cvarlist answer, per session', () => {
    const names = new ServerNames();
    names.observe({ sessionId: 's1', kind: 'command', text: 'cvarlist' });
    names.observe({ sessionId: 's1', kind: 'response', text: CVARLIST });
    expect(names.names('s1')).toEqual(['sv_cheats', 'sv_gravity']);
    expect(names.names('s2')).toEqual([]);
  });

  it('gathers an answer that crosses the bridge in parts', () => {
    const names = new ServerNames();
    names.observe({ sessionId: 's1', kind: 'command', text: 'cvarlist sv_' });
    names.observe({ sessionId: 's1', kind: 'response', text: CVARLIST.slice(0, 60), more: true });
    names.observe({ sessionId: 's1', kind: 'response', text: CVARLIST.slice(60) });
    expect(names.names('s1')).toEqual(['sv_cheats', 'sv_gravity']);
  });

  it('matches answers to commands in order and reads no other answer', () => {
    const names = new ServerNames();
    names.observe({ sessionId: 's1', kind: 'command', text: 'status' });
    names.observe({ sessionId: 's1', kind: 'command', text: 'help sv_cheats' });
    names.observe({ sessionId: 's1', kind: 'response', text: STATUS });
    expect(names.names('s1')).toEqual([]);
    names.observe({ sessionId: 's1', kind: 'response', text: '"sv_cheats" = "0"\n - Allow cheats on server\n' });
    expect(names.names('s1')).toEqual(['sv_cheats']);
    names.observe({ sessionId: 's1', kind: 'response', text: CVARLIST }); // a late answer nobody waits for
    expect(names.names('s1')).toEqual(['sv_cheats']);
  });

  it('reads Minecraft help and forgets a closed session', () => {
    const names = new ServerNames();
    names.observe({ sessionId: 'mc', kind: 'command', text: '/help' });
    names.observe({
      sessionId: 'mc',
      kind: 'response',
      text: '/ban <targets> [<reason>]\n/list\n/whitelist (add|list)\n',
    });
    expect(names.names('mc')).toEqual(['ban', 'list', 'whitelist']);
    names.forget('mc');
    expect(names.names('mc')).toEqual([]);
  });
});
