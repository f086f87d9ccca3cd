import type { Profile, SessionInfo } from '../../shared/api';
import type { CommandSource } from '../../shared/fleet';
import { fillPlayerCommands, PlayerCommandError, type PlayerCommands } from '../../shared/player-commands';
import { mergePlayers, parsePlayerList, type RconPlayer } from '../../shared/player-list';
import { playerCommandsFor, queryTarget } from '../../shared/query-target';
import type { PlayerActionRequest, PlayersView, QueriedPlayer, ServerStatus } from '../../shared/server-status';
import { QueryError, type ServerQuery } from '../query';
import { ValidationError } from './errors';

/** The parts of the session manager this needs: which profile a session is, and sending commands. */
export interface StatusSessions {
  get(sessionId: string): SessionInfo;
  send(
    sessionId: string,
    command: string,
    options: { source: CommandSource; keepInHistory: boolean },
  ): Promise<{ text: string }>;
}

export interface StatusProfiles {
  get(id: string): Promise<Profile>;
}

/** Per answer packet; a server that is up answers in milliseconds, so a short wait keeps the sidebar quick. */
export const STATUS_QUERY_TIMEOUT_MS = 1500;

/**
 * Saved servers' status (from their query port, no password) and the players of an open session
 * (query and the game's list command merged), with the player actions of each game sent over
 * the session, so the session manager records them in the audit log like any command.
 */
export class ServerStatusService {
  constructor(
    private readonly profiles: StatusProfiles,
    private readonly sessions: StatusSessions,
    private readonly query: ServerQuery,
    private readonly timeoutMs = STATUS_QUERY_TIMEOUT_MS,
  ) {}

  async status(profileId: string): Promise<ServerStatus> {
    const profile = await this.profiles.get(profileId);
    const target = queryTarget(profile);
    if (!target) {
      return { profileId, kind: 'unsupported', reason: 'This game has no status query.', checkedAt: Date.now() };
    }
    try {
      const info = await this.query.info(profile.host, target.port, {
        protocol: target.protocol,
        timeoutMs: this.timeoutMs,
      });
      return { profileId, kind: 'online', info, checkedAt: Date.now() };
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      return { profileId, kind: 'offline', reason: error.message, checkedAt: Date.now() };
    }
  }

  async players(sessionId: string): Promise<PlayersView> {
    const profile = await this.profiles.get(this.sessions.get(sessionId).profileId);
    const commands = playerCommandsFor(profile);
    const target = queryTarget(profile);
    const [queried, listed] = await Promise.all([
      this.queriedPlayers(profile, target),
      this.listedPlayers(sessionId, commands),
    ]);
    const view: PlayersView = {
      sessionId,
      rows: mergePlayers(queried.players, listed.players),
      actions: {
        kick: Boolean(commands?.kick),
        ban: Boolean(commands?.ban),
        banTakesMinutes: commands?.banTakesMinutes === true,
        message: Boolean(commands?.message),
      },
    };
    if (commands?.note) view.note = commands.note;
    if (queried.problem) view.queryProblem = queried.problem;
    if (listed.problem) view.listProblem = listed.problem;
    return view;
  }

  /** Sends the game's commands for the action, in order; returns them as sent. */
  async act(request: PlayerActionRequest): Promise<{ commands: string[] }> {
    const profile = await this.profiles.get(this.sessions.get(request.sessionId).profileId);
    const commands = playerCommandsFor(profile);
    const templates = commands?.[request.action];
    if (!templates) throw new ValidationError(`This game has no ${request.action} command in RCON Desk.`);
    if (request.action === 'ban' && !commands.banTakesMinutes && request.minutes !== undefined && request.minutes > 0) {
      throw new ValidationError('This game bans for good: a ban here takes no duration.');
    }
    let filled: string[];
    try {
      filled = fillPlayerCommands(templates, {
        ...request.player,
        ...(request.reason !== undefined ? { reason: request.reason } : {}),
        ...(request.minutes !== undefined ? { minutes: request.minutes } : {}),
        ...(request.message !== undefined ? { message: request.message } : {}),
      });
    } catch (error) {
      if (error instanceof PlayerCommandError) throw new ValidationError(error.message);
      throw error;
    }
    for (const command of filled) {
      await this.sessions.send(request.sessionId, command, { source: 'player-action', keepInHistory: false });
    }
    return { commands: filled };
  }

  private async queriedPlayers(
    profile: Profile,
    target: ReturnType<typeof queryTarget>,
  ): Promise<{ players: QueriedPlayer[]; problem?: string }> {
    if (!target) return { players: [], problem: 'This game has no status query; the list comes from RCON alone.' };
    try {
      const info = await this.query.info(profile.host, target.port, {
        protocol: target.protocol,
        timeoutMs: this.timeoutMs,
      });
      return { players: info.playerList };
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      return { players: [], problem: error.message };
    }
  }

  private async listedPlayers(
    sessionId: string,
    commands: PlayerCommands | undefined,
  ): Promise<{ players: RconPlayer[]; problem?: string }> {
    if (!commands) return { players: [], problem: 'RCON Desk knows no player list command for this game.' };
    try {
      const { text } = await this.sessions.send(sessionId, commands.list.command, {
        source: 'player-list',
        keepInHistory: false,
      });
      return { players: parsePlayerList(commands.list.format, text) };
    } catch (error) {
      return { players: [], problem: error instanceof Error ? error.message : String(error) };
    }
  }
}
