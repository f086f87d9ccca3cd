import { EventEmitter } from 'node:events';
import type {
  ExecuteOptions,
  PendingCommand,
  PendingReply,
  RconClientEvents,
  RconResponse,
  RconStatus,
} from './client-types';
import { encodeCommand, encodeText } from './text-codec';
import type { Socket } from 'node:net';
import { AUTH_FAILED_ID, PacketType, RconMessage } from './packet';
import { isLoginReply, type ProbeFinding } from './probe';
import { ServerTraits } from './server-traits';
import { FrameDecoder } from './frame-decoder';
import { Pacer } from './pacer';
import { ResponseRouter, type AssembledResponse } from './response-router';
import { CommandTable } from './command-table';
import { AnswerStream } from './answer-stream';
import { describeSocketError, formatAddress, openSocket } from './socket';
import {
  RconAuthError,
  RconConnectionError,
  RconError,
  RconProtocolError,
  RconRequestError,
  RconResponseTooLargeError,
  RconTimeoutError,
  formatBytes,
} from './errors';
import { resolveOptions, type DetectedDialect, type RconClientOptions, type ResolvedOptions } from './options';

export type {
  ExecuteOptions,
  LateAnswer,
  RconClientEvents,
  RconResponse,
  RconStatus,
  ServerMessage,
} from './client-types';
const MAX_ID = 0x7fffffff;

/**
 * A connection to one RCON server.
 *
 * Commands may be pipelined: each gets its own id and, unless the server ignores it, a sentinel
 * request whose reply marks the end of the answer. Login failures are never retried here:
 * Source servers ban an address after a few.
 */
export class RconClient extends EventEmitter<RconClientEvents> {
  readonly options: Readonly<ResolvedOptions>;
  private socket: Socket | undefined;
  private decoder = new FrameDecoder();
  private router: ResponseRouter;
  private pacer: Pacer;
  private currentStatus: RconStatus = 'idle';
  private lastId = 0;
  private traits = new ServerTraits();
  private readonly commands = new CommandTable();
  private authReply: PendingReply | undefined;
  private probeReply: PendingReply | undefined;
  private firstChunk = true;
  /** Bytes received since the login was sent: a close before any of them is the sign of a ban. */
  private bytesSinceLogin = 0;
  private lastReceived = 0;
  private loginRoundTrip = 0;
  private closing: Promise<void> | undefined;

  constructor(options: RconClientOptions) {
    super();
    this.options = resolveOptions(options);
    this.router = new ResponseRouter(this.options.maxResponseBytes, this.options.maxBufferedResponseBytes);
    this.pacer = new Pacer(this.options.pacing);
  }

  /** Connects and, when the options hold a password, logs in. */
  static async open(options: RconClientOptions & { password: string }): Promise<RconClient> {
    const client = new RconClient(options);
    await client.connect();
    return client;
  }

  get status(): RconStatus {
    return this.currentStatus;
  }

  get connected(): boolean {
    return this.currentStatus === 'connected' || this.currentStatus === 'authenticating' || this.isReady;
  }

  get authenticated(): boolean {
    return this.isReady;
  }

  /** What the connection turned out to speak; known once logged in. */
  get dialect(): DetectedDialect | undefined {
    return this.traits.dialect;
  }

  /**
   * Whether answers carry their request's id; known once logged in. When they do not (Palworld),
   * commands run one at a time and each answer goes to the one command in flight.
   */
  get echoesIds(): boolean | undefined {
    return this.traits.echoesIds;
  }

  /** What the probe after the login showed; undefined when it was not sent or got no answer. */
  get probeEvidence(): ProbeFinding | undefined {
    return this.traits.probe;
  }

  /** Milliseconds from sending the login to its answer; 0 before a login succeeded. */
  get loginRoundTripMs(): number {
    return this.loginRoundTrip;
  }

  /** performance.now() of the last bytes received; 0 before any. */
  get lastReceivedAt(): number {
    return this.lastReceived;
  }

  get address(): string {
    return formatAddress(this.options.host, this.options.port);
  }

  async connect(): Promise<void> {
    if (this.currentStatus !== 'idle' && this.currentStatus !== 'closed') {
      throw new RconRequestError(`Already ${this.currentStatus}: close the connection before connecting again.`);
    }
    this.reset();
    this.setStatus('connecting');
    let socket: Socket;
    try {
      socket = await openSocket(this.options.host, this.options.port, this.options.connectTimeoutMs);
    } catch (error) {
      this.setStatus('closed');
      throw describeSocketError(error, this.options.host, this.options.port);
    }
    if (this.status === 'closed') {
      // close() was called while the connection was being made.
      socket.destroy();
      throw new RconConnectionError('closed', 'The connection was closed before it was established.');
    }
    this.attach(socket);
    this.setStatus('connected');
    if (this.options.password !== undefined) await this.authenticate(this.options.password);
  }

