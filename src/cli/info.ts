import { GamedigQuery, QueryBadAnswerError, QueryNoAnswerError, type ServerQuery } from '../main/query';
import type { QueryProtocol, ServerInfo } from '../shared/server-status';
import { formatServerAddress, type ServerAddress } from './address';
import { describeError, ExitCode } from './exit-codes';
import { formatDuration } from '../shared/format-duration';

export { formatDuration };

export interface InfoRequest {
  address: ServerAddress;
  protocol: QueryProtocol;
  json: boolean;
  timeoutMs: number;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  query?: ServerQuery;
}

/** `rcon --info ADDRESS [--json]`: the server's status and players, from its query port. */
export async function runInfo(request: InfoRequest): Promise<ExitCode> {
  const query = request.query ?? new GamedigQuery();
  let info: ServerInfo;
  try {
    info = await query.info(request.address.host, request.address.port, {
      protocol: request.protocol,
      timeoutMs: request.timeoutMs,
    });
  } catch (error) {
    request.stderr.write(`rcon: ${describeError(error)}\n`);
    if (error instanceof QueryNoAnswerError) return ExitCode.connection;
    if (error instanceof QueryBadAnswerError) return ExitCode.protocol;
    return ExitCode.unexpected;
  }
  request.stdout.write(request.json ? `${JSON.stringify(jsonShape(info))}\n` : formatInfo(info, request.address));
  return ExitCode.ok;
}

/** Exactly the documented keys, in the documented order, whatever the engine adds later. */
function jsonShape(info: ServerInfo): ServerInfo {
  return {
    name: info.name,
    map: info.map,
    players: info.players,
    maxPlayers: info.maxPlayers,
    bots: info.bots,
    game: info.game,
    pingMs: info.pingMs,
    playerList: info.playerList.map((player) => ({
      name: player.name,
      score: player.score,
      durationSeconds: player.durationSeconds,
    })),
  };
}

export function formatInfo(info: ServerInfo, address: ServerAddress): string {
  const lines = [
    `${info.name || '(no name)'}  (${formatServerAddress(address)})`,
    `  map      ${info.map || '-'}`,
    `  players  ${info.players}/${info.maxPlayers}${info.bots > 0 ? ` (${info.bots} bots)` : ''}`,
    `  game     ${info.game || '-'}`,
    `  ping     ${info.pingMs} ms`,
  ];
  if (info.playerList.length === 0) {
    lines.push('No players listed.');
  } else {
    const width = Math.max(4, ...info.playerList.map((player) => player.name.length));
    lines.push('', `  ${'NAME'.padEnd(width)}  ${'SCORE'.padStart(5)}  TIME`);
    for (const player of info.playerList) {
      lines.push(
        `  ${player.name.padEnd(width)}  ${(player.score === null ? '-' : String(player.score)).padStart(5)}  ${formatDuration(player.durationSeconds)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
