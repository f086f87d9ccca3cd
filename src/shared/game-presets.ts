import type { Dialect, TextEncoding } from './api';
import {
  ARK_PLAYER_COMMANDS,
  MINECRAFT_PLAYER_COMMANDS,
  PALWORLD_PLAYER_COMMANDS,
  RUST_PLAYER_COMMANDS,
  SOURCE_PLAYER_COMMANDS,
  type PlayerCommands,
} from './player-commands';
import type { QueryProtocol } from './server-status';

/**
 * What RCON Desk knows about each game's RCON server: the port it listens on by default, how it
 * frames answers, and the quirks other clients tripped over. Every quirk cites the public report it
 * comes from; docs/compatibility.md shows the same table to users. Shared so the renderer can offer
 * the list and main, the CLI and the engine can apply it.
 */

export const GAME_IDS = [
  'cs2',
  'csgo',
  'tf2',
  'gmod',
  'minecraft',
  'rust',
  'ark',
  'palworld',
  'conan',
  'factorio',
  'zomboid',
  'vrising',
  'squad',
] as const;

export type GameId = (typeof GAME_IDS)[number];

export interface GamePreset {
  readonly id: GameId;
  readonly name: string;
  readonly defaultPort: number;
  readonly dialect: Dialect;
  readonly encoding: TextEncoding;
  /** Request packets per window the server tolerates (a command and its end marker are two). */
  readonly pacing?: { readonly requests: number; readonly perMs: number };
  /** Longest command, in bytes, the server accepts; longer ones are refused before sending. */
  readonly maxCommandBytes?: number;
  /** Whole answers that mean "no output"; shown as an empty answer. */
  readonly noOutputReplies?: readonly string[];
  /** A command that returns new chat lines once, for servers that do not push chat. */
  readonly chatPollCommand?: string;
  /** Commands whose text argument the server cuts at the first space (matched case-insensitively). */
  readonly spacesCutCommands?: readonly string[];
  /** What an admin should know, one sentence each. */
  readonly quirks: readonly string[];
  /** How the server reports its status without a password, and on which port by default. */
  readonly query?: { readonly protocol: QueryProtocol; readonly defaultPort: number };
  /** The RCON commands that list players and act on one (kick, ban, message). */
  readonly playerCommands?: PlayerCommands;
}

// Source games: the Valve Developer Community page "Source RCON Protocol" documents the framing,
// the empty-RESPONSE_VALUE mirror that marks the end of an answer, and bans after failed logins.
const SOURCE_QUIRKS = [
  'Answers end with the mirror of an empty packet (Valve wiki, Source RCON Protocol).',
  'Several failed logins get the address banned; a failed login is never retried.',
] as const;

