import { WebSocket } from 'ws';
import type { ExecuteOptions } from '../rcon/client';
import { RconConnectionError, RconError, RconProtocolError, RconRequestError, RconTimeoutError } from '../rcon/errors';
import type { RemoteConsole, RemoteConsoleOptions } from '../protocol/remote-console';
import { RemoteConsoleBase } from '../protocol/remote-console-base';
import { messageText, openWebSocket, type OpenedWebSocket } from './websocket-client';
import { SERVER_IDENTIFIERS, parseResponse, toServerMessage, webRconPath, type WebRconRequest } from './messages';

interface CloseInfo {
  /** The peer's close code, 1006 when the socket ended without a close frame. */
  code: number;
  reason: string;
  /** What `ws` reported when the bytes broke RFC 6455 or the size limit. */
  protocolError?: Error;
  /** Set when the TCP socket failed (reset, EPIPE). */
  socketError?: Error;
}

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
export class WebRconClient extends RemoteConsoleBase implements RemoteConsole {
  private socket: OpenedWebSocket | undefined;
  private lastIdentifier = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(options: RemoteConsoleOptions) {
    super(options, 'webrcon');
  }

  get connected(): boolean {
    return this.currentStatus === 'ready';
  }

  async connect(): Promise<void> {
    this.refuseUnlessIdle();
    this.socket = undefined;
    this.setStatus('connecting');
    let opened: OpenedWebSocket;
    try {
      opened = await openWebSocket({
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
      opened.webSocket.terminate();
      throw new RconConnectionError('closed', 'The connection was closed before it was established.');
    }
    this.socket = opened;
    const { webSocket, socket } = opened;
    let socketError: Error | undefined;
    let protocolError: Error | undefined;
    socket.on('error', (error) => {
      socketError = error;
    });
    webSocket.on('error', (error) => {
      protocolError = error;
    });
    webSocket.on('message', (data) => {
      if (this.socket === opened) this.receive(messageText(data));
    });
    webSocket.on('close', (code, reason) => {
      // A socket from an earlier connection must not close this one.
      if (this.socket === opened) {
        this.onSocketClosed({ code, reason: reason.toString('utf8'), protocolError, socketError });
      }
    });
    webSocket.resume();
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
      // ws drops a send after the close began; the pending request then fails with the close.
      socket.webSocket.send(JSON.stringify(request));
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
    const { webSocket } = socket;
    const closed = new Promise<void>((resolve) => {
      if (webSocket.readyState === WebSocket.CLOSED) resolve();
      else webSocket.once('close', () => resolve());
    });
    this.finish(undefined);
    webSocket.close(1000);
    // A peer that never answers the close frame must not keep us waiting.
    const timer = setTimeout(() => webSocket.terminate(), 1_000);
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

  private onSocketClosed(info: CloseInfo): void {
    if (this.currentStatus === 'closed') return;
    const { code, reason, protocolError, socketError } = info;
    const error = protocolError
      ? new RconProtocolError(describeProtocolError(protocolError, this.options.maxResponseBytes))
      : new RconConnectionError(
          socketError ? 'reset' : 'closed',
          code === 1006
            ? `The connection to ${this.address} was lost${socketError ? ` (${socketError.message})` : ''}.`
            : `The server closed the WebRCON connection (code ${code}${reason ? `: ${reason}` : ''}).`,
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
}

function describeProtocolError(error: Error & { code?: string }, maxMessageBytes: number): string {
  if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
    return `The server sent a message over the limit of ${maxMessageBytes} bytes; the connection is closed.`;
  }
  return `The server broke the WebSocket protocol (${error.message}); the connection is closed.`;
}
