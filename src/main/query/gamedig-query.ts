import { GameDig, type GamedigPlayer, type GamedigResult } from 'gamedig';
import { QueryBadAnswerError, QueryNoAnswerError, QueryRequestError, type QueryError } from './errors';
import {
  DEFAULT_QUERY_TIMEOUT_MS,
  type QueriedPlayer,
  type QueryOptions,
  type QueryProtocol,
  type ServerInfo,
  type ServerQuery,
} from './types';

const GAMEDIG_TYPE: Record<QueryProtocol, string> = {
  a2s: 'protocol-valve',
  minecraft: 'protocol-minecraft',
};

/**
 * ServerQuery on gamedig (A2S with its challenge and split packets, Minecraft's ping). One
 * GameDig per instance, so its shared UDP socket is ours and tests do not share state.
 */
export class GamedigQuery implements ServerQuery {
  private readonly gamedig = new GameDig();

  async info(host: string, port: number, options: QueryOptions): Promise<ServerInfo> {
    if (host.trim() === '') throw new QueryRequestError('The query needs a host name or address.');
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new QueryRequestError(`The query port must be a whole number from 1 to 65535, got ${port}.`);
    }
    const timeoutMs = options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
    let result: GamedigResult;
    try {
      result = await this.gamedig.query({
        type: GAMEDIG_TYPE[options.protocol],
        host,
        port,
        givenPortOnly: true,
        portCache: false,
        maxRetries: 1,
        socketTimeout: timeoutMs,
        // Info, then players, each of which may need a challenge round trip first.
        attemptTimeout: timeoutMs * 4,
        // gamedig listens on one IPv4 UDP socket; answers from an IPv6 address would be ignored.
        ipFamily: 4,
        requestPlayers: options.players ?? true,
      });
    } catch (error) {
      throw classify(error, options.protocol, port);
    }
    return toServerInfo(result, options.protocol);
  }
}

/**
 * gamedig reports every failure as "Failed all N attempts" and appends each attempt's error to
 * the stack; those inner messages are the only way to tell silence from a garbled answer.
 */
export function classify(error: unknown, protocol: QueryProtocol, port: number): QueryError {
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const causes = [...stack.matchAll(/^(?:\w*Error|Error): (.+)$/gm)]
    .map((match) => match[1] ?? '')
    .filter((message) => !/^Failed all \d+ attempts/.test(message));
  // Minecraft tries three protocols at once and says only that none succeeded.
  const silent = causes.every((message) =>
    /Timed out|ECONNREFUSED|Connection Refused|No protocols succeeded/i.test(message),
  );
  if (silent) return new QueryNoAnswerError(protocol, port, { cause: error });
  const detail = causes.find((message) => !/Timed out/i.test(message)) ?? 'unreadable packet';
  return new QueryBadAnswerError(protocol, port, detail, { cause: error });
}

function toServerInfo(result: GamedigResult, protocol: QueryProtocol): ServerInfo {
  const everyone = [...result.players, ...result.bots];
  const botCount = protocol === 'a2s' ? numberOr(result.raw['numbots'], result.bots.length) : result.bots.length;
  return {
    name: result.name,
    map: result.map,
    players: protocol === 'a2s' ? result.numplayers : Math.max(result.numplayers, everyone.length),
    maxPlayers: result.maxplayers,
    bots: botCount,
    game: protocol === 'a2s' ? stringOr(result.raw['game'], '') : result.version,
    pingMs: Math.round(result.ping),
    playerList: everyone.map(toPlayer),
  };
}

function toPlayer(player: GamedigPlayer): QueriedPlayer {
  const score = player.raw['score'];
  const time = player.raw['time'];
  return {
    name: player.name,
    score: typeof score === 'number' && Number.isFinite(score) ? score : null,
    // A2S gives seconds as a float; -1 marks a bot or a player still connecting.
    durationSeconds: typeof time === 'number' && Number.isFinite(time) && time >= 0 ? Math.floor(time) : null,
  };
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}
