import { describe, expect, it } from 'vitest';
import { choosePasswordSource, DEFAULT_SETTINGS, parseArgs, USAGE, UsageError } from '../../src/cli/args';

const settings = DEFAULT_SETTINGS;

function usageErrorOf(argv: string[]): string {
  try {
    parseArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error(`parseArgs(${JSON.stringify(argv)}) did not fail`);
}

describe('parseArgs', () => {
  it('--game sets the default port, dialect, encoding and limits of the game', () => {
    expect(parseArgs(['mc.example.org', '--game', 'minecraft', '-e', 'list'])).toEqual({
      kind: 'execute',
      address: { host: 'mc.example.org', port: 25575 },
      password: undefined,
      commands: ['list'],
      settings: { ...settings, dialect: 'minecraft', encoding: 'utf8', maxCommandBytes: 1446 },
      game: 'minecraft',
      raw: false,
    });
    expect(parseArgs(['conan.example.org:7777', '--game=conan'])).toMatchObject({
      address: { host: 'conan.example.org', port: 7777 },
      settings: { dialect: 'auto', pacing: { requests: 10, perMs: 30_000 } },
    });
    expect(parseArgs(['ark.example.org', '--game', 'ark'])).toMatchObject({
      address: { port: 27020 },
      settings: { noOutputReplies: ['Server received, But no response!!'] },
    });
  });

  it('--diagnose takes an ADDRESS and no commands', () => {
    expect(parseArgs(['--diagnose', 'h:27016', '-p', 'pw'])).toEqual({
      kind: 'diagnose',
      address: { host: 'h', port: 27016 },
      password: 'pw',
      settings,
    });
    expect(parseArgs(['--game', 'rust', '--diagnose', 'h'])).toMatchObject({
      kind: 'diagnose',
      address: { port: 28016 },
    });
    expect(usageErrorOf(['--diagnose'])).toBe('--diagnose needs an ADDRESS to check');
    expect(usageErrorOf(['--diagnose', 'h', '-e', 'status'])).toBe('--diagnose runs no commands: leave out -e');
  });

  it('--dialect and --encoding win over the --game, in any order', () => {
    expect(parseArgs(['h', '--dialect', 'source', '--game', 'minecraft', '--encoding', 'latin1'])).toMatchObject({
      settings: { dialect: 'source', encoding: 'latin1', maxCommandBytes: 1446 },
    });
  });

  it('refuses an unknown game and lists the known ones', () => {
    expect(usageErrorOf(['h', '--game', 'quake'])).toBe(
      '--game must be cs2, csgo, tf2, gmod, minecraft, rust, ark, palworld, conan, factorio, zomboid, vrising, squad; got "quake"',
    );
    for (const name of ['cs2', 'palworld', 'squad']) expect(USAGE).toContain(name);
  });

  it('opens a shell with no connection when given nothing', () => {
    expect(parseArgs([])).toEqual({ kind: 'shell', address: undefined, password: undefined, settings, raw: false });
  });

  it('opens a shell connected to ADDRESS', () => {
    expect(parseArgs(['10.0.0.1:27016', '-p', 'pw'])).toEqual({
      kind: 'shell',
      address: { host: '10.0.0.1', port: 27016 },
      password: 'pw',
      settings,
      raw: false,
    });
  });

  it('runs commands with -e and --execute, in order', () => {
    expect(parseArgs(['host', '-p', 'pw', '-e', 'status', '--execute', 'say hi'])).toEqual({
      kind: 'execute',
      address: { host: 'host', port: 27015 },
      password: 'pw',
      commands: ['status', 'say hi'],
      settings,
      raw: false,
    });
  });

  it('accepts options before the address and values glued on', () => {
    const request = parseArgs(['-psecret', '--execute=echo -x', '--dialect=minecraft', '[::1]:25575']);
    expect(request).toEqual({
      kind: 'execute',
      address: { host: '::1', port: 25575 },
      password: 'secret',
      commands: ['echo -x'],
      settings: { ...settings, dialect: 'minecraft' },
      raw: false,
    });
  });

  it('--raw asks for the server bytes untouched, in either mode', () => {
    expect(parseArgs(['--raw'])).toMatchObject({ kind: 'shell', raw: true });
    expect(parseArgs(['host', '-e', 'status', '--raw'])).toMatchObject({ kind: 'execute', raw: true });
    expect(USAGE).toMatch(/--raw[\s\S]*Unsafe on a\s+terminal/);
  });

  it('takes the next word as the value even when it starts with a dash', () => {
    expect(parseArgs(['host', '-p', '-secret-', '-e', '-1'])).toMatchObject({ password: '-secret-', commands: ['-1'] });
  });

  it('keeps an empty password, which servers without one expect', () => {
    expect(parseArgs(['host', '-p', ''])).toMatchObject({ password: '' });
  });

  it('reads --dialect, --encoding and --timeout', () => {
    expect(parseArgs(['h', '--dialect', 'SOURCE', '--encoding', 'latin1', '--timeout', '2.5'])).toMatchObject({
      settings: { dialect: 'source', encoding: 'latin1', commandTimeoutMs: 2500 },
    });
    expect(parseArgs(['h', '--timeout=.1'])).toMatchObject({ settings: { commandTimeoutMs: 100 } });
  });

  it('treats everything after -- as positional', () => {
    expect(parseArgs(['--', 'host'])).toMatchObject({ address: { host: 'host' } });
    expect(parseArgs(['--', '-e'])).toMatchObject({ kind: 'shell', address: { host: '-e' } });
    expect(usageErrorOf(['host', '--', 'extra'])).toMatch(/too many arguments/);
  });

  it('answers --help and --version even next to mistakes', () => {
    expect(parseArgs(['-h'])).toEqual({ kind: 'help' });
    expect(parseArgs(['--bogus', '--help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['--version'])).toEqual({ kind: 'version' });
    expect(parseArgs(['--', '--help'])).not.toEqual({ kind: 'help' });
  });

  it.each([
    [['--bogus'], /unknown option --bogus/],
    [['-x'], /unknown option -x/],
    [['host', '-p'], /-p needs a value/],
    [['host', '--timeout'], /--timeout needs a value/],
    [['host', '-p', '--'], /-p needs a value/],
    [['host', '--dialect', 'goldsrc'], /--dialect must be source, minecraft, auto/],
    [['host', '--encoding', 'ascii'], /--encoding must be utf8, latin1/],
    [['host', '--timeout', '0'], /--timeout must be a number of seconds/],
    [['host', '--timeout', '-1'], /--timeout must be a number of seconds/],
    [['host', '--timeout', 'soon'], /--timeout must be a number of seconds/],
    [['host', '--timeout', '1e3'], /--timeout must be a number of seconds/],
    [['host', '--timeout', '100000'], /--timeout must be a number of seconds/],
    [['host', '-e', '  '], /-e needs a command/],
    [['-e', 'status'], /-e needs an ADDRESS/],
    [['-p', 'pw'], /-p needs an ADDRESS/],
    [['host:0'], /bad ADDRESS: port 0 is out of range/],
    [['::1:27015'], /bad ADDRESS: .*brackets/],
  ])('rejects %j', (argv, message) => {
    expect(usageErrorOf(argv)).toMatch(message);
  });

  it('never repeats a stray word, which may be a password typed without -p', () => {
    const message = usageErrorOf(['host', 'hunter2']);
    expect(message).toMatch(/too many arguments/);
    expect(message).not.toContain('hunter2');
  });

  it('never repeats the value of a mistyped option', () => {
    const message = usageErrorOf(['host', '--pasword=hunter2']);
    expect(message).toBe('unknown option --pasword');
  });
});

describe('USAGE', () => {
  it('documents every option and exit code', () => {
    for (const word of ['--password', '--execute', '--dialect', '--timeout', '--encoding', '--help', '--version']) {
      expect(USAGE).toContain(word);
    }
    for (const word of ['RCON_PASSWORD', '!connect', '!disconnect', '!shutdown', '!exit', '!help', 'Exit status']) {
      expect(USAGE).toContain(word);
    }
    expect(USAGE).toMatch(/3 wrong password or banned/);
  });

  it('fits in 80 columns', () => {
    for (const line of USAGE.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });
});

describe('choosePasswordSource', () => {
  it('prefers -p, then RCON_PASSWORD, then a prompt', () => {
    expect(choosePasswordSource('flag', { RCON_PASSWORD: 'env' }, true)).toEqual({ kind: 'given', password: 'flag' });
    expect(choosePasswordSource('', { RCON_PASSWORD: 'env' }, true)).toEqual({ kind: 'given', password: '' });
    expect(choosePasswordSource(undefined, { RCON_PASSWORD: 'env' }, false)).toEqual({
      kind: 'given',
      password: 'env',
    });
    expect(choosePasswordSource(undefined, {}, true)).toEqual({ kind: 'prompt' });
  });

  it('treats an empty RCON_PASSWORD as unset', () => {
    expect(choosePasswordSource(undefined, { RCON_PASSWORD: '' }, true)).toEqual({ kind: 'prompt' });
  });

  it('explains what to do when there is no terminal to ask on', () => {
    const source = choosePasswordSource(undefined, {}, false);
    expect(source.kind).toBe('missing');
    expect(source.kind === 'missing' && source.message).toMatch(/RCON_PASSWORD/);
  });
});

describe('parseArgs: several servers and the saved ones', () => {
  it('takes several targets with -e: addresses, @NAME and groups', () => {
    expect(parseArgs(['10.0.0.1:27015', '@Survival', '--group', 'league', '-e', 'status', '--json'])).toMatchObject({
      kind: 'fleet',
      targets: [
        { kind: 'group', name: 'league' },
        { kind: 'address', address: { host: '10.0.0.1', port: 27015 } },
        { kind: 'saved', name: 'Survival' },
      ],
      commands: ['status'],
      json: true,
      concurrency: 8,
    });
    expect(parseArgs(['@Lobby'])).toMatchObject({ kind: 'saved-shell', name: 'Lobby' });
    expect(parseArgs(['host', '--json', '-e', 'status'])).toMatchObject({ kind: 'fleet', json: true });
    expect(parseArgs(['--list', '--json'])).toEqual({ kind: 'list', json: true });
    expect(parseArgs(['--import', 'rcon.yaml'])).toEqual({ kind: 'import', file: 'rcon.yaml' });
    expect(parseArgs(['--export=servers.json'])).toEqual({ kind: 'export', file: 'servers.json' });
    expect(parseArgs(['@a', '@b', '-e', 'x', '--concurrency', '3'])).toMatchObject({ concurrency: 3 });
  });

  it('never takes a stray word among several servers for a host, nor repeats it', () => {
    const message = usageErrorOf(['@Survival', 'hunter2', '-e', 'status']);
    expect(message).toMatch(/too many arguments/);
    expect(message).not.toContain('hunter2');
    expect(usageErrorOf(['@a', '@b'])).toMatch(/give the commands to run on several servers with -e/);
    expect(usageErrorOf(['@', '-e', 'x'])).toMatch(/@ needs the name of a saved server/);
    expect(usageErrorOf(['@a', '-e', 'x', '--concurrency', '0'])).toMatch(/from 1 to 64/);
    expect(usageErrorOf(['--group', ' ', '-e', 'x'])).toMatch(/needs the name of a group/);
  });
});
