import type { Socket } from 'node:net';
import { FrameDecoder } from '../main/rcon/frame-decoder';
import { MAX_CLIENT_PACKET_BYTES, PacketType, type RconMessage } from '../main/rcon/packet';
import type { BanList } from './ban-list';
import { runCommand, type CommandContext, type CommandResult } from './commands';
import { fragmentAnswer } from './fragments';
import type { ResolvedOptions, ServerEvent } from './options';
import { PacketWriter } from './packet-writer';
import type { Personality } from './personalities';
import { Timers } from './timers';
import { encodeForWire } from './wire-encoding';

/** What a connection needs from the server that owns it. */
export interface ConnectionHost {
  readonly options: ResolvedOptions;
  readonly personality: Personality;
  readonly bans: BanList;
  /** Functions, because the password and the port change over the server's life. */
  password(): string;
  endpoint(): string;
  countAuth(ok: boolean | 'refused'): void;
  countCommand(command: string, executed: boolean): void;
  countProtocolError(): void;
  broadcast(text: string): void;
  emit(event: ServerEvent): void;
}

/** A size field of 0xDEADBEEF (-559038737), the classic sign of a stream that is not RCON, then noise. */
export const GARBAGE = Buffer.concat([
  Buffer.from([0xef, 0xbe, 0xad, 0xde]),
  Buffer.from(Array.from({ length: 60 }, (_, i) => (i * 151 + 17) % 256)),
]);

export const HTTP_400 =
  'HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 11\r\nConnection: close\r\n\r\nBad Request';

/**
 * One client connection: decodes its packets and answers them strictly in arrival order,
 * whatever each answer waits for (response delay, `sleep`, paced writes).
 */
export class ClientConnection {
  private authenticated = false;
  private closed = false;
  private garbageSent = false;
  private httpAnswered = false;
  private queue: Promise<void> = Promise.resolve();
  private readonly requestTimes: number[] = [];
  // Source refuses client packets over 4096 bytes in total; the decoder's limit is on the size field.
  private readonly decoder = new FrameDecoder(MAX_CLIENT_PACKET_BYTES - 4);
  private readonly timers = new Timers();
  private readonly writer: PacketWriter;

  constructor(
    readonly socket: Socket,
    readonly address: string,
    private readonly host: ConnectionHost,
  ) {
    this.writer = new PacketWriter(socket, host.options.faults, this.timers);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    // Resets by clients are ordinary; 'close' follows and does the cleanup.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.closed = true;
      this.timers.cancelAll();
    });
  }

  get isAuthenticated(): boolean {
    return this.authenticated && !this.closed;
  }

  /** Sends a packet nobody asked for, if this connection is logged in. */
  pushUnsolicited(message: RconMessage): void {
    if (this.isAuthenticated) this.writer.send(message.encode());
  }

  destroy(): void {
    this.closed = true;
    this.timers.cancelAll();
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    const { faults } = this.host.options;
    if (this.closed || faults.noAnswer) return;
    if (faults.httpResponse) {
      if (!this.httpAnswered) this.socket.end(HTTP_400);
      this.httpAnswered = true;
      return;
    }
    let requests: RconMessage[];
    try {
      requests = this.decoder.push(chunk);
    } catch (error) {
      this.rejectStream(error);
      return;
    }
    for (const request of requests) {
      this.queue = this.queue.then(() => this.handle(request)).catch((error: unknown) => this.fail(error));
    }
    // Whole requests that came before bad bytes are answered first, then the connection is dropped.
    const failure = this.decoder.failed;
    if (failure) this.queue = this.queue.then(() => this.rejectStream(failure));
  }

  private rejectStream(error: unknown): void {
    this.host.countProtocolError();
    this.host.emit({ kind: 'protocol-error', address: this.address, message: String(error) });
    this.destroy();
  }

  /** A bug in the server itself: drop the connection rather than leave the client waiting. */
  private fail(error: unknown): void {
    this.host.emit({ kind: 'internal-error', address: this.address, message: String(error) });
    this.destroy();
  }

  private async handle(request: RconMessage): Promise<void> {
    if (this.closed || this.overRateLimit()) return;
    const { faults } = this.host.options;
    const delayMs =
      (faults.responseDelayMs ?? 0) + (request.type === PacketType.AUTH ? 0 : (faults.commandDelayMs ?? 0));
    await this.timers.sleep(delayMs);
    if (this.closed) return;
    const { personality } = this.host;
    if (request.type === PacketType.AUTH) this.handleAuth(request);
    else if (!this.authenticated) this.sendAll(personality.beforeAuthReply(request));
    else if (request.type === PacketType.EXECCOMMAND) await this.handleCommand(request);
    else this.sendAll(personality.otherTypeReply(request));
  }

  /** Like Conan Exiles: too many requests in the window and the client is cut off. */
  private overRateLimit(): boolean {
    const limit = this.host.options.rateLimit ?? this.host.personality.rateLimit;
    if (!limit) return false;
    const now = performance.now();
    this.requestTimes.push(now);
    while ((this.requestTimes[0] ?? now) <= now - limit.windowMs) this.requestTimes.shift();
    if (this.requestTimes.length <= limit.requests) return false;
    this.host.emit({ kind: 'rate-limited', address: this.address, ...limit });
    this.destroy();
    return true;
  }

  private handleAuth(request: RconMessage): void {
    const { personality, bans, options } = this.host;
    if (options.faults.closeOnAuth || (personality.bansAddresses && bans.isBanned(this.address))) {
      this.host.countAuth('refused');
      this.host.emit({ kind: 'auth', address: this.address, ok: false });
      this.destroy();
      return;
    }
    const ok = request.body.equals(Buffer.from(this.host.password(), options.encoding));
    this.authenticated = ok;
    this.host.countAuth(ok);
    this.host.emit({ kind: 'auth', address: this.address, ok });
    this.sendAll(personality.authReply(request.id, ok));
    // The failure that reaches the limit is still answered; from then on the address is refused.
    if (!ok && personality.bansAddresses && bans.recordFailure(this.address)) {
      this.host.emit({ kind: 'ban', address: this.address, failures: bans.failuresOf(this.address) });
    }
  }

  private async handleCommand(request: RconMessage): Promise<void> {
    const { options, personality } = this.host;
    const command = request.body.toString(options.encoding);
    this.host.emit({ kind: 'command', address: this.address, command });
    if (options.faults.garbageAfterAuth && !this.garbageSent) {
      this.garbageSent = true;
      this.host.countCommand(command, false);
      this.writer.send(GARBAGE);
      return;
    }
    this.host.countCommand(command, true);
    let answer: CommandResult;
    try {
      answer = await runCommand(command, { ...personality.commands, ...options.commands }, this.commandContext());
    } catch (error) {
      answer = `Command failed: ${error instanceof Error ? error.message : String(error)}\n`;
    }
    if (this.closed) return;
    const bodies = fragmentAnswer(answer, options.maxBodyBytes, options.fragmentUnit, options.encoding);
    this.sendAll(personality.commandReply(request.id, bodies));
  }

  private commandContext(): CommandContext {
    return {
      personality: this.host.personality.name,
      family: this.host.personality.family,
      endpoint: this.host.endpoint(),
      remoteAddress: this.address,
      sleep: (ms) => this.timers.sleep(ms),
      broadcast: (text) => this.host.broadcast(text),
    };
  }

  private sendAll(messages: readonly RconMessage[]): void {
    const { personality, options } = this.host;
    for (const message of messages) {
      this.writer.send(encodeForWire(message, personality, options.faults.singleNulTerminator === true));
    }
  }
}
