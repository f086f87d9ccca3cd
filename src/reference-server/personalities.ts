import { AUTH_FAILED_ID, PacketType, RconMessage } from '../main/rcon/packet';
import type { CommandHandler, ServerFamily } from './commands';
import type { PersonalityName } from './options';

/** The four bytes Source sends after mirroring an empty RESPONSE_VALUE. */
export const SOURCE_TRAILER = Buffer.from([0x00, 0x01, 0x00, 0x00]);

/** Unsolicited packets carry this id, which no well-behaved client uses for a request. */
export const UNSOLICITED_ID = 0;

/** What differs between server families, as plain data plus reply builders. */
export interface Personality {
  readonly name: PersonalityName;
  readonly family: ServerFamily;
  /** Source servers ban an address after repeated failed logins; Minecraft does not. */
  readonly bansAddresses: boolean;
  /** Pushes chat on a timer and between the fragments of long answers. */
  readonly pushesChat: boolean;
  authReply(id: number, ok: boolean): RconMessage[];
  /** Answer to anything but a login while not logged in. */
  beforeAuthReply(request: RconMessage): RconMessage[];
  /** Answer to a packet type that is neither AUTH nor EXECCOMMAND, once logged in. */
  otherTypeReply(request: RconMessage): RconMessage[];
  /** The packets of one command's answer, already cut into bodies. */
  commandReply(id: number, bodies: readonly Buffer[]): RconMessage[];
  /** Commands of this game, over the family's; the server's own `commands` option wins over both. */
  readonly commands?: Readonly<Record<string, CommandHandler>>;
  /** Writes a packet the way this game does, when that differs from the spec. */
  encode?(message: RconMessage): Buffer;
  /** Requests this game answers per window before it blocks the client (Conan Exiles). */
  readonly rateLimit?: { readonly requests: number; readonly windowMs: number };
}

export const empty = (id: number): RconMessage => new RconMessage(id, PacketType.RESPONSE_VALUE);
export const authResponse = (id: number): RconMessage => new RconMessage(id, PacketType.AUTH_RESPONSE);
export const values = (id: number, bodies: readonly Buffer[]): RconMessage[] =>
  bodies.map((body) => new RconMessage(id, PacketType.RESPONSE_VALUE, body));

export const srcds: Personality = {
  name: 'srcds',
  family: 'source',
  bansAddresses: true,
  pushesChat: false,
  authReply: (id, ok) => [empty(id), authResponse(ok ? id : AUTH_FAILED_ID)],
  beforeAuthReply: () => [authResponse(AUTH_FAILED_ID)],
  // The mirror-and-trailer that lets clients find the end of a multi-packet answer.
  otherTypeReply: (request) =>
    request.type === PacketType.RESPONSE_VALUE
      ? [empty(request.id), new RconMessage(request.id, PacketType.RESPONSE_VALUE, SOURCE_TRAILER)]
      : [],
  commandReply: values,
};

export const minecraft: Personality = {
  name: 'minecraft',
  family: 'minecraft',
  bansAddresses: false,
  pushesChat: false,
  authReply: (id, ok) => [authResponse(ok ? id : AUTH_FAILED_ID)],
  // Vanilla checks the type before the login state: only commands are refused.
  beforeAuthReply: (request) =>
    request.type === PacketType.EXECCOMMAND ? [authResponse(AUTH_FAILED_ID)] : minecraft.otherTypeReply(request),
  otherTypeReply: (request) => [
    RconMessage.fromText(request.id, PacketType.RESPONSE_VALUE, `Unknown request ${(request.type >>> 0).toString(16)}`),
  ],
  commandReply: values,
};

/** Servers of several survival games: Source-like, but type-0 packets vanish without an answer. */
export const silent: Personality = {
  ...srcds,
  name: 'silent',
  authReply: (id, ok) => [authResponse(ok ? id : AUTH_FAILED_ID)],
  otherTypeReply: () => [],
};

/** Servers like Squad that stream chat and logs on the RCON socket. */
export const broadcast: Personality = {
  ...srcds,
  name: 'broadcast',
  pushesChat: true,
  // One chat packet after the first fragment, so clients must sort packets by id, not by arrival.
  commandReply: (id, bodies) => {
    const packets = values(id, bodies);
    if (packets.length > 1) packets.splice(1, 0, chatPacket(FRAGMENT_CHAT_LINE));
    return packets;
  },
};

/**
 * A Source server that attacks its admin: `hostile` answers with every escape sequence of
 * hostile.ts and `hostile-push` pushes each as a chat message (see HOSTILE_COMMANDS).
 */
export const hostile: Personality = { ...srcds, name: 'hostile' };

export const FRAGMENT_CHAT_LINE = '[Chat] Alex: lag?';

const CHAT_LINES = [
  '[Chat] Alex: hello',
  '[Chat] Steve: gg',
  'L 01/01/2025 - 12:00:00: "Steve<3><STEAM_1:1:87654321><CT>" purchased "ak47"',
  '[Chat] Alex: anyone up for another round?',
  'L 01/01/2025 - 12:00:05: World triggered "Round_Start"',
];

/** The n-th line of the chat the broadcast personality streams, cycling. */
export function chatLine(n: number): string {
  return CHAT_LINES[n % CHAT_LINES.length] ?? '';
}

export function chatPacket(text: string, encoding: BufferEncoding = 'utf8'): RconMessage {
  return RconMessage.fromText(UNSOLICITED_ID, PacketType.RESPONSE_VALUE, text, encoding);
}
