import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { ExecuteOptions } from '../rcon/client';
import {
  RconAuthError,
  RconConnectionError,
  RconError,
  RconRequestError,
  RconTimeoutError,
  formatSeconds,
} from '../rcon/errors';
import { describeSocketError } from '../rcon/socket';
import type { RemoteConsole, RemoteConsoleOptions } from '../protocol/remote-console';
import { RemoteConsoleBase } from '../protocol/remote-console-base';
import { AnswerAssembler, PacketType, decodePacket, encodePacket, parseAnswer } from './packet';

export interface BattlEyeTimings {
  /** Quiet time after which an empty command is sent; BattlEye drops a login idle for 45 s. */
  keepaliveMs?: number;
  /** A packet unanswered this long is sent again, with the same sequence number. */
  retryIntervalMs?: number;
}

export const BATTLEYE_DEFAULTS = { keepaliveMs: 30_000, retryIntervalMs: 1_000 } as const;
/** The spec's limit: a login idle for longer than this is forgotten by the server. */
const SERVER_IDLE_LIMIT_MS = 45_000;

interface QueuedCommand {
  command: string;
  timeoutMs: number;
  resolve: (text: string) => void;
  reject: (error: RconError) => void;
}

interface InFlight extends QueuedCommand {
  sequence: number;
  packet: Buffer;
  assembler: AnswerAssembler;
  retry: NodeJS.Timeout;
  deadline: NodeJS.Timeout;
}

interface Login {
  resolve: () => void;
  reject: (error: RconError) => void;
}

/**
 * A BattlEye RCon session over UDP (DayZ, Arma 2/3). UDP loses packets, so every unanswered
 * command is sent again with the same sequence number until its timeout; the server answers a
 * repeat without running it twice. Commands go one at a time: the spec says nothing of several in
 * flight. Datagrams with a bad CRC are dropped. An empty command keeps the login alive, and a
 * server that stops answering even those is reported lost (the app then reconnects with backoff).
 */
export class BattlEyeClient extends RemoteConsoleBase implements RemoteConsole {
  private readonly keepaliveMs: number;
  private readonly retryIntervalMs: number;
  private socket: Socket | undefined;
  private nextSequence = 0;
  /** Message sequence numbers already shown; a window of 128 so numbers can wrap around. */
  private readonly seenMessages = new Set<number>();
  private readonly queue: QueuedCommand[] = [];
  private inFlight: InFlight | undefined;
  private login: Login | undefined;
  private keepaliveTimer: NodeJS.Timeout | undefined;
  /** Datagrams dropped for a bad CRC or header, for diagnostics and tests. */
  droppedPackets = 0;

  constructor(options: RemoteConsoleOptions & BattlEyeTimings) {
    super(options, 'battleye');
    this.keepaliveMs = Math.min(options.keepaliveMs ?? BATTLEYE_DEFAULTS.keepaliveMs, SERVER_IDLE_LIMIT_MS - 1_000);
    this.retryIntervalMs = options.retryIntervalMs ?? BATTLEYE_DEFAULTS.retryIntervalMs;
    if (!(this.keepaliveMs > 0) || !(this.retryIntervalMs > 0)) {
      throw new RconRequestError('keepaliveMs and retryIntervalMs must be positive numbers.');
    }
  }

  get connected(): boolean {
    return this.currentStatus === 'authenticating' || this.authenticated;
  }

