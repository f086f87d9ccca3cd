/**
 * Every failure the engine reports is one of these classes, with a message a server admin
 * can act on. `code` is stable for programs (the CLI maps it to exit codes, the UI to words).
 */
export abstract class RconError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Login failed: wrong password, or the server refused to talk to this address at all. */
export class RconAuthError extends RconError {
  readonly code = 'auth';

  constructor(
    message: string,
    /** The server closed the connection instead of answering the login: the usual sign of an IP ban. */
    readonly banned: boolean,
  ) {
    super(message);
  }

  static wrongPassword(): RconAuthError {
    return new RconAuthError('Wrong password: the server rejected the RCON password.', false);
  }

  static banned(): RconAuthError {
    return new RconAuthError(
      'Banned by the server: it closed the connection instead of answering the login ' +
        '(Source servers ban an address after repeated failed logins).',
      true,
    );
  }
}

export type TimeoutPhase = 'connect' | 'auth' | 'command';

export class RconTimeoutError extends RconError {
  readonly code = 'timeout';

  constructor(
    readonly phase: TimeoutPhase,
    readonly timeoutMs: number,
    detail?: string,
  ) {
    const what =
      phase === 'connect'
        ? 'Connecting to the server'
        : phase === 'auth'
          ? 'Waiting for the server to answer the login'
          : 'Waiting for the answer to the command';
    super(`${what} timed out after ${formatSeconds(timeoutMs)}${detail ? ` (${detail})` : ''}.`);
  }
}

export type ConnectionFailure = 'refused' | 'dns' | 'reset' | 'closed' | 'unreachable' | 'not-connected' | 'other';

/** The TCP connection could not be made, or was lost. */
export class RconConnectionError extends RconError {
  readonly code = 'connection';

  constructor(
    readonly reason: ConnectionFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The peer sent bytes that are not RCON (or lost sync); the connection is closed. */
export class RconProtocolError extends RconError {
  readonly code = 'protocol';
}

/** A request the engine refuses to send, such as a command longer than servers accept. */
export class RconRequestError extends RconError {
  readonly code = 'request';
}

export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(bytes % 1024 === 0 ? 0 : 1)} KiB`;
  return `${bytes} bytes`;
}

/** An answer over the size limit; the connection stays up and the rest of that answer is dropped. */
export class RconResponseTooLargeError extends RconProtocolError {}
