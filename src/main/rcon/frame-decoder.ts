import { checkSizeField, parsePacket, type RconMessage } from './packet';
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

  constructor(private readonly maxPacketBytes: number = DEFAULT_MAX_PACKET_BYTES) {}

  /** Bytes received but not yet part of a whole packet. */
  get bufferedBytes(): number {
    return this.buffered;
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
          if (this.buffered < 4) break;
          const size = this.peekInt32LE();
          checkSizeField(size, this.maxPacketBytes);
          this.pendingSize = size;
        }
        const frameLength = 4 + this.pendingSize;
        if (this.buffered < frameLength) break;
        packets.push(parsePacket(this.take(frameLength)));
        this.pendingSize = -1;
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

  private peekInt32LE(): number {
    const first = this.chunks[this.first]!;
    if (first.length - this.head >= 4) return first.readInt32LE(this.head);
    const bytes = Buffer.alloc(4);
    let filled = 0;
    let index = this.first;
    let offset = this.head;
    while (filled < 4) {
      const chunk = this.chunks[index]!;
      const n = Math.min(4 - filled, chunk.length - offset);
      chunk.copy(bytes, filled, offset, offset + n);
      filled += n;
      index += 1;
      offset = 0;
    }
    return bytes.readInt32LE(0);
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
