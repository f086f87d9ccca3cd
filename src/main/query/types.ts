/** What a server says about itself over its query protocol, before or without an RCON login. */

import type { QueryProtocol, ServerInfo } from '../../shared/server-status';

export type { QueriedPlayer, QueryProtocol, ServerInfo } from '../../shared/server-status';

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
