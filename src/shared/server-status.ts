import type { PlayerActionKind } from './player-commands';
import type { PlayerRow } from './player-list';

/**
 * What a server says about itself over its query protocol (no password needed), as main, the
 * CLI and the window see it. The query engine is src/main/query; this is the shape it answers in.
 */

/** a2s: Valve's Source query protocol on UDP; minecraft: the Server List Ping on TCP. */
export type QueryProtocol = 'a2s' | 'minecraft';
export const QUERY_PROTOCOLS: readonly QueryProtocol[] = ['a2s', 'minecraft'];

export interface QueriedPlayer {
  name: string;
  /** Null where the protocol does not report it (Minecraft's ping lists names only). */
  score: number | null;
  durationSeconds: number | null;
}

export interface ServerInfo {
  name: string;
  map: string;
  /** Players on the server as the server counts them, bots included (A2S counts them in). */
  players: number;
  maxPlayers: number;
  bots: number;
  /** The game's own description (A2S "game" field), or the version text for Minecraft. */
  game: string;
  pingMs: number;
  playerList: QueriedPlayer[];
}

/** A saved server's status for the sidebar, as of `checkedAt` (ms since the epoch). */
export type ServerStatus =
  | { profileId: string; kind: 'online'; info: ServerInfo; checkedAt: number }
  | { profileId: string; kind: 'offline'; reason: string; checkedAt: number }
  /** The game has no query protocol RCON Desk speaks (Palworld, Factorio): nothing to show. */
  | { profileId: string; kind: 'unsupported'; reason: string; checkedAt: number };

export type { PlayerActionKind };

/** The players panel of one open session, and what may be done to each player. */
export interface PlayersView {
  sessionId: string;
  rows: PlayerRow[];
  actions: {
    kick: boolean;
    ban: boolean;
    /** True when a ban takes a duration; otherwise every ban is permanent. */
    banTakesMinutes: boolean;
    message: boolean;
  };
  /** About the game's commands (e.g. that messages are public), in words. */
  note?: string;
  /** Why the query part is missing, in words; the RCON part may still be there. */
  queryProblem?: string;
  /** Why the RCON part is missing, in words. */
  listProblem?: string;
}

export interface PlayerActionRequest {
  sessionId: string;
  action: PlayerActionKind;
  player: { name: string; userId?: number; steamId?: string };
  reason?: string;
  /** Ban length in minutes, 0 for good (only where the game's ban takes a duration). */
  minutes?: number;
  message?: string;
}
