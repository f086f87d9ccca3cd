import { describe, expect, it } from 'vitest';
import { ArgsError, DEFAULT_CLI_PORT, parseServerArgs } from './args';

describe('parseServerArgs', () => {
  it('reads the flags into server options, with defaults', () => {
    expect(parseServerArgs(['--password', 'demo'])).toEqual({
      help: false,
      protocol: 'rcon',
      protocolFaults: expect.any(Object),
      options: expect.objectContaining({
        host: '127.0.0.1',
        port: DEFAULT_CLI_PORT,
        password: 'demo',
        personality: 'srcds',
        encoding: 'utf8',
      }) as unknown,
    });
    const parsed = parseServerArgs([
      '--port=0',
      '--password=demo',
      '--personality',
      'broadcast',
      '--host',
      '0.0.0.0',
      '--ban-after',
      '5',
      '--broadcast-interval',
      '250',
      '--delay',
      '100',
      '--bytes-per-write',
      '1',
      '--write-interval',
      '2',
      '--drop-after',
      '4000',
      '--garbage-after-auth',
      '--http',
      '--command-delay',
      '400',
      '--single-nul',
    ]);
    if (parsed.help) throw new Error('expected options');
    expect(parsed.options).toMatchObject({
      host: '0.0.0.0',
      port: 0,
      personality: 'broadcast',
      banAfterFailures: 5,
      broadcastIntervalMs: 250,
      faults: {
        responseDelayMs: 100,
        bytesPerWrite: 1,
        writeIntervalMs: 2,
        dropAfterBytes: 4000,
        garbageAfterAuth: true,
        httpResponse: true,
        commandDelayMs: 400,
        singleNulTerminator: true,
      },
    });
  });

  it('recognizes --help', () => {
    expect(parseServerArgs(['--help'])).toEqual({ help: true });
    expect(parseServerArgs(['-h'])).toEqual({ help: true });
  });

  it.each([
    [['--pasword', 'x'], "Unknown option '--pasword'"],
    [[], '--password is required'],
    [['--password'], "Option '--password <value>' argument missing"],
    [
      ['--password', 'x', '--personality', 'quake'],
      '--personality must be one of srcds, minecraft, silent, broadcast, palworld, ark, conan, hostile, rust, got "quake"',
    ],
    [['--password', 'x', '--port', '70000'], '--port must be a whole number from 0 to 65535, got "70000"'],
    [['--password', 'x', '--port', '12ab'], '--port must be a whole number from 0 to 65535, got "12ab"'],
    [['--password', 'x', '--bytes-per-write', '0'], '--bytes-per-write must be a whole number of at least 1, got "0"'],
    [['--password', 'x', '--delay', '-5'], "Option '--delay' argument is ambiguous"],
    [['--password', 'x', '--delay=-5'], '--delay must be a whole number of at least 0, got "-5"'],
    [['--password', 'x', '--encoding', 'utf16'], '--encoding must be utf8 or latin1, got "utf16"'],
    [['--password', 'x', 'extra'], "Unexpected argument 'extra'"],
  ])('rejects %j with a one-line error', (argv, message) => {
    let caught: unknown;
    try {
      parseServerArgs(argv);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ArgsError);
    expect((caught as ArgsError).message).toBe(message);
    expect((caught as ArgsError).message).not.toContain('\n');
  });
  it('reads --query-port and --query-fault into the A2S responder options', () => {
    const parsed = parseServerArgs(['--password', 'x', '--query-port', '0', '--query-fault', 'no-answer']);
    expect(parsed).toMatchObject({ help: false, query: { host: '127.0.0.1', port: 0, fault: 'no-answer' } });
    expect(parseServerArgs(['--password', 'x'])).not.toHaveProperty('query.port');
    expect(() => parseServerArgs(['--password', 'x', '--query-port', '70000'])).toThrow(
      '--query-port must be a whole number from 0 to 65535, got "70000"',
    );
    expect(() => parseServerArgs(['--password', 'x', '--query-port', '0', '--query-fault', 'slow'])).toThrow(
      '--query-fault must be one of bad-packets, no-answer, got "slow"',
    );
    expect(() => parseServerArgs(['--password', 'x', '--query-fault', 'no-answer'])).toThrow(
      '--query-fault needs --query-port',
    );
  });
});

describe('--protocol', () => {
  it('picks a personality of another protocol with its faults', () => {
    expect(
      parseServerArgs(['--password', 'p', '--protocol', 'battleye', '--bad-crc-every', '3', '--drop-every', '5']),
    ).toMatchObject({ protocol: 'battleye', protocolFaults: { badCrcEvery: 3, dropEvery: 5 } });
    expect(parseServerArgs(['--password', 'p', '--protocol', 'telnet', '--close-after', '2'])).toMatchObject({
      protocol: 'telnet',
      protocolFaults: { closeAfterCommands: 2 },
    });
    expect(() => parseServerArgs(['--password', 'p', '--protocol', 'ftp'])).toThrow(/--protocol must be one of rcon/);
  });
});
