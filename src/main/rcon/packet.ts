import { RconProtocolError } from './errors';

/** Packet types. AUTH_RESPONSE and EXECCOMMAND share the value 2; direction tells them apart. */
export const PacketType = {
  RESPONSE_VALUE: 0,
  EXECCOMMAND: 2,
  AUTH_RESPONSE: 2,
  AUTH: 3,
} as const;

/** size(4) is not counted by the size field; id(4) + type(4) + two NUL terminators are. */
export const HEADER_BYTES = 12;
export const MIN_SIZE_FIELD = 10;
/** Some servers end an empty body with a single NUL (size 9); such a packet is read like size 10. */
export const MIN_DECODED_SIZE_FIELD = 9;
/** Source servers accept client packets of at most 4096 bytes in total. */
export const MAX_CLIENT_PACKET_BYTES = 4096;
export const MAX_COMMAND_BYTES = MAX_CLIENT_PACKET_BYTES - 4 - MIN_SIZE_FIELD;

/** The id servers put on an AUTH_RESPONSE to say "wrong password". */
export const AUTH_FAILED_ID = -1;

/** One RCON packet. The body is raw bytes: decoding to text is the caller's choice of encoding. */
export class RconMessage {
  constructor(
    readonly id: number,
    readonly type: number,
    readonly body: Buffer = Buffer.alloc(0),
  ) {}

  static fromText(id: number, type: number, text: string, encoding: BufferEncoding = 'utf8'): RconMessage {
    return new RconMessage(id, type, Buffer.from(text, encoding));
  }

  /** Total bytes on the wire, size field included. */
  get wireLength(): number {
    return 4 + MIN_SIZE_FIELD + this.body.length;
  }

  encode(): Buffer {
    const out = Buffer.alloc(this.wireLength);
    out.writeInt32LE(MIN_SIZE_FIELD + this.body.length, 0);
    out.writeInt32LE(this.id, 4);
    out.writeInt32LE(this.type, 8);
    this.body.copy(out, HEADER_BYTES);
    // The two terminators are already zero from Buffer.alloc.
    return out;
  }

  /**
   * Decodes the first packet in `buffer` and returns it with the bytes that follow it,
   * like python-valve's RCONMessage.decode. Throws RconProtocolError on a malformed or
   * incomplete packet; streams should use FrameDecoder instead.
   */
  static decode(buffer: Buffer): [RconMessage, Buffer] {
    if (buffer.length < 4) {
      throw new RconProtocolError(`Incomplete packet: ${buffer.length} bytes, the size field alone needs 4.`);
    }
    const size = buffer.readInt32LE(0);
    checkSizeField(size, Number.MAX_SAFE_INTEGER);
    if (buffer.length < 4 + size) {
      throw new RconProtocolError(
        `Incomplete packet: its size field says ${size} bytes, only ${buffer.length - 4} follow.`,
      );
    }
    return [parsePacket(buffer.subarray(0, 4 + size)), buffer.subarray(4 + size)];
  }
}

/** Throws unless `size` is a plausible size field. */
export function checkSizeField(size: number, maxPacketBytes: number): void {
  if (size < MIN_DECODED_SIZE_FIELD) {
    throw new RconProtocolError(
      `Not an RCON packet: its size field is ${size}, the smallest valid size is ${MIN_DECODED_SIZE_FIELD}.`,
    );
  }
  if (size > maxPacketBytes) {
    throw new RconProtocolError(
      `Not an RCON packet: its size field is ${size} bytes, over the limit of ${maxPacketBytes}.`,
    );
  }
}

/** `frame` is exactly one whole packet, size field included. */
export function parsePacket(frame: Buffer): RconMessage {
  const id = frame.readInt32LE(4);
  const type = frame.readInt32LE(8);
  if (frame[frame.length - 1] !== 0) {
    throw new RconProtocolError('Not an RCON packet: it does not end with the NUL terminator.');
  }
  // The spec ends a packet with two NULs (the body's and the packet's); some servers send one.
  // Both read the same, empty body or not: strip one NUL, then the body's if present.
  let end = frame.length - 1;
  if (end > HEADER_BYTES && frame[end - 1] === 0) end -= 1;
  return new RconMessage(id, type, frame.subarray(HEADER_BYTES, end));
}
