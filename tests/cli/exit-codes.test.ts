import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/args';
import { describeError, exitCodeFor, ExitCode } from '../../src/cli/exit-codes';
import {
  RconAuthError,
  RconConnectionError,
  RconProtocolError,
  RconRequestError,
  RconResponseTooLargeError,
  RconTimeoutError,
} from '../../src/main/rcon';

describe('exitCodeFor', () => {
  it.each([
    ['a usage error', new UsageError('bad'), 2],
    ['a wrong password', RconAuthError.wrongPassword(), 3],
    ['a ban', RconAuthError.banned(), 3],
    ['a refused connection', new RconConnectionError('refused', 'refused'), 4],
    ['a lost connection', new RconConnectionError('closed', 'closed'), 4],
    ['a connect timeout', new RconTimeoutError('connect', 1000), 5],
    ['a login timeout', new RconTimeoutError('auth', 1000), 5],
    ['a command timeout', new RconTimeoutError('command', 1000), 5],
    ['a protocol error', new RconProtocolError('not RCON'), 6],
    ['an answer too large', new RconResponseTooLargeError('too large'), 6],
    ['a request the engine refuses', new RconRequestError('too long'), 2],
    ['anything else', new Error('boom'), 1],
    ['a thrown string', 'boom', 1],
  ])('maps %s to %i', (_what, error, code) => {
    expect(exitCodeFor(error)).toBe(code);
  });

  it('names the codes documented in the usage text', () => {
    expect(ExitCode).toEqual({ ok: 0, unexpected: 1, usage: 2, auth: 3, connection: 4, timeout: 5, protocol: 6 });
  });
});

describe('describeError', () => {
  it('starts the engine sentence in lower case after "rcon: "', () => {
    expect(describeError(RconAuthError.wrongPassword())).toBe('wrong password: the server rejected the RCON password.');
  });

  it('leaves acronyms and addresses alone', () => {
    expect(describeError(new RconProtocolError('RCON is off'))).toBe('RCON is off');
    expect(describeError(new Error('127.0.0.1 said no'))).toBe('127.0.0.1 said no');
  });

  it('keeps the message on one line', () => {
    expect(describeError(new Error('first\n  second'))).toBe('first second');
  });

  it('describes non-errors', () => {
    expect(describeError(42)).toBe('42');
  });
});