  /** Logs in once. A wrong password closes the connection: the caller decides whether to try again. */
  async authenticate(password: string): Promise<void> {
    if (this.currentStatus !== 'connected') {
      throw new RconRequestError(this.isReady ? 'Already logged in.' : 'Not connected: connect before logging in.');
    }
    const body = encodeText(password, 'password', this.options.encoding);
    this.setStatus('authenticating');
    const started = performance.now();
    const id = this.nextId();
    this.bytesSinceLogin = 0;
    try {
      const reply = await this.awaitReply(
        (pending) => (this.authReply = pending),
        id,
        new RconMessage(id, PacketType.AUTH, body).encode(),
        this.options.commandTimeoutMs,
        () => new RconTimeoutError('auth', this.options.commandTimeoutMs),
      );
      if (reply.id === AUTH_FAILED_ID) throw RconAuthError.wrongPassword();
      this.traits.loginAnswered(reply.id, id);
      this.loginRoundTrip = performance.now() - started;
    } catch (error) {
      const failure = error instanceof RconError ? error : new RconProtocolError(String(error));
      this.shutdown(failure);
      throw failure;
    } finally {
      this.authReply = undefined;
    }
    await this.detectDialect(this.loginRoundTrip);
    this.setStatus('ready');
  }

  /** Runs a command and resolves to its whole answer as text. */
  async execute(command: string, options?: ExecuteOptions): Promise<string> {
    return (await this.executeRaw(command, options)).text;
  }

