import {
  RconAuthError,
  RconConnectionError,
  RconError,
  RconProtocolError,
  RconRequestError,
  RconTimeoutError,
} from '../main/rcon';
import { UsageError } from './args';

/** The process exit status, so scripts can tell what went wrong without parsing stderr. */
export const ExitCode = {
  ok: 0,
  /** A bug or an error nobody anticipated; the message says what. */
  unexpected: 1,
  /** Bad arguments, a missing password with no terminal to ask on, or a command the engine refuses to send. */
  usage: 2,
  /** Wrong password, or banned by the server. */
  auth: 3,
  /** Could not connect (refused, unknown host, unreachable) or the connection was lost. */
  connection: 4,
  /** Connecting, logging in, or waiting for an answer took longer than allowed. */
  timeout: 5,
  /** Whatever answered is not an RCON server (a web server on the port, a corrupt stream). */
  protocol: 6,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof UsageError) return ExitCode.usage;
  if (error instanceof RconError) {
    if (error instanceof RconAuthError) return ExitCode.auth;
    if (error instanceof RconTimeoutError) return ExitCode.timeout;
    if (error instanceof RconConnectionError) return ExitCode.connection;
    if (error instanceof RconProtocolError) return ExitCode.protocol;
    if (error instanceof RconRequestError) return ExitCode.usage;
  }
  return ExitCode.unexpected;
}

/**
 * One line for stderr, without the "rcon: " prefix. The engine writes sentences for a dialog
 * ("Wrong password: ..."); after a colon they read better starting in lower case.
 */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const oneLine = message.replace(/\s*\n\s*/g, ' ').trim();
  return /^[A-Z][a-z]/.test(oneLine) ? oneLine.charAt(0).toLowerCase() + oneLine.slice(1) : oneLine;
}
