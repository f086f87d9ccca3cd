import type { Dialect } from './api';
import { gamePreset, type GameId } from './game-presets';
import { MINECRAFT_PLAYER_COMMANDS, SOURCE_PLAYER_COMMANDS, type PlayerCommands } from './player-commands';
import type { QueryProtocol } from './server-status';

/** What a saved server needs for its status: the parts of a profile that say where to ask. */
export interface QueryTargetSource {
  port: number;
  dialect: Dialect;
  game?: GameId;
  queryPort?: number;
}

/**
 * Where and how to ask a server for its status: the profile's own query port, else the game's
 * default, else (no game chosen) the RCON port itself, as Source servers share one port number
 * for game, query and RCON. Undefined when the game has no query protocol RCON Desk speaks.
 */
export function queryTarget(source: QueryTargetSource): { protocol: QueryProtocol; port: number } | undefined {
  if (source.game) {
    const query = gamePreset(source.game).query;
    if (!query) return undefined;
    return { protocol: query.protocol, port: source.queryPort ?? query.defaultPort };
  }
  if (source.dialect === 'minecraft') return { protocol: 'minecraft', port: source.queryPort ?? 25565 };
  return { protocol: 'a2s', port: source.queryPort ?? source.port };
}

/** The game's player commands; without a game, the dialect's family (Source for auto). */
export function playerCommandsFor(source: Pick<QueryTargetSource, 'dialect' | 'game'>): PlayerCommands | undefined {
  if (source.game) return gamePreset(source.game).playerCommands;
  return source.dialect === 'minecraft' ? MINECRAFT_PLAYER_COMMANDS : SOURCE_PLAYER_COMMANDS;
}
