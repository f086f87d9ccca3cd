/**
 * The part of gamedig 5 (which ships no types) that src/main/query uses. Everything gamedig
 * documents as "raw" or unstable is `unknown` here, so it is checked before use.
 */
declare module 'gamedig' {
  export interface GamedigQueryOptions {
    type: string;
    host: string;
    port?: number;
    /** Only the given port; no game defaults, offsets or cached ports. */
    givenPortOnly?: boolean;
    maxRetries?: number;
    socketTimeout?: number;
    attemptTimeout?: number;
    ipFamily?: 0 | 4 | 6;
    requestPlayers?: boolean;
    requestRules?: boolean;
    portCache?: boolean;
  }

  export interface GamedigPlayer {
    name: string;
    raw: Record<string, unknown>;
  }

  export interface GamedigResult {
    name: string;
    map: string;
    password: boolean;
    numplayers: number;
    maxplayers: number;
    players: GamedigPlayer[];
    bots: GamedigPlayer[];
    ping: number;
    queryPort: number;
    version: string;
    raw: Record<string, unknown>;
  }

  export class GameDig {
    constructor(options?: { listenUdpPort?: number });
    query(options: GamedigQueryOptions): Promise<GamedigResult>;
  }
}
