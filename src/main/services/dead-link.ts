import { RconConnectionError, RconTimeoutError } from '../rcon';
import type { RemoteConsole } from '../protocol/remote-console';
import type { Session } from './session-manager-types';

/** Timeouts in a row, with not a byte from the server meanwhile, after which the link is taken for dead. */
export const DEAD_LINK_TIMEOUTS = 2;

/**
 * A connection can go half-open: the socket stays up while nothing gets through. A slow command
 * alone is no sign of that, but several timing out with not a byte from the server meanwhile is.
 * Counts a command of `session` that failed with `error` on `client`; returns the error to treat
 * the connection as lost with once that happened, else undefined.
 */
export function deadLinkAfter(
  session: Session,
  client: RemoteConsole,
  error: unknown,
  sentAt: number,
): RconConnectionError | undefined {
  if (!(error instanceof RconTimeoutError) || session.client !== client) return undefined;
  if (client.lastReceivedAt >= sentAt) {
    session.silentTimeouts = 0;
    return undefined;
  }
  session.silentTimeouts += 1;
  if (session.silentTimeouts < DEAD_LINK_TIMEOUTS || session.info.status !== 'connected') return undefined;
  session.silentTimeouts = 0;
  return new RconConnectionError(
    'closed',
    `The server stopped answering: ${DEAD_LINK_TIMEOUTS} commands in a row timed out and nothing arrived.`,
  );
}
