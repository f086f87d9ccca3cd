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
