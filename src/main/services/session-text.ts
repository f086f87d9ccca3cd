import type { SessionInfo, SessionStatus } from '../../shared/api';
import type { AuditRecord, CommandSource } from '../../shared/fleet';
import { gameClientOptions, type GameId } from '../../shared/game-presets';
import { RconConnectionError, RconTimeoutError, type RconClientOptions } from '../rcon';

/** Said wherever a refused password stops the app from trying it again. */
export const BAN_WARNING = 'Repeated failed logins can get your address banned.';

export function pausedReason(title: string): string {
  return `Paused: the server refused the password of "${title}" in another tab. Enter the password to connect again. ${BAN_WARNING}`;
}

/** Lost or refused connections and timeouts may heal; wrong passwords, bans and non-RCON peers do not. */
export function isTransient(error: unknown): boolean {
  return error instanceof RconConnectionError || error instanceof RconTimeoutError;
}

export function describeStatus(status: SessionStatus): string {
  switch (status) {
    case 'connecting':
    case 'authenticating':
      return 'still connecting';
    case 'reconnecting':
      return 'reconnecting';
    case 'disconnected':
      return 'disconnected';
    case 'error':
      return 'the connection failed';
    case 'connected':
      return 'connected';
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A profile's game brings its pacing and limits; its own dialect and encoding fields stay in charge. */
export function gameLimits(
  game: GameId | undefined,
): Pick<RconClientOptions, 'pacing' | 'maxCommandBytes' | 'noOutputReplies'> {
  if (!game) return {};
  const { pacing, maxCommandBytes, noOutputReplies } = gameClientOptions(game);
  return {
    ...(pacing ? { pacing } : {}),
    ...(maxCommandBytes ? { maxCommandBytes } : {}),
    ...(noOutputReplies ? { noOutputReplies } : {}),
  };
}

/** The audit record of a command sent at `startedAt` (performance.now()), as it ended. */
export function commandAuditRecord(
  info: Pick<SessionInfo, 'profileId' | 'title'>,
  address: string,
  command: string,
  source: CommandSource,
  startedAt: number,
  outcome: AuditRecord['outcome'],
): AuditRecord {
  const durationMs = Math.round(performance.now() - startedAt);
  const at = new Date(Date.now() - durationMs).toISOString();
  return { at, profileId: info.profileId, server: info.title, address, command, source, outcome, durationMs };
}
