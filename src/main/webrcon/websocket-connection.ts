import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import {
  FrameParser,
  MessageAssembler,
  Opcode,
  WebSocketFrameError,
  decodeClose,
  encodeClose,
  encodeFrame,
} from './websocket-frames';

export interface WebSocketCloseInfo {
  /** The peer's close code, 1006 when the socket ended without a close frame. */
  code: number;
  reason: string;
  /** Set when the bytes broke RFC 6455; the socket was closed with 1002. */
  protocolError?: string;
  /** Set when the socket failed (reset, EPIPE). */
  socketError?: Error;
}

export interface WebSocketConnectionEvents {
  text: [text: string];
  close: [info: WebSocketCloseInfo];
}

export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/** An open WebSocket over a TCP socket, for either end: clients mask what they send, servers do not. */
export class WebSocketConnection extends EventEmitter<WebSocketConnectionEvents> {
  private readonly parser: FrameParser;
  private readonly assembler: MessageAssembler;
  private closed = false;
  private closeSent = false;

  constructor(
    readonly socket: Socket,
    private readonly role: 'client' | 'server',
    maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES,
    /** Bytes read past the handshake, which already belong to the first frames. */
    head?: Buffer,
  ) {
    super();
    this.parser = new FrameParser(role === 'server', maxMessageBytes);
    this.assembler = new MessageAssembler(maxMessageBytes);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => this.finish({ code: 1006, reason: '', socketError: error }));
    socket.on('close', () => this.finish({ code: 1006, reason: '' }));
    if (head && head.length > 0) queueMicrotask(() => this.receive(head));
  }

  get open(): boolean {
    return !this.closed && !this.closeSent;
  }

  sendText(text: string): void {
    this.write(Opcode.TEXT, Buffer.from(text, 'utf8'));
  }

  /** Starts the closing handshake; the socket ends when the peer answers, or at once with `force`. */
  close(code = 1000, reason = '', force = false): void {
    if (!this.closeSent && !this.closed) {
      this.write(Opcode.CLOSE, encodeClose(code, reason));
      this.closeSent = true;
    }
    if (force) this.socket.destroy();
    else this.socket.end();
  }

  private write(opcode: number, payload: Buffer): void {
    if (this.closed || this.closeSent || this.socket.destroyed) return;
    this.socket.write(encodeFrame(opcode, payload, this.role === 'client'));
  }

  private receive(chunk: Buffer): void {
    if (this.closed) return;
    try {
      for (const frame of this.parser.push(chunk)) {
        const message = this.assembler.push(frame);
        if (message) this.handle(message.opcode, message.payload);
        if (this.closed) return;
      }
    } catch (error) {
      if (!(error instanceof WebSocketFrameError)) throw error;
      this.close(1002, 'protocol error', true);
      this.finish({ code: 1002, reason: '', protocolError: error.message });
    }
  }

  private handle(opcode: number, payload: Buffer): void {
    switch (opcode) {
      case Opcode.TEXT:
      case Opcode.BINARY:
        this.emit('text', payload.toString('utf8'));
        return;
      case Opcode.PING:
        this.write(Opcode.PONG, payload);
        return;
      case Opcode.PONG:
        return;
      case Opcode.CLOSE: {
        const info = decodeClose(payload);
        // Answer the close (section 5.5.1), then let the socket end.
        this.close(info.code === 1005 ? 1000 : info.code);
        this.finish(info);
        return;
      }
    }
  }

  private finish(info: WebSocketCloseInfo): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close', info);
  }
}
