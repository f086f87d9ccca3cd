/** What a server says about itself over its query protocol, before or without an RCON login. */

/** A2S is Valve's Source query protocol on UDP; minecraft is the Server List Ping (TCP). */
export type QueryProtocol = 'a2s' | 'minecraft';

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

export interface QueryOptions {
  protocol: QueryProtocol;
  /** How long to wait for each answer packet; the whole query is bounded by three of these. */
  timeoutMs?: number;
  /** Ask for the player list too (A2S_PLAYER). Default true. */
  players?: boolean;
}

/** The small interface main, the CLI and the tests use; gamedig is one implementation. */
export interface ServerQuery {
  info(host: string, port: number, options: QueryOptions): Promise<ServerInfo>;
}

export const DEFAULT_QUERY_TIMEOUT_MS = 2000;
