import { connect, type Socket } from 'node:net';
import { FrameDecoder } from '../main/rcon/frame-decoder';
import { RconMessage } from '../main/rcon/packet';

/**
 * A deliberately dumb RCON client for the reference server's tests: it sends exactly the
 * packets it is told to and records every byte and packet that comes back, with no protocol
 * logic of its own to hide a server bug.
 */
export class RawRconClient {
  private readonly chunks: Buffer[] = [];
  /** Sizes of the socket reads, to see how the server cut its writes. */
  readonly chunkSizes: number[] = [];
  /** Set when the bytes received stop being RCON. */
  decodeError: Error | undefined;
  readonly closed: Promise<void>;
  private isClosed = false;
  private readonly packets: RconMessage[] = [];
  private readonly decoder = new FrameDecoder();
  private wake: () => void = () => undefined;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.chunkSizes.push(chunk.length);
      if (this.decodeError) return;
      try {
        this.packets.push(...this.decoder.push(chunk));
      } catch (error) {
        this.decodeError = error instanceof Error ? error : new Error(String(error));
      }
      this.wake();
    });
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.isClosed = true;
        this.wake();
        resolve();
      }),
    );
  }

  static connect(port: number, options: { host?: string; localAddress?: string } = {}): Promise<RawRconClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host: options.host ?? '127.0.0.1', localAddress: options.localAddress });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new RawRconClient(socket));
      });
    });
  }

  /** Every byte received, in order. */
  get raw(): Buffer {
    return Buffer.concat(this.chunks);
  }

  get isOpen(): boolean {
    return !this.isClosed;
  }

  send(id: number, type: number, body: string | Buffer = ''): void {
    this.socket.write(encodePacket(id, type, body));
  }

  sendRaw(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** The next `count` packets; rejects after `timeoutMs` or when the socket closes first. */
  async read(count: number, timeoutMs = 3000): Promise<RconMessage[]> {
    await this.waitFor(() => this.packets.length >= count, timeoutMs, `${count} packet(s)`);
    return this.packets.splice(0, count);
  }

  /** Packets up to and including the first that matches. */
  async readUntil(match: (packet: RconMessage) => boolean, timeoutMs = 3000): Promise<RconMessage[]> {
    await this.waitFor(() => this.packets.some(match), timeoutMs, 'a matching packet');
    return this.packets.splice(0, this.packets.findIndex(match) + 1);
  }

  /** Everything that arrives within `ms`: for asserting that nothing does. */
  async collect(ms: number): Promise<RconMessage[]> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return this.packets.splice(0);
  }

  /** Resolves when the socket closes; rejects after `timeoutMs`. */
  async waitClosed(timeoutMs = 3000): Promise<void> {
    await this.waitFor(() => this.isClosed, timeoutMs, 'the socket to close', false);
  }

  close(): void {
    this.socket.destroy();
  }

  /** `forPackets`: give up as soon as no more packets can come (closed socket, undecodable bytes). */
  private async waitFor(done: () => boolean, timeoutMs: number, what: string, forPackets = true): Promise<void> {
    const started = Date.now();
    while (!done()) {
      if (forPackets && this.isClosed) throw new Error(`Socket closed while waiting for ${what}.`);
      if (forPackets && this.decodeError) throw this.decodeError;
      const left = timeoutMs - (Date.now() - started);
      if (left <= 0) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}

export function encodePacket(id: number, type: number, body: string | Buffer = ''): Buffer {
  return new RconMessage(id, type, typeof body === 'string' ? Buffer.from(body, 'utf8') : body).encode();
}

/** A packet as a plain object, for readable toEqual assertions. */
export function show(
  packet: RconMessage,
  encoding: BufferEncoding = 'utf8',
): { id: number; type: number; body: string } {
  return { id: packet.id, type: packet.type, body: packet.body.toString(encoding) };
}
