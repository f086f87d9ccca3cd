import { describe, expect, it } from 'vitest';
import { helpText, parseConnectCommand, SHELL_COMMANDS, shutdownWordOf } from '../../src/cli/shell-commands';

describe('the shell’s own commands', () => {
  it('reads !connect with the password as the rest of the line, spaces included', () => {
    expect(parseConnectCommand('!connect mc.example.net:25575 two words ', 27015)).toEqual({
      address: { host: 'mc.example.net', port: 25575 },
      password: 'two words ',
    });
    expect(parseConnectCommand('!connect 10.0.0.5', 28016)).toEqual({
      address: { host: '10.0.0.5', port: 28016 },
      password: undefined,
    });
  });

  it('says what is wrong with a !connect line instead of connecting', () => {
    expect(parseConnectCommand('!connect', 27015)).toBe('usage: !connect HOST[:PORT] [PASSWORD]');
    expect(parseConnectCommand('!connect host:99999', 27015)).toMatch(/^bad address: /);
  });

  it('tells the words that would stop a Source server, whatever their case', () => {
    expect(shutdownWordOf('  QUIT now')).toBe('quit');
    expect(shutdownWordOf('exit')).toBe('exit');
    expect(shutdownWordOf('exits')).toBeUndefined();
    expect(shutdownWordOf('say exit')).toBeUndefined();
  });

  it('lists every shell command in the help', () => {
    const help = helpText();
    for (const command of SHELL_COMMANDS) expect(help).toContain(command.usage);
  });
});