export const GAME_PRESETS: readonly GamePreset[] = [
  {
    id: 'cs2',
    name: 'Counter-Strike 2',
    defaultPort: 27015,
    dialect: 'source',
    encoding: 'utf8',
    query: { protocol: 'a2s', defaultPort: 27015 },
    playerCommands: SOURCE_PLAYER_COMMANDS,
    quirks: [
      ...SOURCE_QUIRKS,
      // Challengermode/CoreRcon #45: `cvarlist` on CS2 answers in packets over 4200 bytes.
      'Answer packets can be larger than 4096 bytes (CoreRcon #45); they are read whole.',
    ],
  },
  {
    id: 'csgo',
    name: 'Counter-Strike: Global Offensive',
    defaultPort: 27015,
    dialect: 'source',
    encoding: 'utf8',
    query: { protocol: 'a2s', defaultPort: 27015 },
    playerCommands: SOURCE_PLAYER_COMMANDS,
    quirks: SOURCE_QUIRKS,
  },
  {
    id: 'tf2',
    name: 'Team Fortress 2',
    defaultPort: 27015,
    dialect: 'source',
    encoding: 'utf8',
    query: { protocol: 'a2s', defaultPort: 27015 },
    playerCommands: SOURCE_PLAYER_COMMANDS,
    quirks: SOURCE_QUIRKS,
  },
  {
    id: 'gmod',
    name: "Garry's Mod",
    defaultPort: 27015,
    dialect: 'source',
    encoding: 'utf8',
    query: { protocol: 'a2s', defaultPort: 27015 },
    playerCommands: SOURCE_PLAYER_COMMANDS,
    quirks: SOURCE_QUIRKS,
  },
  {
    id: 'minecraft',
    name: 'Minecraft: Java Edition',
    defaultPort: 25575,
    dialect: 'minecraft',
    encoding: 'utf8',
    // Iapetus-11/aio-mc-rcon #8: vanilla ignores commands longer than 1446 characters;
    // panicbit/rust-rcon #5: 1.7.10 closes the connection on a packet over 1428 bytes.
    maxCommandBytes: 1446,
    // The Server List Ping answers on the game port, not the RCON one (wiki.vg, Server List Ping).
    query: { protocol: 'minecraft', defaultPort: 25565 },
    playerCommands: MINECRAFT_PLAYER_COMMANDS,
    quirks: [
      'Answers to an unknown packet type with "Unknown request" instead of a mirror (wiki.vg, RCON).',
      'Answers are cut every 4096 characters; there is no end marker of its own (wiki.vg, RCON).',
      'Commands longer than 1446 bytes are refused before sending (aio-mc-rcon #8, rust-rcon #5).',
    ],
  },
  {
    id: 'rust',
    name: 'Rust (legacy RCON, +rcon.web 0)',
    defaultPort: 28016,
    dialect: 'auto',
    encoding: 'utf8',
    query: { protocol: 'a2s', defaultPort: 28015 },
    playerCommands: RUST_PLAYER_COMMANDS,
    quirks: [
      // pushrax/node-rcon #14, koraktor/steam-condenser #294, ribasco/async-gamequery-lib #87.
      // Reference personality: `rust`, which pushes console lines as type-4 packets of id -1.
      'Some packets carry type 4 or id -1; they are shown as server messages (node-rcon #14, steam-condenser #294).',
      // gorcon/rcon-cli #15, #32, #40: raw RCON on the WebRCON port sees HTTP and times out.
      'Modern Rust speaks WebRCON (JSON over WebSocket) unless started with +rcon.web 0 (gorcon/rcon-cli #15).',
    ],
  },
  {
    id: 'ark',
    name: 'ARK: Survival Evolved / Ascended',
    defaultPort: 27020,
    dialect: 'auto',
    encoding: 'utf8',
    // arkmanager/ark-server-tools #498 and PR #410: ARK's answer when a command prints nothing.
    noOutputReplies: ['Server received, But no response!!'],
    // ark-server-tools #453: chat is read by polling GetChat, which returns new lines once.
    chatPollCommand: 'getchat',
    query: { protocol: 'a2s', defaultPort: 27015 },
    playerCommands: ARK_PLAYER_COMMANDS,
    quirks: [
      '"Server received, But no response!!" means no output and shows as an empty answer (ark-server-tools #498).',
      // serverstf/python-valve #60: ARK does not answer the multi-packet trick.
      'No end marker: answers end after a short silence (python-valve #60).',
      'Chat is not pushed: poll it with getchat, which returns each line once (ark-server-tools #453).',
    ],
  },
  {
    id: 'palworld',
    name: 'Palworld',
    defaultPort: 25575,
    dialect: 'auto',
    encoding: 'utf8',
    spacesCutCommands: ['broadcast'],
    playerCommands: PALWORLD_PLAYER_COMMANDS,
    quirks: [
      // conqp/rcon #29, Challengermode/CoreRcon #56 #57, janispritzkau/rcon-client #25.
      'Answers the login and every command with id 0: commands run one at a time (conqp/rcon #29, CoreRcon #57).',
      // gorcon/rcon-cli #34.
      'Broadcast shows only the text before the first space; the app sends its spaces as underscores (gorcon/rcon-cli #34).',
      // gorcon/rcon-cli #35, radj307/ARRCON #16 #20, ddakebono/PalworldRcon #8.
      'Non-ASCII player names make the size field too small; the engine reads to the terminator (gorcon/rcon-cli #35).',
    ],
  },
  {
    id: 'conan',
    name: 'Conan Exiles',
    defaultPort: 25575,
    dialect: 'auto',
    encoding: 'utf8',
    // gorcon/rcon-cli #6: blocked after "10-20 requests in 30 seconds" for about 180 s.
    pacing: { requests: 10, perMs: 30_000 },
    query: { protocol: 'a2s', defaultPort: 27015 },
    quirks: [
      'Blocks a client after about 10-20 requests in 30 s for 3 minutes: commands are paced (gorcon/rcon-cli #6).',
      // radj307/ARRCON #14.
      'An answer may follow a wrong-password report (ARRCON #14).',
    ],
  },
  {
    id: 'factorio',
    name: 'Factorio',
    defaultPort: 27015,
    dialect: 'auto',
    encoding: 'utf8',
    quirks: [
      // n0la/rcon #6.
      'Does not mirror the empty packet; the end of an answer is found another way (n0la/rcon #6).',
      // clusterio/clusterio #34; the engine's 4082-byte command limit keeps under it.
      'Commands of more than about 4 KB drop the session (clusterio #34).',
    ],
  },
  {
    id: 'zomboid',
    name: 'Project Zomboid',
    defaultPort: 27015,
    dialect: 'auto',
    encoding: 'utf8',
    query: { protocol: 'a2s', defaultPort: 16261 },
    quirks: [
      // radj307/ARRCON #15.
      'Clients that read one packet per command show the previous answer; answers are matched by id here (ARRCON #15).',
    ],
  },
  {
    id: 'vrising',
    name: 'V Rising',
    defaultPort: 25575,
    dialect: 'auto',
    encoding: 'utf8',
    query: { protocol: 'a2s', defaultPort: 9877 },
    quirks: [
      // StunlockStudios/vrising-dedicated-server-instructions PR #69; kapatheus/egg-v-rising README.
      'RCON is off unless "Rcon": { "Enabled": true } is set in ServerHostSettings.json (port 25575 by default).',
    ],
  },
  {
    id: 'squad',
    name: 'Squad',
    defaultPort: 21114,
    dialect: 'auto',
    encoding: 'utf8',
    query: { protocol: 'a2s', defaultPort: 27165 },
    quirks: [
      // Team-Silver-Sphere/SquadJS #91; Phil25/SourceRCON #2.
      'Pushes chat and events on the RCON socket; they are shown as server messages, never mixed into answers (SquadJS #91).',
    ],
  },
];

