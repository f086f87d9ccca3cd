/**
 * The RCON commands that list a game's players and act on one of them. Templates name what they
 * need in braces: {name}, {userid}, {steamid}, {reason}, {minutes}, {message}; a template whose
 * player detail is unknown is refused rather than sent half-filled.
 */

export type PlayerListFormat = 'source-status' | 'minecraft-list' | 'rust-status' | 'ark-list' | 'palworld-csv';

export const PLAYER_ACTIONS = ['kick', 'ban', 'message'] as const;
export type PlayerActionKind = (typeof PLAYER_ACTIONS)[number];

export interface PlayerCommands {
  /** Lists the players with what the query does not tell (ids, ping, address). */
  readonly list: { readonly command: string; readonly format: PlayerListFormat };
  /** Each action is one or more commands, sent in order. */
  readonly kick?: readonly string[];
  readonly ban?: readonly string[];
  /** True when the ban takes {minutes} (0 = for good); otherwise every ban is permanent. */
  readonly banTakesMinutes?: boolean;
  readonly message?: readonly string[];
  /** What an admin should know about these commands (one sentence). */
  readonly note?: string;
}

// Valve Developer Community, "Dedicated Server Commands": banid <minutes> <userid|steamid>, then
// kickid <userid> <message> shows the reason to the player. Stock Source has no private message.
export const SOURCE_PLAYER_COMMANDS: PlayerCommands = {
  list: { command: 'status', format: 'source-status' },
  kick: ['kickid {userid} {reason}'],
  ban: ['banid {minutes} {userid}', 'kickid {userid} {reason}'],
  banTakesMinutes: true,
  message: ['say {name}: {message}'],
  note: 'Messages go to public chat with the name in front: stock Source servers have no private message.',
};

// Minecraft Wiki, "Commands": kick, ban (permanent; no duration in vanilla), tell.
export const MINECRAFT_PLAYER_COMMANDS: PlayerCommands = {
  list: { command: 'list', format: 'minecraft-list' },
  kick: ['kick {name} {reason}'],
  ban: ['ban {name} {reason}'],
  message: ['tell {name} {message}'],
  note: 'Vanilla bans are permanent: lift one with pardon NAME.',
};

// Rust admin commands (Facepunch wiki): kick and banid take the SteamID64.
export const RUST_PLAYER_COMMANDS: PlayerCommands = {
  list: { command: 'status', format: 'rust-status' },
  kick: ['kick {steamid} "{reason}"'],
  ban: ['banid {steamid} "{name}" "{reason}"'],
};

// ARK admin commands (ARK wiki, "Console commands"): ListPlayers, KickPlayer, BanPlayer, ServerChatTo.
export const ARK_PLAYER_COMMANDS: PlayerCommands = {
  list: { command: 'ListPlayers', format: 'ark-list' },
  kick: ['KickPlayer {steamid}'],
  ban: ['BanPlayer {steamid}'],
  message: ['ServerChatTo "{steamid}" {message}'],
  note: 'ARK shows no reason to the player.',
};

// Palworld's REST/RCON commands (Palworld tech guide): ShowPlayers, KickPlayer, BanPlayer.
export const PALWORLD_PLAYER_COMMANDS: PlayerCommands = {
  list: { command: 'ShowPlayers', format: 'palworld-csv' },
  kick: ['KickPlayer {steamid}'],
  ban: ['BanPlayer {steamid}'],
  note: 'Palworld shows no reason to the player and has no private message.',
};

/** A template that cannot be filled, or a value that would change what the command does. */
export class PlayerCommandError extends Error {
  override readonly name = 'PlayerCommandError';
}

export interface PlayerCommandValues {
  name: string;
  userId?: number;
  steamId?: string;
  reason?: string;
  minutes?: number;
  message?: string;
}

const PLACEHOLDER = /\{(name|userid|steamid|reason|minutes|message)\}/g;

/** The commands of one action for one player, or a PlayerCommandError saying what is missing. */
export function fillPlayerCommands(templates: readonly string[], values: PlayerCommandValues): string[] {
  return templates.map((template) =>
    template
      .replace(PLACEHOLDER, (_match, key: string) => valueFor(key, values))
      .replace(/\s+$/, '')
      .replace(/ {2,}/g, ' '),
  );
}

function valueFor(key: string, values: PlayerCommandValues): string {
  switch (key) {
    case 'name':
      return safeText(values.name, "The player's name", true);
    case 'userid':
      if (values.userId === undefined) {
        throw new PlayerCommandError("This action needs the player's user id, which the player list did not give.");
      }
      return String(values.userId);
    case 'steamid':
      if (!values.steamId) {
        throw new PlayerCommandError("This action needs the player's SteamID, which the player list did not give.");
      }
      return safeText(values.steamId, 'The SteamID', true);
    case 'reason':
      return safeText(values.reason ?? '', 'The reason', false);
    case 'minutes': {
      const minutes = values.minutes ?? 0;
      if (!Number.isInteger(minutes) || minutes < 0) {
        throw new PlayerCommandError(
          `The ban duration must be a whole number of minutes (0 for good), got ${minutes}.`,
        );
      }
      return String(minutes);
    }
    default:
      return safeText(values.message ?? '', 'The message', false);
  }
}

/**
 * Refuses what a server console would read as another command or a broken argument: a `;` or a
 * line break starts a new command on Source servers, a quote ends the argument early.
 */
function safeText(text: string, what: string, required: boolean): string {
  if (required && text.trim() === '') throw new PlayerCommandError(`${what} is empty.`);
  if (/[;"\r\n\0]/.test(text)) {
    throw new PlayerCommandError(
      `${what} cannot contain ; or " or a line break: the server would read them as part of another command.`,
    );
  }
  return text;
}
