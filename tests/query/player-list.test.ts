import { describe, expect, it } from 'vitest';
import { GAME_PRESETS } from '../../src/shared/game-presets';
import {
  fillPlayerCommands,
  MINECRAFT_PLAYER_COMMANDS,
  PlayerCommandError,
  SOURCE_PLAYER_COMMANDS,
} from '../../src/shared/player-commands';
import { mergePlayers, parsePlayerList } from '../../src/shared/player-list';
import { playerCommandsFor, queryTarget } from '../../src/shared/query-target';
import { MINECRAFT_LIST } from '../../src/reference-server/commands';
import { PALWORLD_PLAYERS } from '../../src/reference-server/game-personalities';
import { formatStatus, STATUS_PLAYERS } from '../../src/reference-server/source-output';

describe('player lists from RCON', () => {
  it('reads the Source status table: user id, SteamID, ping and address', () => {
    const players = parsePlayerList('source-status', formatStatus('host', '127.0.0.1:27015', 'de_dust2'));
    expect(players).toEqual(
      STATUS_PLAYERS.map((player) => ({
        name: player.name,
        userId: player.userId,
        steamId: player.steamId,
        pingMs: player.ping,
        address: player.address,
      })),
    );
  });

  it('reads CS:GO rows with a slot column, bots, and the CS2 layout', () => {
    const text = [
      '# userid name uniqueid connected ping loss state rate adr',
      '#  7 1 "Zoë" STEAM_1:0:42 1:02:03 35 0 active 786432 203.0.113.9:27005',
      '#  8 "Bot Jim" BOT active 64',
      '  id     time ping loss      state   rate adr name',
      "65535 [NoChan]    0    0 challenging      0unknown ''",
      "    2    00:25    15    0     active 786432 203.0.113.1:27005 'Alex Two'",
      '#end',
    ].join('\n');
    expect(parsePlayerList('source-status', text)).toEqual([
      { name: 'Zoë', userId: 7, steamId: 'STEAM_1:0:42', pingMs: 35, address: '203.0.113.9:27005' },
      { name: 'Bot Jim', userId: 8 },
      { name: 'Alex Two', userId: 2, pingMs: 15, address: '203.0.113.1:27005' },
    ]);
  });

  it('reads Minecraft list (colour codes removed) and Palworld ShowPlayers', () => {
    expect(parsePlayerList('minecraft-list', MINECRAFT_LIST)).toEqual([{ name: 'Alex' }, { name: 'Steve' }]);
    expect(parsePlayerList('minecraft-list', 'There are 0 of a max of 20 players online: ')).toEqual([]);
    expect(parsePlayerList('palworld-csv', PALWORLD_PLAYERS)).toEqual([
      { name: 'Zoë', steamId: '76561198000000001' },
      { name: '玩家一号', steamId: '76561198000000002' },
    ]);
  });

  it('merges the query list with the RCON list, keeping players only one side knows', () => {
    const rows = mergePlayers(
      [
        { name: 'Alex', score: 14, durationSeconds: 754 },
        { name: 'newcomer', score: 0, durationSeconds: 3 },
      ],
      [
        { name: 'alex', userId: 2, steamId: 'STEAM_1:0:1', pingMs: 48 },
        { name: 'Leaver', userId: 9 },
      ],
    );
    expect(rows).toEqual([
      {
        name: 'Alex',
        userId: 2,
        steamId: 'STEAM_1:0:1',
        pingMs: 48,
        score: 14,
        durationSeconds: 754,
        seenBy: { query: true, rcon: true },
      },
      { name: 'newcomer', score: 0, durationSeconds: 3, seenBy: { query: true, rcon: false } },
      { name: 'Leaver', userId: 9, score: null, durationSeconds: null, seenBy: { query: false, rcon: true } },
    ]);
  });
});

describe('player commands', () => {
  it('fills the Source and Minecraft templates', () => {
    const player = { name: 'Alex', userId: 2, steamId: 'STEAM_1:0:1' };
    expect(fillPlayerCommands(SOURCE_PLAYER_COMMANDS.ban ?? [], { ...player, minutes: 30, reason: 'spam' })).toEqual([
      'banid 30 2',
      'kickid 2 spam',
    ]);
    expect(fillPlayerCommands(SOURCE_PLAYER_COMMANDS.kick ?? [], player)).toEqual(['kickid 2']);
    expect(fillPlayerCommands(MINECRAFT_PLAYER_COMMANDS.message ?? [], { ...player, message: 'hi there' })).toEqual([
      'tell Alex hi there',
    ]);
  });

  it('refuses a value that would start another command, and a missing player detail', () => {
    expect(() =>
      fillPlayerCommands(SOURCE_PLAYER_COMMANDS.kick ?? [], { name: 'Alex', userId: 2, reason: 'x; rcon_password 1' }),
    ).toThrow(
      new PlayerCommandError(
        'The reason cannot contain ; or " or a line break: the server would read them as part of another command.',
      ),
    );
    expect(() => fillPlayerCommands(SOURCE_PLAYER_COMMANDS.kick ?? [], { name: 'Alex' })).toThrow(
      "This action needs the player's user id, which the player list did not give.",
    );
    expect(() => fillPlayerCommands(['banid {minutes} {name}'], { name: 'A', minutes: -1 })).toThrow(
      'The ban duration must be a whole number of minutes (0 for good), got -1.',
    );
  });

  it('every preset with player commands has a list command and at least one action', () => {
    for (const preset of GAME_PRESETS.filter((candidate) => candidate.playerCommands)) {
      const commands = preset.playerCommands;
      expect(commands?.list.command, preset.id).not.toBe('');
      expect(Boolean(commands?.kick ?? commands?.ban ?? commands?.message), preset.id).toBe(true);
    }
  });
});

describe('query targets', () => {
  it('takes the profile query port, else the game default, else the RCON port', () => {
    expect(queryTarget({ port: 27016, dialect: 'auto' })).toEqual({ protocol: 'a2s', port: 27016 });
    expect(queryTarget({ port: 25575, dialect: 'minecraft' })).toEqual({ protocol: 'minecraft', port: 25565 });
    expect(queryTarget({ port: 28016, dialect: 'auto', game: 'rust' })).toEqual({ protocol: 'a2s', port: 28015 });
    expect(queryTarget({ port: 28016, dialect: 'auto', game: 'rust', queryPort: 28017 })).toEqual({
      protocol: 'a2s',
      port: 28017,
    });
    expect(queryTarget({ port: 25575, dialect: 'auto', game: 'palworld' })).toBeUndefined();
    expect(playerCommandsFor({ dialect: 'minecraft' })).toBe(MINECRAFT_PLAYER_COMMANDS);
    expect(playerCommandsFor({ dialect: 'auto', game: 'factorio' })).toBeUndefined();
  });
});