  async connect(): Promise<void> {
    this.refuseUnlessIdle();
    this.setStatus('connecting');
    this.nextSequence = 0;
    this.seenMessages.clear();
    // A long answer arrives as up to 255 datagrams at once: room for them, so fewer need asking again.
    const socket = createSocket({ type: isIPv6(this.options.host) ? 'udp6' : 'udp4', recvBufferSize: 1024 * 1024 });
    this.socket = socket;
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        // A connected UDP socket hears ICMP "port unreachable" as ECONNREFUSED.
        socket.connect(this.options.port, this.options.host, () => {
          socket.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      socket.close();
      this.socket = undefined;
      this.setStatus('closed');
      throw describeSocketError(error, this.options.host, this.options.port);
    }
    if (this.socket !== socket || this.currentStatus === 'closed') {
      socket.close();
      throw new RconConnectionError('closed', 'The connection was closed before it was established.');
    }
    socket.on('message', (datagram) => {
      if (this.socket === socket) this.receive(datagram);
    });
    socket.on('error', (error) => {
      if (this.socket === socket) this.shutdown(describeSocketError(error, this.options.host, this.options.port));
    });
    this.setStatus('authenticating');
    await this.logIn(socket);
    this.setStatus('ready');
    this.armKeepalive();
  }

  /** Sends the login until it is answered: a lost login packet is not a failed login. */
  private async logIn(socket: Socket): Promise<void> {
    const packet = encodePacket(PacketType.LOGIN, Buffer.from(this.options.password ?? '', this.options.encoding));
    const timeoutMs = this.options.connectTimeoutMs;
    let retry: NodeJS.Timeout | undefined;
    let deadline: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        this.login = { resolve, reject };
        const send = (): void => {
          socket.send(packet);
          retry = setTimeout(send, this.retryIntervalMs);
        };
        send();
        deadline = setTimeout(
          () =>
            reject(
              new RconConnectionError(
                'unreachable',
                `No answer from ${this.address} within ${formatSeconds(timeoutMs)}: the server cannot be reached, or ` +
                  'BattlEye RCon is not enabled on that port (it stays silent instead of refusing). This is not a password problem.',
              ),
            ),
          timeoutMs,
        );
      });
    } catch (error) {
      const failure = error instanceof RconError ? error : new RconConnectionError('other', String(error));
      this.shutdown(failure);
      throw failure;
    } finally {
      clearTimeout(retry);
      clearTimeout(deadline);
      this.login = undefined;
    }
  }

  execute(command: string, options: ExecuteOptions = {}): Promise<string> {
    if (!this.authenticated) {
      return Promise.reject(new RconConnectionError('not-connected', 'Not connected: connect and log in first.'));
    }
    try {
      this.checkCommand(command);
    } catch (error) {
      return Promise.reject(error);
    }
    const timeoutMs = options.timeoutMs ?? this.options.commandTimeoutMs;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      return Promise.reject(new RconRequestError(`The timeout must be a positive number, got ${timeoutMs}.`));
    }
    return new Promise<string>((resolve, reject) => {
      this.queue.push({ command, timeoutMs, resolve, reject });
      this.sendNext();
    });
  }

  checkCommand(command: string): void {
    if (typeof command !== 'string') throw new RconRequestError('A command must be text.');
    const bytes = Buffer.byteLength(command, this.options.encoding);
    if (bytes > this.options.maxCommandBytes) {
      throw new RconRequestError(
        `The command is ${bytes} bytes long; the limit is ${this.options.maxCommandBytes} bytes.`,
      );
    }
  }

  close(): Promise<void> {
    this.shutdown(undefined);
    return Promise.resolve();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private sendNext(): void {
    const socket = this.socket;
    if (this.inFlight || !socket) return;
    const next = this.queue.shift();
    if (!next) return;
    const sequence = this.nextSequence;
    this.nextSequence = (this.nextSequence + 1) & 0xff;
    const payload = Buffer.concat([Buffer.from([sequence]), Buffer.from(next.command, this.options.encoding)]);
    const packet = encodePacket(PacketType.COMMAND, payload);
    const resend = (): void => {
      if (this.inFlight !== flight) return;
      socket.send(packet);
      flight.retry = setTimeout(resend, this.retryIntervalMs);
    };
    const flight: InFlight = {
      ...next,
      sequence,
      packet,
      assembler: new AnswerAssembler(),
      retry: setTimeout(() => undefined, 0),
      deadline: setTimeout(() => {
        // The same sequence number was sent again and again without an answer: the server is gone.
        this.shutdown(
          new RconTimeoutError(
            'command',
            next.timeoutMs,
            `no answer from ${this.address} although the command was sent again`,
          ),
        );
      }, next.timeoutMs),
    };
    this.inFlight = flight;
    this.armKeepalive();
    resend();
  }

  private receive(datagram: Buffer): void {
    const packet = decodePacket(datagram);
    if (typeof packet === 'string') {
      this.droppedPackets += 1;
      return;
    }
    this.lastReceived = performance.now();
    switch (packet.type) {
      case PacketType.LOGIN:
        if (!this.login) return;
        if (packet.payload[0] === 0x01) this.login.resolve();
        else this.login.reject(RconAuthError.wrongPassword());
        return;
      case PacketType.COMMAND:
        this.onAnswer(packet.payload);
        return;
      case PacketType.MESSAGE:
        this.onServerMessage(packet.payload);
        return;
    }
  }

  private onAnswer(payload: Buffer): void {
    const flight = this.inFlight;
    const part = parseAnswer(payload);
    if (!flight || !part || part.sequence !== flight.sequence) return;
    const whole = flight.assembler.push(part);
    if (!whole) return;
    clearTimeout(flight.retry);
    clearTimeout(flight.deadline);
    this.inFlight = undefined;
    flight.resolve(whole.toString(this.options.encoding));
    this.sendNext();
  }

  private onServerMessage(payload: Buffer): void {
    if (payload.length < 1) return;
    const sequence = payload[0]!;
    // Acknowledge every copy: the server repeats a message until it hears the acknowledgement.
    this.socket?.send(encodePacket(PacketType.MESSAGE, Buffer.from([sequence])));
    if (this.seenMessages.has(sequence)) return;
    this.seenMessages.add(sequence);
    this.seenMessages.delete((sequence + 128) & 0xff);
    const body = payload.subarray(1);
    this.emit('message', { id: sequence, type: PacketType.MESSAGE, text: body.toString(this.options.encoding), body });
  }

  /** Sends an empty command after keepaliveMs without one, so the server keeps the login. */
  private armKeepalive(): void {
    clearTimeout(this.keepaliveTimer);
    if (!this.authenticated) return;
    this.keepaliveTimer = setTimeout(() => {
      if (!this.authenticated) return;
      if (this.inFlight || this.queue.length > 0) {
        this.armKeepalive();
        return;
      }
      this.execute('').catch(() => undefined);
    }, this.keepaliveMs);
  }

  private shutdown(error: RconError | undefined): void {
    if (this.currentStatus === 'closed' || this.currentStatus === 'idle') return;
    clearTimeout(this.keepaliveTimer);
    const failure = error ?? new RconConnectionError('closed', 'The connection was closed.');
    this.login?.reject(failure);
    const flight = this.inFlight;
    this.inFlight = undefined;
    if (flight) {
      clearTimeout(flight.retry);
      clearTimeout(flight.deadline);
      flight.reject(failure);
    }
    for (const queued of this.queue.splice(0)) queued.reject(failure);
    const socket = this.socket;
    this.socket = undefined;
    socket?.close();
    this.setStatus('closed');
    this.emit('close', error);
  }
}
