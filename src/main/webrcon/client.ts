import { EventEmitter } from 'node:events';
import type { ExecuteOptions, RconStatus } from '../rcon/client';
import { RconConnectionError, RconError, RconProtocolError, RconRequestError, RconTimeoutError } from '../rcon/errors';
import { resolveOptions, type ResolvedOptions } from '../rcon/options';
import { formatAddress } from '../rcon/socket';
import type { RemoteConsole, RemoteConsoleEvents, RemoteConsoleOptions } from '../protocol/remote-console';
import { openWebSocket } from './websocket-client';
import type { WebSocketCloseInfo, WebSocketConnection } from './websocket-connection';
import { SERVER_IDENTIFIERS, parseResponse, toServerMessage, webRconPath, type WebRconRequest } from './messages';

interface Pending {
  resolve: (text: string) => void;
  reject: (error: RconError) => void;
  timer: NodeJS.Timeout;
}

const CLIENT_NAME = 'RconDesk';
const MAX_IDENTIFIER = 0x7fffffff;

/**
 * A Rust WebRCON connection: `ws://host:port/password`, JSON requests matched to responses by
 * Identifier. Commands may be pipelined, since every answer carries its request's Identifier.
 * There is no separate login: the server accepts or refuses the WebSocket upgrade.
 */
export class WebRconClient extends EventEmitter<RemoteConsoleEvents> implements RemoteConsole {
  readonly options: Readonly<ResolvedOptions>;
  readonly dialect = undefined;
  private socket: WebSocketConnection | undefined;
  private currentStatus: RconStatus = 'idle';
  private lastIdentifier = 0;
  private lastReceived = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(options: RemoteConsoleOptions) {
    super();
    this.options = resolveOptions({ ...options, port: options.port ?? 28016 });
  }

  get status(): RconStatus {
    return this.currentStatus;
  }

  get connected(): boolean {
    return this.currentStatus === 'ready';
  }

  get authenticated(): boolean {
    return this.currentStatus === 'ready';
  }

  get address(): string {
    return formatAddress(this.options.host, this.options.port);
  }

  get lastReceivedAt(): number {
    return this.lastReceived;
  }

  async connect(): Promise<void> {
    if (this.currentStatus !== 'idle' && this.currentStatus !== 'closed') {
      throw new RconRequestError(`Already ${this.currentStatus}: close the connection before connecting again.`);
    }
    this.socket = undefined;
    this.setStatus('connecting');
    let socket: WebSocketConnection;
    try {
      socket = await openWebSocket({
        host: this.options.host,
        port: this.options.port,
        path: webRconPath(this.options.password ?? ''),
        timeoutMs: this.options.connectTimeoutMs,
        maxMessageBytes: this.options.maxResponseBytes,
      });
    } catch (error) {
      this.setStatus('closed');
      throw error;
    }
    if (this.currentStatus === 'closed') {
      socket.close(1000, '', true);
      throw new RconConnectionError('closed', 'The connection was closed before it was established.');
    }
    this.socket = socket;
    socket.on('text', (text) => {
      if (this.socket === socket) this.receive(text);
    });
    socket.on('close', (info) => {
      // A socket from an earlier connection must not close this one.
      if (this.socket === socket) this.onSocketClosed(info);
    });
    this.setStatus('ready');
  }

  async execute(command: string, options: ExecuteOptions = {}): Promise<string> {
    const socket = this.socket;
    if (!socket || this.currentStatus !== 'ready') {
      throw new RconConnectionError('not-connected', 'Not connected: connect before sending commands.');
    }
    this.checkCommand(command);
    const timeoutMs = options.timeoutMs ?? this.options.commandTimeoutMs;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw new RconRequestError(`The timeout must be a positive number, got ${timeoutMs}.`);
    }
    const identifier = this.nextIdentifier();
    const request: WebRconRequest = { Identifier: identifier, Message: command, Name: CLIENT_NAME };
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(identifier);
        reject(new RconTimeoutError('command', timeoutMs));
      }, timeoutMs);
      this.pending.set(identifier, { resolve, reject, timer });
      socket.sendText(JSON.stringify(request));
    });
  }

  checkCommand(command: string): void {
    if (typeof command !== 'string') throw new RconRequestError('A command must be text.');
    const bytes = Buffer.byteLength(command, 'utf8');
    if (bytes > this.options.maxCommandBytes) {
      throw new RconRequestError(
        `The command is ${bytes} bytes long; the limit is ${this.options.maxCommandBytes} bytes.`,
      );
    }
  }

  close(): Promise<void> {
    const socket = this.socket;
    if (!socket) {
      if (this.currentStatus !== 'closed' && this.currentStatus !== 'idle') {
        this.setStatus('closed');
        this.emit('close', undefined);
      }
      return Promise.resolve();
    }
    const closed = new Promise<void>((resolve) => {
      if (socket.socket.destroyed) resolve();
      else socket.socket.once('close', () => resolve());
    });
    this.finish(undefined);
    socket.close(1000, '');
    // A peer that never answers the close frame must not keep us waiting.
    const timer = setTimeout(() => socket.socket.destroy(), 1_000);
    return closed.finally(() => clearTimeout(timer));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private receive(text: string): void {
    this.lastReceived = performance.now();
    const response = parseResponse(text);
    if (!response) {
      this.emit('message', { id: 0, type: 0, text, body: Buffer.from(text, 'utf8') });
      return;
    }
    const pending = SERVER_IDENTIFIERS.includes(response.Identifier)
      ? undefined
      : this.pending.get(response.Identifier);
    if (!pending) {
      this.emit('message', toServerMessage(response, text));
      return;
    }
    this.pending.delete(response.Identifier);
    clearTimeout(pending.timer);
    pending.resolve(response.Message);
  }

  private onSocketClosed(info: WebSocketCloseInfo): void {
    if (this.currentStatus === 'closed') return;
    const error = info.protocolError
      ? new RconProtocolError(
          `The server broke the WebSocket protocol (${info.protocolError}); the connection is closed.`,
        )
      : new RconConnectionError(
          info.socketError ? 'reset' : 'closed',
          info.code === 1006
            ? `The connection to ${this.address} was lost${info.socketError ? ` (${info.socketError.message})` : ''}.`
            : `The server closed the WebRCON connection (code ${info.code}${info.reason ? `: ${info.reason}` : ''}).`,
        );
    this.finish(error);
  }

  private finish(error: RconError | undefined): void {
    if (this.currentStatus === 'closed') return;
    const failure = error ?? new RconConnectionError('closed', 'The connection was closed.');
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(failure);
    }
    this.pending.clear();
    this.setStatus('closed');
    this.emit('close', error);
  }

  private nextIdentifier(): number {
    // 0 and -1 belong to the server's own messages; wrap before the 32-bit limit.
    this.lastIdentifier = this.lastIdentifier >= MAX_IDENTIFIER ? 1 : this.lastIdentifier + 1;
    return this.lastIdentifier;
  }

  private setStatus(status: RconStatus): void {
    if (this.currentStatus === status) return;
    this.currentStatus = status;
    this.emit('status', status);
  }
}
