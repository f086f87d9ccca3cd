import { AUTH_FAILED_ID } from '../main/rcon/packet';
import type { CommandContext, CommandHandler } from './commands';
import type { PersonalityName } from './options';
import {
  authResponse,
  broadcast,
  empty,
  hostile,
  minecraft,
  rust,
  silent,
  srcds,
  values,
  type Personality,
} from './personalities';

/**
 * Real games whose servers bend the protocol, each quirk with the public report it comes from.
 * docs/compatibility.md lists the same facts for users.
 */

/** Palworld's player list; the accented and CJK names are what trip its size field. */
export const PALWORLD_PLAYERS =
  'name,playeruid,steamid\nZoë,1234567890,76561198000000001\n玩家一号,987654321,76561198000000002\n';
export const PALWORLD_INFO = 'Welcome to Pal Server[v0.1.5.1] RCON Desk Reference\n';

const palworldCommands: Record<string, CommandHandler> = {
  info: () => PALWORLD_INFO,
  showplayers: () => PALWORLD_PLAYERS,
  // Broadcast keeps only the text before the first space (gorcon/rcon-cli #34).
  broadcast: (args, ctx) => {
    const word = args.trim().split(/\s/)[0] ?? '';
    ctx.broadcast(word);
    return `Broadcasted: ${word}\n`;
  },
};

/**
 * Palworld answers the login and every command with id 0, never the request's (conqp/rcon #29,
 * Challengermode/CoreRcon #56 #57, janispritzkau/rcon-client #25); how it answers a type-0 packet is
 * not documented, so this server answers it like everything else: one empty packet with id 0. Its
 * size field counts characters instead of bytes on non-ASCII text (gorcon/rcon-cli #35, radj307/ARRCON #16).
 */
const palworld: Personality = {
  ...srcds,
  name: 'palworld',
  bansAddresses: false,
  authReply: (_id, ok) => [authResponse(ok ? 0 : AUTH_FAILED_ID)],
  beforeAuthReply: () => [authResponse(AUTH_FAILED_ID)],
  otherTypeReply: () => [empty(0)],
  commandReply: (_id, bodies) => values(0, bodies),
  commands: palworldCommands,
  encode: (message) => {
    const bytes = message.encode();
    bytes.writeInt32LE(10 + [...message.body.toString('utf8')].length, 0);
    return bytes;
  },
};

/** What ARK says for a command that printed nothing (ark-server-tools PR #113). */
export const ARK_NO_RESPONSE = 'Server received, But no response!! \n';

/** ARK's `ListPlayers`: "index. name, SteamID64" a line (ARK wiki, Console commands). */
export const ARK_PLAYERS = '0. Alex, 76561198000000011\n1. Steve, 76561198000000012\n';

/** Connections (by server and client address) that have already read the chat, oldest first. */
const chatRead = new Set<string>();
const MAX_CHAT_READERS = 1024;

/**
 * ARK's chat buffer: `getchat` returns what was said since the last call, then forgets it
 * (ark-server-tools #453). Here each connection reads the two chat lines once; after that there is
 * no new chat, which ARK answers with its no-output reply.
 */
function getChat(_args: string, ctx: CommandContext): string {
  const reader = `${ctx.endpoint} ${ctx.remoteAddress}`;
  if (chatRead.has(reader)) return ARK_NO_RESPONSE;
  chatRead.add(reader);
  if (chatRead.size > MAX_CHAT_READERS) chatRead.delete(chatRead.values().next().value as string);
  return 'SERVER: welcome\nSurvivor (Alex): hello\n';
}

function arkCommands(): Record<string, CommandHandler> {
  return {
    getchat: getChat,
    listplayers: () => ARK_PLAYERS,
    saveworld: () => 'World Saved\n',
    serverchat: () => ARK_NO_RESPONSE,
    broadcast: () => ARK_NO_RESPONSE,
    destroywilddinos: () => ARK_NO_RESPONSE,
  };
}

/**
 * ARK: Survival Evolved and Ascended: Source framing for commands, no mirror of an empty
 * RESPONSE_VALUE (not documented either way; this server takes the cautious side).
 */
const ark: Personality = {
  ...srcds,
  name: 'ark',
  authReply: (id, ok) => [authResponse(ok ? id : AUTH_FAILED_ID)],
  otherTypeReply: () => [],
  commands: arkCommands(),
};

/**
 * Conan Exiles blocks a client that sends more than about 10-20 requests in 30 s (gorcon/rcon-cli #6);
 * this server allows 15 and then closes the connection. Otherwise Source.
 */
const conan: Personality = {
  ...srcds,
  name: 'conan',
  rateLimit: { requests: 15, windowMs: 30_000 },
};

const PERSONALITY_TABLE: Record<PersonalityName, Personality> = {
  srcds,
  minecraft,
  silent,
  broadcast,
  palworld,
  ark,
  conan,
  hostile,
  rust,
};

export function personality(name: PersonalityName): Personality {
  return PERSONALITY_TABLE[name];
}
