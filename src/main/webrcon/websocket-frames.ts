import { createHash, randomBytes } from 'node:crypto';

/**
 * The part of RFC 6455 (The WebSocket Protocol) that WebRCON needs: text, close, ping and pong
 * frames, masking, 7/16/64-bit lengths and fragmented messages. Shared by the client and the
 * reference server. (The `ws` package is not installed in this project; see docs/compatibility.md.)
 */
export const Opcode = {
  CONTINUATION: 0x0,
  TEXT: 0x1,
  BINARY: 0x2,
  CLOSE: 0x8,
  PING: 0x9,
  PONG: 0xa,
} as const;

export interface WebSocketFrame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
}

/** RFC 6455 section 1.3: the server proves it read the key by hashing it with this GUID. */
const HANDSHAKE_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export function acceptKey(key: string): string {
  return createHash('sha1')
    .update(key + HANDSHAKE_GUID)
    .digest('base64');
}

export function newHandshakeKey(): string {
  return randomBytes(16).toString('base64');
}

/** Clients must mask every frame they send (section 5.3); servers must not. */
export function encodeFrame(opcode: number, payload: Buffer, masked: boolean, fin = true): Buffer {
  const length = payload.length;
  const lengthBytes = length < 126 ? 0 : length <= 0xffff ? 2 : 8;
  const header = Buffer.alloc(2 + lengthBytes + (masked ? 4 : 0));
  header[0] = (fin ? 0x80 : 0) | opcode;
  const maskBit = masked ? 0x80 : 0;
  if (lengthBytes === 0) {
    header[1] = maskBit | length;
  } else if (lengthBytes === 2) {
    header[1] = maskBit | 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = maskBit | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  if (!masked) return Buffer.concat([header, payload]);
  const mask = randomBytes(4);
  mask.copy(header, 2 + lengthBytes);
  return Buffer.concat([header, applyMask(payload, mask)]);
}

function applyMask(payload: Buffer, mask: Buffer): Buffer {
  const out = Buffer.allocUnsafe(payload.length);
  for (let i = 0; i < payload.length; i += 1) out[i] = payload[i]! ^ mask[i & 3]!;
  return out;
}

export class WebSocketFrameError extends Error {}

/**
 * Cuts a byte stream into frames. Frames larger than `maxFrameBytes` throw, so a hostile peer
 * cannot make us buffer gigabytes.
 */
export class FrameParser {
  private buffered: Buffer = Buffer.alloc(0);

  constructor(
    private readonly expectMasked: boolean,
    private readonly maxFrameBytes: number,
  ) {}

  push(chunk: Buffer): WebSocketFrame[] {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const frames: WebSocketFrame[] = [];
    for (;;) {
      const frame = this.next();
      if (!frame) break;
      frames.push(frame);
    }
    return frames;
  }

  private next(): WebSocketFrame | undefined {
    const data = this.buffered;
    if (data.length < 2) return undefined;
    const first = data[0]!;
    const second = data[1]!;
    if ((first & 0x70) !== 0) throw new WebSocketFrameError('a frame uses reserved bits (no extension was agreed)');
    const masked = (second & 0x80) !== 0;
    if (masked !== this.expectMasked) {
      throw new WebSocketFrameError(this.expectMasked ? 'a client frame is not masked' : 'a server frame is masked');
    }
    let offset = 2;
    let length = second & 0x7f;
    if (length === 126) {
      if (data.length < 4) return undefined;
      length = data.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (data.length < 10) return undefined;
      const big = data.readBigUInt64BE(2);
      if (big > BigInt(this.maxFrameBytes)) throw this.tooLarge(big);
      length = Number(big);
      offset = 10;
    }
    if (length > this.maxFrameBytes) throw this.tooLarge(BigInt(length));
    const maskOffset = offset;
    if (masked) offset += 4;
    if (data.length < offset + length) return undefined;
    let payload: Buffer = data.subarray(offset, offset + length);
    if (masked) payload = applyMask(payload, data.subarray(maskOffset, maskOffset + 4));
    else payload = Buffer.from(payload);
    this.buffered = data.subarray(offset + length);
    return { fin: (first & 0x80) !== 0, opcode: first & 0x0f, payload };
  }

  private tooLarge(length: bigint): WebSocketFrameError {
    return new WebSocketFrameError(`a frame of ${length} bytes is over the limit of ${this.maxFrameBytes}`);
  }
}

/** Joins fragmented messages (section 5.4) and hands out control frames as they come. */
export class MessageAssembler {
  private parts: Buffer[] = [];
  private size = 0;
  private opcode: number | undefined;

  constructor(private readonly maxMessageBytes: number) {}

  /** Returns a whole data message, a control frame, or undefined while a message is incomplete. */
  push(frame: WebSocketFrame): { opcode: number; payload: Buffer } | undefined {
    if (frame.opcode >= 0x8) {
      if (!frame.fin || frame.payload.length > 125)
        throw new WebSocketFrameError('a control frame is fragmented or too long');
      return frame;
    }
    if (frame.opcode === Opcode.CONTINUATION) {
      if (this.opcode === undefined)
        throw new WebSocketFrameError('a continuation frame arrived with no message to continue');
    } else {
      if (this.opcode !== undefined) throw new WebSocketFrameError('a new message began before the last one ended');
      if (frame.opcode !== Opcode.TEXT && frame.opcode !== Opcode.BINARY) {
        throw new WebSocketFrameError(`unknown opcode 0x${frame.opcode.toString(16)}`);
      }
      this.opcode = frame.opcode;
    }
    this.size += frame.payload.length;
    if (this.size > this.maxMessageBytes) {
      throw new WebSocketFrameError(`a message is over the limit of ${this.maxMessageBytes} bytes`);
    }
    this.parts.push(frame.payload);
    if (!frame.fin) return undefined;
    const message = { opcode: this.opcode, payload: Buffer.concat(this.parts) };
    this.parts = [];
    this.size = 0;
    this.opcode = undefined;
    return message;
  }
}

/** A close frame's payload: a 2-byte status code and a UTF-8 reason (section 5.5.1). */
export function encodeClose(code: number, reason = ''): Buffer {
  const text = Buffer.from(reason, 'utf8').subarray(0, 123);
  const payload = Buffer.alloc(2 + text.length);
  payload.writeUInt16BE(code, 0);
  text.copy(payload, 2);
  return payload;
}

export function decodeClose(payload: Buffer): { code: number; reason: string } {
  if (payload.length < 2) return { code: 1005, reason: '' };
  return { code: payload.readUInt16BE(0), reason: payload.subarray(2).toString('utf8') };
}
