import type { StatusPlayer } from './source-output';

/**
 * Valve's server query answers, byte for byte as the Valve Developer Community page "Server
 * queries" documents them: little endian, strings UTF-8 and NUL-terminated, a -1 header for a
 * whole packet and a -2 header with id, total, number and size for each piece of a split one.
 */

export const SINGLE_HEADER = -1;
export const SPLIT_HEADER = -2;

export const A2S_INFO = 0x54;
export const A2S_PLAYER = 0x55;
export const A2S_RULES = 0x56;
export const A2S_GETCHALLENGE = 0x57;
export const S2C_CHALLENGE = 0x41;
export const S2A_INFO = 0x49;
export const S2A_PLAYER = 0x44;
export const S2A_RULES = 0x45;

export const INFO_PAYLOAD = 'Source Engine Query\0';

/** Steam's packet size (1400 bytes of payload plus IP and UDP headers). */
export const DEFAULT_MAX_PACKET_BYTES = 1400;
/** Bytes of a split packet before its payload: header, id, total, number, size. */
export const SPLIT_HEADER_BYTES = 12;

export interface A2sInfo {
  name: string;
  map: string;
  folder: string;
  game: string;
  appId: number;
  players: number;
  maxPlayers: number;
  bots: number;
  version: string;
  /** The game port, sent in the extra data so a client that queried another port learns it. */
  gamePort: number;
}

export interface A2sPlayer {
  name: string;
  score: number;
  durationSeconds: number;
}

class Writer {
  private readonly parts: Buffer[] = [];

  byte(value: number): this {
    this.parts.push(Buffer.from([value & 0xff]));
    return this;
  }

  /** Ports, app ids and counts: written unsigned, as clients read them. */
  short(value: number): this {
    const buffer = Buffer.alloc(2);
    buffer.writeUInt16LE(value);
    this.parts.push(buffer);
    return this;
  }

  long(value: number): this {
    const buffer = Buffer.alloc(4);
    buffer.writeInt32LE(value);
    this.parts.push(buffer);
    return this;
  }

  float(value: number): this {
    const buffer = Buffer.alloc(4);
    buffer.writeFloatLE(value);
    this.parts.push(buffer);
    return this;
  }

  string(value: string): this {
    this.parts.push(Buffer.from(`${value.replaceAll('\0', '')}\0`, 'utf8'));
    return this;
  }

  done(): Buffer {
    return Buffer.concat(this.parts);
  }
}

export function challengeAnswer(challenge: number): Buffer {
  return new Writer().long(SINGLE_HEADER).byte(S2C_CHALLENGE).long(challenge).done();
}

export function infoAnswer(info: A2sInfo): Buffer {
  return new Writer()
    .long(SINGLE_HEADER)
    .byte(S2A_INFO)
    .byte(17) // protocol version of current Source servers
    .string(info.name)
    .string(info.map)
    .string(info.folder)
    .string(info.game)
    .short(info.appId)
    .byte(info.players)
    .byte(info.maxPlayers)
    .byte(info.bots)
    .byte('d'.charCodeAt(0)) // dedicated
    .byte('l'.charCodeAt(0)) // Linux
    .byte(0) // no password
    .byte(1) // VAC secured
    .string(info.version)
    .byte(0x80) // extra data: the game port follows
    .short(info.gamePort)
    .done();
}

export function playerAnswer(players: readonly A2sPlayer[]): Buffer {
  const writer = new Writer().long(SINGLE_HEADER).byte(S2A_PLAYER).byte(players.length);
  players.forEach((player, index) => {
    writer.byte(index).string(player.name).long(player.score).float(player.durationSeconds);
  });
  return writer.done();
}

export function rulesAnswer(rules: readonly (readonly [string, string])[]): Buffer {
  const writer = new Writer().long(SINGLE_HEADER).byte(S2A_RULES).short(rules.length);
  for (const [name, value] of rules) writer.string(name).string(value);
  return writer.done();
}

/**
 * A whole answer (starting with its -1 header) cut into Source split packets of at most
 * maxPacketBytes each; an answer that fits goes out as it is.
 */
export function splitAnswer(answer: Buffer, id: number, maxPacketBytes: number): Buffer[] {
  if (answer.length <= maxPacketBytes) return [answer];
  const room = maxPacketBytes - SPLIT_HEADER_BYTES;
  if (room < 1) throw new RangeError(`maxPacketBytes must exceed ${SPLIT_HEADER_BYTES}, got ${maxPacketBytes}.`);
  const total = Math.ceil(answer.length / room);
  if (total > 255) throw new RangeError(`An answer of ${answer.length} bytes needs ${total} packets; 255 at most.`);
  const packets: Buffer[] = [];
  for (let number = 0; number < total; number += 1) {
    const head = Buffer.alloc(SPLIT_HEADER_BYTES);
    head.writeInt32LE(SPLIT_HEADER, 0);
    // The top bit would mean bzip2-compressed; ids stay below it.
    head.writeUInt32LE(id & 0x7fffffff, 4);
    head.writeUInt8(total, 8);
    head.writeUInt8(number, 9);
    head.writeUInt16LE(maxPacketBytes, 10);
    packets.push(Buffer.concat([head, answer.subarray(number * room, (number + 1) * room)]));
  }
  return packets;
}

/** "12:34" or "1:02:03" (the `connected` column of `status`) in seconds. */
export function connectedSeconds(text: string): number {
  return text.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

/** The players `status` lists, as A2S_PLAYER reports them, so the app can merge the two. */
export function statusPlayersForQuery(players: readonly StatusPlayer[]): A2sPlayer[] {
  return players.map((player) => ({
    name: player.name,
    score: player.userId * 7,
    durationSeconds: connectedSeconds(player.connected),
  }));
}
