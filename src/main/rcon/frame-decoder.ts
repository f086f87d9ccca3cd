import { checkSizeField, HEADER_BYTES, parsePacket, type RconMessage } from './packet';
import { RconProtocolError } from './errors';

export const DEFAULT_MAX_PACKET_BYTES = 1024 * 1024;

/**
 * Turns a byte stream, cut into chunks anywhere, into packets.
 *
 * Chunks are kept as a list and each packet is copied out once, so a response arriving one
 * byte at a time costs linear time, not the quadratic cost of concatenating on every chunk.
 * After the first error the decoder refuses further input: the stream has lost sync.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  /** Index in chunks of the first chunk with unconsumed bytes; consumed ones are dropped in batches. */
  private first = 0;
  /** Offset into chunks[first] of the first unconsumed byte. */
  private head = 0;
  private buffered = 0;
  /** Size field of the packet being assembled, once its 4 bytes have arrived. */
  private pendingSize = -1;
  private failure: RconProtocolError | undefined;
  /** The last frame had non-ASCII text and one NUL: its size field may have been one byte short. */
  private strayNulPossible = false;

  constructor(private readonly maxPacketBytes: number = DEFAULT_MAX_PACKET_BYTES) {}

  /** Bytes received but not yet part of a whole packet. */
  get bufferedBytes(): number {
    return this.buffered;
  }

  /** What is known of a packet that has begun to arrive but is not whole, for timeout messages. */
  describePartial(): string | undefined {
    if (this.buffered === 0) return undefined;
    if (this.pendingSize < 0) return `${this.buffered} bytes of a packet's size field had arrived`;
    return `a packet whose size field says ${this.pendingSize} bytes was still incomplete, ${this.buffered - 4} of them had arrived`;
  }

  /** The error that ended the stream, once it has failed. */
  get failed(): RconProtocolError | undefined {
    return this.failure;
  }

  /**
   * Returns every packet completed by `chunk`. Throws RconProtocolError on a malformed stream, unless
   * whole packets came before the bad bytes in this chunk: those are returned, and `failed` is set.
   */
  push(chunk: Buffer): RconMessage[] {
    if (this.failure) throw this.failure;
    if (chunk.length === 0) return [];
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const packets: RconMessage[] = [];
    try {
      for (;;) {
        if (this.pendingSize < 0) {
          // A size field that counted characters, not bytes, ended the last frame one byte early.
          if (this.strayNulPossible && this.buffered > 0) {
            if (this.byteAt(0) === 0) this.take(1);
            this.strayNulPossible = false;
          }
          if (this.buffered < 4) break;
          const size = this.peekInt32LE();
          checkSizeField(size, this.maxPacketBytes);
          this.pendingSize = size;
        }
        const frameLength = 4 + this.pendingSize;
        if (this.buffered < frameLength) break;
        const length = this.byteAt(frameLength - 1) === 0 ? frameLength : this.recoverFrameLength(frameLength);
        if (length === undefined) break;
        const frame = this.take(length);
        packets.push(parsePacket(frame));
        this.pendingSize = -1;
        this.strayNulPossible = endsInOneNul(frame) && hasNonAscii(frame);
      }
    } catch (error) {
      this.failure = error instanceof RconProtocolError ? error : new RconProtocolError(String(error));
      this.chunks = [];
      this.first = 0;
      this.buffered = 0;
      if (packets.length > 0) return packets;
      throw this.failure;
    }
    return packets;
  }

  /**
   * The size field said the frame ends at `claimed`, but no NUL is there. Palworld counts characters,
   * not bytes, on non-ASCII text, so its packets really end at the first NUL after the claimed end.
   * Only a claimed body that reads like such text (no NUL, some non-ASCII) is searched; anything else
   * is not RCON. Returns the real length, undefined to wait for more bytes, or throws.
   */
  private recoverFrameLength(claimed: number): number | undefined {
    const claimedFrame = this.peek(claimed);
    const body = claimedFrame.subarray(HEADER_BYTES);
    if (body.includes(0) || !hasNonAscii(claimedFrame)) {
      throw new RconProtocolError(
        `Not an RCON packet: its size field says ${claimed - 4} bytes, but the packet does not end there with a NUL.`,
      );
    }
    // A UTF-8 character is at most 4 bytes, so the real end lies within 4 times the claimed body.
    const limit = Math.min(4 + this.maxPacketBytes, HEADER_BYTES + 4 * (claimed - HEADER_BYTES) + 2);
    const bytes = this.peek(Math.min(this.buffered, limit));
    const nul = bytes.indexOf(0, claimed);
    if (nul >= 0) {
      if (nul + 1 < bytes.length) return bytes[nul + 1] === 0 ? nul + 2 : nul + 1;
      return bytes.length < limit ? undefined : nul + 1;
    }
    if (bytes.length < limit) return undefined;
    throw new RconProtocolError(
      `The packet's size field says ${claimed - 4} bytes, but the packet does not end there with a NUL, nor ` +
        `within the next ${limit - claimed} bytes: the server sent a wrong length, or this is not RCON.`,
    );
  }

  private byteAt(offset: number): number | undefined {
    let index = this.first;
    let position = this.head + offset;
    while (index < this.chunks.length) {
      const chunk = this.chunks[index]!;
      if (position < chunk.length) return chunk[position];
      position -= chunk.length;
      index += 1;
    }
    return undefined;
  }

  /** Copies the next `length` buffered bytes without consuming them. */
  private peek(length: number): Buffer {
    const out = Buffer.allocUnsafe(length);
    let filled = 0;
    let index = this.first;
    let offset = this.head;
    while (filled < length) {
      const chunk = this.chunks[index]!;
      const n = Math.min(length - filled, chunk.length - offset);
      chunk.copy(out, filled, offset, offset + n);
      filled += n;
      index += 1;
      offset = 0;
    }
    return out;
  }

  private peekInt32LE(): number {
    const first = this.chunks[this.first]!;
    if (first.length - this.head >= 4) return first.readInt32LE(this.head);
    return this.peek(4).readInt32LE(0);
  }

  /** Removes and returns the next `length` bytes, copying only when they span chunks. */
  private take(length: number): Buffer {
    this.buffered -= length;
    const first = this.chunks[this.first]!;
    const available = first.length - this.head;
    if (available >= length) {
      const out = first.subarray(this.head, this.head + length);
      this.advance(length);
      return out;
    }
    const out = Buffer.allocUnsafe(length);
    let filled = 0;
    while (filled < length) {
      const chunk = this.chunks[this.first]!;
      const n = Math.min(length - filled, chunk.length - this.head);
      chunk.copy(out, filled, this.head, this.head + n);
      filled += n;
      this.advance(n);
    }
    return out;
  }

  private advance(n: number): void {
    this.head += n;
    if (this.head === this.chunks[this.first]!.length) {
      this.first += 1;
      this.head = 0;
      // Array.shift per chunk would make a one-byte-at-a-time stream quadratic.
      if (this.first === this.chunks.length) {
        this.chunks = [];
        this.first = 0;
      } else if (this.first >= 1024 && this.first * 2 >= this.chunks.length) {
        this.chunks = this.chunks.slice(this.first);
        this.first = 0;
      }
    }
  }
}

function endsInOneNul(frame: Buffer): boolean {
  return frame.length === HEADER_BYTES + 1 || frame[frame.length - 2] !== 0;
}

function hasNonAscii(frame: Buffer): boolean {
  for (let index = HEADER_BYTES; index < frame.length; index += 1) if (frame[index]! >= 0x80) return true;
  return false;
}