  /** Runs a command and resolves to its answer with the raw bytes and the packet count. */
  executeRaw(command: string, options: ExecuteOptions = {}): Promise<RconResponse> {
    if (!this.isReady) {
      return Promise.reject(
        new RconConnectionError('not-connected', 'Not connected: connect and log in before sending commands.'),
      );
    }
    let body: Buffer;
    try {
      body = encodeCommand(command, this.options.encoding, this.options.maxCommandBytes);
    } catch (error) {
      return Promise.reject(error);
    }
    const timeoutMs = options.timeoutMs ?? this.options.commandTimeoutMs;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      return Promise.reject(new RconRequestError(`The timeout must be a positive number, got ${timeoutMs}.`));
    }
    return new Promise<RconResponse>((resolve, reject) => {
      const id = this.nextId();
      const endsOnSilence = this.traits.oneAtATime;
      let packets = new RconMessage(id, PacketType.EXECCOMMAND, body).encode();
      if (!endsOnSilence) {
        const sentinelId = this.nextId();
        packets = Buffer.concat([packets, new RconMessage(sentinelId, PacketType.RESPONSE_VALUE).encode()]);
        this.router.open(id, sentinelId);
      }
      const pending: PendingCommand = { id, command, packets, timeoutMs, endsOnSilence, resolve, reject };
      if (options.onPart) {
        pending.stream = new AnswerStream(this.options.encoding, options.onPart, options.streamPartChars);
      }
      if (!this.commands.add(pending)) return;
      if (endsOnSilence) this.sendSerial(pending);
      else this.send(pending);
    });
  }

  /** Throws the RconRequestError that execute() would give for a command it refuses to send. */
  checkCommand(command: string): void {
    encodeCommand(command, this.options.encoding, this.options.maxCommandBytes);
  }

  /**
   * Stops reading from the server until resumeReading(), for a caller whose own output is not
   * draining: the server then waits on TCP instead of this process buffering without bound.
   * Timeouts still run while paused.
   */
  pauseReading(): void {
    this.socket?.pause();
  }

  resumeReading(): void {
    this.socket?.resume();
  }

  /** Closes the connection; commands in flight fail with a connection error. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    if (this.currentStatus === 'connecting') {
      this.setStatus('closed');
      this.emit('close', undefined);
      return Promise.resolve();
    }
    const socket = this.socket;
    this.closing = new Promise((resolve) => {
      if (!socket || socket.destroyed) {
        resolve();
        return;
      }
      socket.once('close', () => resolve());
    });
    this.shutdown(undefined);
    return this.closing;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private get isReady(): boolean {
    return this.currentStatus === 'ready';
  }

  private reset(): void {
    this.decoder = new FrameDecoder(this.options.maxPacketBytes);
    this.router = new ResponseRouter(this.options.maxResponseBytes, this.options.maxBufferedResponseBytes);
    this.pacer.clear();
    this.pacer = new Pacer(this.options.pacing);
    this.traits = new ServerTraits();
    this.loginRoundTrip = 0;
    this.firstChunk = true;
    this.closing = undefined;
  }

  private attach(socket: Socket): void {
    this.socket = socket;
    let socketError: RconError | undefined;
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('error', (error) => {
      socketError = describeSocketError(error, this.options.host, this.options.port);
    });
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.shutdown(this.closedByServer(socketError));
    });
  }

  private closedByServer(socketError: RconError | undefined): RconError {
    // A server that drops a banned address may do it before our login is written: that is a reset.
    // One that had begun to answer the login was not refusing this address: it went away.
    const refused = !socketError || (socketError instanceof RconConnectionError && socketError.reason === 'reset');
    if (this.authReply && this.bytesSinceLogin === 0 && refused) return RconAuthError.banned();
    if (socketError) return socketError;
    if (this.decoder.bufferedBytes > 0) {
      return new RconConnectionError(
        'closed',
        `The server closed the connection in the middle of a packet (${this.decoder.bufferedBytes} bytes of it had arrived).`,
      );
    }
    return new RconConnectionError('closed', 'The server closed the connection.');
  }

  private onData(chunk: Buffer): void {
    this.bytesSinceLogin += chunk.length;
    this.lastReceived = performance.now();
    if (this.firstChunk) {
      this.firstChunk = false;
      if (chunk.subarray(0, 5).toString('latin1') === 'HTTP/') {
        this.shutdown(
          new RconProtocolError(
            `Not an RCON server: ${this.address} answered in HTTP, as a web server does. Check the RCON port.`,
          ),
        );
        return;
      }
    }
    let messages: RconMessage[];
    try {
      messages = this.decoder.push(chunk);
    } catch (error) {
      this.streamCorrupt(error);
      return;
    }
    for (const message of messages) {
      if (this.socket === undefined) return;
      this.dispatch(message);
    }
    // Whole packets before bad bytes are delivered first: an answer that had fully arrived still counts.
    if (this.decoder.failed && this.socket !== undefined) this.streamCorrupt(this.decoder.failed);
  }

  private streamCorrupt(error: unknown): void {
    const detail = error instanceof Error ? error.message : String(error);
    this.shutdown(new RconProtocolError(`Not an RCON server, or the stream is corrupt: ${detail}`));
  }

  private dispatch(message: RconMessage): void {
    const auth = this.authReply;
    if (auth) {
      if (isLoginReply(message)) auth.resolve(message);
      else if (message.id !== auth.id && message.body.length > 0) this.emitServerMessage(message);
      // Source sends an empty RESPONSE_VALUE with the login's id (or 0, from servers that do not
      // echo ids) before the real answer.
      return;
    }
    const probe = this.probeReply;
    if (probe && this.traits.isProbeReply(message, probe.id)) {
      probe.resolve(message);
      return;
    }
    if (this.traits.takeLateProbeReply(message)) return;
    const routed = this.router.route(this.attributed(message));
    switch (routed.kind) {
      case 'part': {
        const command = this.commands.get(routed.commandId);
        if (command?.endsOnSilence) this.armQuietTimer(command);
        command?.stream?.push(routed.body);
        return;
      }
      case 'complete':
        this.settle(routed.commandId, routed.response);
        return;
      case 'too-large':
        this.fail(
          routed.commandId,
          new RconResponseTooLargeError(
            routed.limit === 'answer'
              ? `The answer is larger than the limit of ${formatBytes(this.options.maxResponseBytes)}; the rest of it is discarded.`
              : `The answers of the commands in flight together pass the limit of ${formatBytes(this.options.maxBufferedResponseBytes)} on one connection; the rest of this one is discarded.`,
          ),
        );
        return;
      case 'unsolicited':
        this.emitServerMessage(routed.message);
        return;
      case 'late':
        this.emit('late', {
          command: this.commands.timedOutCommand(routed.commandId),
          text: this.decodeText(routed.body),
        });
        return;
      case 'swallowed':
        return;
    }
  }

  /**
   * When ids are not echoed, a packet that arrives while a one-at-a-time command is in flight is
   * that command's: it is given the command's id so the router files it there.
   */
  private attributed(message: RconMessage): RconMessage {
    if (this.traits.echoesIds !== false) return message;
    const inFlight = this.commands.serialInFlight;
    if (!inFlight || message.id === inFlight.id || message.type !== PacketType.RESPONSE_VALUE) return message;
    return new RconMessage(inFlight.id, message.type, message.body);
  }

  /**
   * Sends one empty RESPONSE_VALUE and looks at what comes back: Source mirrors it, Minecraft
   * calls it an unknown request, and some servers say nothing, so answers there end on a silence.
   */
  private async detectDialect(loginRoundTripMs: number): Promise<void> {
    if (this.options.dialect !== 'auto') {
      this.traits.chosen(this.options.dialect);
      return;
    }
    const id = this.nextId();
    const waitMs = this.options.detectTimeoutMs ?? Math.max(this.options.quietPeriodMs, 4 * loginRoundTripMs);
    try {
      const reply = await this.awaitReply(
        (pending) => (this.probeReply = pending),
        id,
        new RconMessage(id, PacketType.RESPONSE_VALUE).encode(),
        waitMs,
        () => new RconTimeoutError('command', waitMs),
      );
      this.traits.probeAnswered(reply, id);
    } catch (error) {
      if (!(error instanceof RconTimeoutError)) throw error;
      this.traits.probeUnanswered(id);
    } finally {
      this.probeReply = undefined;
      // A Source trailer, or a reply that comes after the wait, must not look like a server message.
      this.router.ignore(id);
    }
  }

  private awaitReply(
    register: (pending: PendingReply) => void,
    id: number,
    request: Buffer,
    timeoutMs: number,
    onTimeout: () => RconError,
  ): Promise<RconMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(onTimeout()), timeoutMs);
      this.pacer.record(1);
      register({
        id,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.socket?.write(request);
    });
  }

  /** Writes a command (and its end marker), once pacing allows; its timeout runs from the writing. */
  private send(command: PendingCommand): void {
    this.pacer.run(command.endsOnSilence ? 1 : 2, () => {
      if (this.commands.get(command.id) !== command) return;
      command.timer = setTimeout(() => this.timeOut(command), command.timeoutMs);
      this.socket?.write(command.packets);
    });
  }

  /** The silence that ends the answer is counted from its first packet, never from the sending. */
  private sendSerial(command: PendingCommand): void {
    this.router.open(command.id);
    this.send(command);
  }

  private armQuietTimer(command: PendingCommand): void {
    clearTimeout(command.quietTimer);
    command.quietTimer = setTimeout(() => {
      const response = this.router.finish(command.id);
      if (response) this.settle(command.id, response);
    }, this.options.quietPeriodMs);
  }

  private timeOut(command: PendingCommand): void {
    // What still arrives for it is shown as a late answer, not dropped (see ResponseRouter.expire).
    this.router.expire(command.id);
    this.commands.rememberTimeout(command);
    this.fail(command.id, new RconTimeoutError('command', command.timeoutMs, this.decoder.describePartial()));
  }

  private settle(id: number, response: AssembledResponse): void {
    const command = this.take(id);
    if (!command) return;
    if (command.stream?.started) {
      // Told in parts: the text is theirs joined, so the parts are exactly its start.
      command.resolve({ text: command.stream.finish().whole, body: response.body, packets: response.packets });
      return;
    }
    const text = this.decodeText(response.body);
    if (this.options.noOutputReplies.includes(text.trim())) {
      command.resolve({ text: '', body: Buffer.alloc(0), packets: response.packets });
      return;
    }
    command.resolve({ text, body: response.body, packets: response.packets });
  }

  private fail(id: number, error: RconError): void {
    this.take(id)?.reject(error);
  }

  /** Removes a finished command and lets the next one-at-a-time command go. */
  private take(id: number): PendingCommand | undefined {
    const taken = this.commands.take(id);
    if (!taken) return undefined;
    if (taken.next && this.isReady) this.sendSerial(taken.next);
    return taken.command;
  }

  /** Tears the connection down once; every waiter gets `error`, or a "closed" error for close(). */
  private shutdown(error: RconError | undefined): void {
    const socket = this.socket;
    if (!socket) return;
    this.socket = undefined;
    socket.destroy();
    this.setStatus('closed');
    const reason = error ?? new RconConnectionError('closed', 'The connection was closed.');
    this.authReply?.reject(reason);
    this.probeReply?.reject(reason);
    const inFlight = this.commands.drain();
    this.pacer.clear();
    this.router.clear();
    for (const id of inFlight) this.fail(id, reason);
    this.emit('close', error);
  }

  private emitServerMessage(message: RconMessage): void {
    this.emit('message', {
      id: message.id,
      type: message.type,
      text: this.decodeText(message.body),
      body: message.body,
    });
  }

  private decodeText(body: Buffer): string {
    return body.toString(this.options.encoding);
  }

  /** Ids wrap after 2^31 - 1 requests; one whose late packets may still come is skipped. */
  private nextId(): number {
    do {
      this.lastId = this.lastId >= MAX_ID ? 1 : this.lastId + 1;
    } while (this.router.remembers(this.lastId));
    return this.lastId;
  }

  private setStatus(status: RconStatus): void {
    if (this.currentStatus === status) return;
    this.currentStatus = status;
    this.emit('status', status);
  }
}
