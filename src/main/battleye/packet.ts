import { crc32 } from 'node:zlib';

/**
 * BattlEye RCon packets, after "BE RCon Protocol" (BattlEye Innovations, 2011; the spec text is
 * mirrored in e.g. WoozyMasta/bercon-cli pkg/bercon/spec/bercon-protocol.md):
 *
 *   'B' 'E' | CRC32 (little-endian) of everything after it | 0xFF | type | payload
 *
 * - 0x00 login:   client `0x00 password`, server `0x00 (0x01 ok | 0x00 failed)`.
 * - 0x01 command: client `0x01 seq command`, server `0x01 seq answer`; a long answer comes in
 *   several packets that each start `0x00 count index`. An empty command keeps the login alive.
 * - 0x02 message: server `0x02 seq text`, which the client acknowledges with `0x02 seq`.
 */
export const PacketType = { LOGIN: 0x00, COMMAND: 0x01, MESSAGE: 0x02 } as const;

export interface BattlEyePacket {
  type: number;
  payload: Buffer;
}

const HEADER_BYTES = 7;

export function encodePacket(type: number, payload: Buffer = Buffer.alloc(0)): Buffer {
  const body = Buffer.concat([Buffer.from([0xff, type]), payload]);
  const packet = Buffer.alloc(6 + body.length);
  packet.write('BE', 0, 'latin1');
  packet.writeUInt32LE(crc32(body), 2);
  body.copy(packet, 6);
  return packet;
}

/** Why a datagram was not a packet; such datagrams are dropped, never fatal: UDP carries noise. */
export type DecodeFailure = 'short' | 'magic' | 'crc';

export function decodePacket(datagram: Buffer): BattlEyePacket | DecodeFailure {
  if (datagram.length < HEADER_BYTES + 1) return 'short';
  if (datagram[0] !== 0x42 || datagram[1] !== 0x45 || datagram[6] !== 0xff) return 'magic';
  if (datagram.readUInt32LE(2) !== crc32(datagram.subarray(6))) return 'crc';
  return { type: datagram[7]!, payload: datagram.subarray(8) };
}

/** A command answer's part: `0x00 count index data` when the answer is split, else the whole data. */
export interface AnswerPart {
  sequence: number;
  count: number;
  index: number;
  data: Buffer;
}

export function parseAnswer(payload: Buffer): AnswerPart | undefined {
  if (payload.length < 1) return undefined;
  const sequence = payload[0]!;
  if (payload.length >= 4 && payload[1] === 0x00) {
    const count = payload[2]!;
    const index = payload[3]!;
    if (count > 0 && index < count) return { sequence, count, index, data: payload.subarray(4) };
  }
  return { sequence, count: 1, index: 0, data: payload.subarray(1) };
}

/** Collects the parts of one answer; they may arrive in any order, and twice. */
export class AnswerAssembler {
  private parts: Array<Buffer | undefined> = [];
  private received = 0;

  /** Returns the whole answer once every part is in. */
  push(part: AnswerPart): Buffer | undefined {
    if (this.parts.length === 0) this.parts = new Array<Buffer | undefined>(part.count).fill(undefined);
    if (part.count !== this.parts.length || this.parts[part.index]) return undefined;
    this.parts[part.index] = part.data;
    this.received += 1;
    if (this.received < this.parts.length) return undefined;
    return Buffer.concat(this.parts as Buffer[]);
  }
}
