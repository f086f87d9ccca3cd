import type { ApiHandlers, HandlerFactory } from './api-handlers';
import type { ServerStatusService } from './services/server-status';
import { PLAYER_ACTIONS } from '../shared/player-commands';
import type { PlayerActionRequest } from '../shared/server-status';
import { expectArgs, expectInteger, expectOneOf, expectRecord, expectString, parseId } from './validation';

type StatusMethod = 'serverStatus' | 'listPlayers' | 'playerAction';

const TEXT_LIMIT = 500;

/** Server status and players: the query port, the players panel and its actions. */
export function createStatusHandlers(
  status: ServerStatusService,
  handle: HandlerFactory,
): Pick<ApiHandlers, StatusMethod> {
  return {
    serverStatus: handle('serverStatus', async (args) => {
      expectArgs(args, 'serverStatus', 1);
      return status.status(parseId(args[0], 'The profile id'));
    }),
    listPlayers: handle('listPlayers', async (args) => {
      expectArgs(args, 'listPlayers', 1);
      return status.players(parseId(args[0], 'The session id'));
    }),
    playerAction: handle('playerAction', async (args) => {
      expectArgs(args, 'playerAction', 1);
      return status.act(parsePlayerActionRequest(args[0]));
    }),
  };
}

export function parsePlayerActionRequest(value: unknown): PlayerActionRequest {
  const record = expectRecord(
    value,
    'The player action',
    ['sessionId', 'action', 'player', 'reason', 'minutes', 'message'],
    ['sessionId', 'action', 'player'],
  );
  const player = expectRecord(record['player'], 'The player', ['name', 'userId', 'steamId'], ['name']);
  const request: PlayerActionRequest = {
    sessionId: parseId(record['sessionId'], 'The session id'),
    action: expectOneOf(record['action'], 'The action', PLAYER_ACTIONS),
    player: { name: expectString(player['name'], "The player's name", { min: 1, max: 200 }) },
  };
  if (player['userId'] !== undefined) {
    request.player.userId = expectInteger(player['userId'], "The player's user id", 0, 2_147_483_647);
  }
  if (player['steamId'] !== undefined) {
    request.player.steamId = expectString(player['steamId'], "The player's SteamID", { min: 1, max: 64 });
  }
  if (record['reason'] !== undefined) {
    request.reason = expectString(record['reason'], 'The reason', { max: TEXT_LIMIT, trim: true });
  }
  if (record['minutes'] !== undefined) {
    request.minutes = expectInteger(record['minutes'], 'The ban duration in minutes', 0, 525_600 * 10);
  }
  if (record['message'] !== undefined) {
    request.message = expectString(record['message'], 'The message', { min: 1, max: TEXT_LIMIT, trim: true });
  }
  return request;
}
