import type { Socket } from 'node:net';
import type { FaultOptions } from './options';
import type { Timers } from './timers';

type Pacing = Pick<FaultOptions, 'bytesPerWrite' | 'writeIntervalMs' | 'packetIntervalMs' | 'dropAfterBytes'>;

/**
 * Writes whole packets to one socket in the order they are queued, applying the write faults.
 * Unpaced writes go straight to the socket so that an answer leaves in the same tick; paced
 * ones go through a queue so a broadcast can never land in the middle of a packet.
 */
export class PacketWriter {
  private readonly queue: Buffer[] = [];
  private pumping = false;
  private corked = false;
  private written = 0;
  /** Set once dropAfterBytes is reached: the socket is on its way out, nothing more may be written. */
  private dropped = false;
  private readonly paced: boolean;

  constructor(
    private readonly socket: Socket,
    private readonly pacing: Pacing,
    private readonly timers: Timers,
  ) {
    this.paced = (pacing.bytesPerWrite ?? 0) > 0 || (pacing.packetIntervalMs ?? 0) > 0;
  }

  send(bytes: Buffer): void {
    if (this.socket.destroyed || this.dropped) return;
    if (!this.paced) {
      this.flushAtEndOfTurn();
      this.writePiece(bytes);
      return;
    }
    this.queue.push(bytes);
    if (!this.pumping) void this.pump();
  }

  /**
   * Game servers send their RCON output once per server frame: everything answered while handling
   * one read (an answer, the mirror and trailer of the sentinel behind it) leaves in one write. The
   * flush runs once the promise jobs of this turn are done, without waiting for another turn.
   */
  private flushAtEndOfTurn(): void {
    if (this.corked) return;
    this.corked = true;
    this.socket.cork();
    process.nextTick(() => {
      this.corked = false;
      if (!this.socket.destroyed) this.socket.uncork();
    });
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      let first = true;
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        if (!first) await this.timers.sleep(this.pacing.packetIntervalMs ?? 0);
        first = false;
        await this.writePaced(next);
        if (this.socket.destroyed || this.dropped) return;
      }
    } finally {
      this.pumping = false;
    }
  }

  private async writePaced(bytes: Buffer): Promise<void> {
    const step = this.pacing.bytesPerWrite ?? bytes.length;
    for (let offset = 0; offset < bytes.length; offset += step) {
      if (offset > 0) await this.timers.sleep(this.pacing.writeIntervalMs ?? 0);
      if (this.socket.destroyed || this.dropped) return;
      if (!this.writePiece(bytes.subarray(offset, offset + step))) await this.drained();
    }
  }

  /** Returns false when the socket asks the writer to wait for 'drain'. */
  private writePiece(piece: Buffer): boolean {
    if (this.socket.destroyed || this.dropped) return true;
    const limit = this.pacing.dropAfterBytes;
    if (limit !== undefined && this.written + piece.length >= limit) {
      const last = piece.subarray(0, Math.max(0, limit - this.written));
      this.written += last.length;
      this.dropped = true;
      // Destroy only once the last bytes have reached the kernel, so the peer really sees them.
      if (last.length > 0) this.socket.write(last, () => this.socket.destroy());
      else this.socket.destroy();
      return true;
    }
    this.written += piece.length;
    return this.socket.write(piece);
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.socket.off('drain', done);
        this.socket.off('close', done);
        resolve();
      };
      this.socket.once('drain', done);
      this.socket.once('close', done);
    });
  }
}