export function isGameId(value: unknown): value is GameId {
  return typeof value === 'string' && (GAME_IDS as readonly string[]).includes(value);
}

export function gamePreset(id: GameId): GamePreset {
  const preset = GAME_PRESETS.find((candidate) => candidate.id === id);
  if (!preset) throw new RangeError(`No preset for game "${id}".`);
  return preset;
}

/** The engine options a game sets: plain data, spread into RconClientOptions by main and the CLI. */
export interface GameClientOptions {
  dialect: Dialect;
  encoding: TextEncoding;
  pacing?: { requests: number; perMs: number };
  maxCommandBytes?: number;
  noOutputReplies?: readonly string[];
}

export function gameClientOptions(id: GameId): GameClientOptions {
  const preset = gamePreset(id);
  return {
    dialect: preset.dialect,
    encoding: preset.encoding,
    ...(preset.pacing ? { pacing: { ...preset.pacing } } : {}),
    ...(preset.maxCommandBytes ? { maxCommandBytes: preset.maxCommandBytes } : {}),
    ...(preset.noOutputReplies ? { noOutputReplies: preset.noOutputReplies } : {}),
  };
}

/** A command as the game needs it sent, and a note for the admin when it had to be changed. */
export interface AdaptedCommand {
  command: string;
  note?: string;
}

/**
 * Works around what a game does to certain commands: Palworld cuts a Broadcast at its first space,
 * so the message's spaces are sent as underscores (what its admins do by hand, gorcon/rcon-cli #34).
 */
export function adaptCommand(id: GameId | undefined, command: string): AdaptedCommand {
  const cut = id === undefined ? undefined : gamePreset(id).spacesCutCommands;
  const match = /^(\s*)(\S+)(\s+)(.*\S)(\s*)$/.exec(command);
  if (!cut || !match || !cut.includes((match[2] ?? '').toLowerCase())) return { command };
  const text = match[4] ?? '';
  if (!/\s/.test(text)) return { command };
  return {
    command: `${match[1]}${match[2]}${match[3]}${text.replace(/\s+/g, '_')}`,
    note: `${gamePreset(id as GameId).name} shows only the first word of ${match[2]}: its spaces were sent as underscores.`,
  };
}
