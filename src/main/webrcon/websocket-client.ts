import type { Socket } from 'node:net';
import { openSocket } from '../rcon/socket';
import { RconAuthError, RconConnectionError, RconProtocolError, RconTimeoutError } from '../rcon/errors';
import { WebSocketConnection } from './websocket-connection';
import { acceptKey, newHandshakeKey } from './websocket-frames';

const MAX_HANDSHAKE_BYTES = 16 * 1024;

export interface OpenWebSocketOptions {
  host: string;
  port: number;
  /** The request path; WebRCON puts the password here, so it never appears in a message. */
  path: string;
  timeoutMs: number;
  maxMessageBytes?: number;
}

/**
 * Opens a WebSocket (RFC 6455 section 4.1 client handshake). A server that answers the upgrade
 * with 401/403, or closes the connection before answering, is how Rust says "wrong password":
 * both become an RconAuthError that says so.
 */
export async function openWebSocket(options: OpenWebSocketOptions): Promise<WebSocketConnection> {
  const { host, port, path, timeoutMs } = options;
  const socket = await openSocket(host, port, timeoutMs);
  const key = newHandshakeKey();
  const hostHeader = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  socket.write(
    `GET ${path} HTTP/1.1\r\nHost: ${hostHeader}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  try {
    const { head, statusLine, headers } = await readHandshake(socket, timeoutMs);
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? NaN);
    if (status === 401 || status === 403) {
      throw new RconAuthError(
        `Wrong password: the server refused the WebSocket upgrade (${statusLine.slice(9)}), which is how WebRCON rejects an RCON password.`,
        false,
      );
    }
    if (status !== 101) {
      throw new RconProtocolError(
        Number.isNaN(status)
          ? 'The server did not answer the WebSocket upgrade with HTTP: is this a WebRCON port?'
          : `The server answered the WebSocket upgrade with "${statusLine.slice(9)}" instead of 101 Switching Protocols: is this a WebRCON port?`,
      );
    }
    if (headers.get('sec-websocket-accept') !== acceptKey(key)) {
      throw new RconProtocolError('The server accepted the WebSocket upgrade with a wrong Sec-WebSocket-Accept key.');
    }
    return new WebSocketConnection(socket, 'client', options.maxMessageBytes, head);
  } catch (error) {
    socket.destroy();
    throw error;
  }
}

interface Handshake {
  statusLine: string;
  headers: Map<string, string>;
  head: Buffer;
}

function readHandshake(socket: Socket, timeoutMs: number): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const cleanup = (): void => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.off('error', onError);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new RconTimeoutError('auth', timeoutMs, 'no answer to the WebSocket upgrade'));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (end === -1) {
        if (received.length > MAX_HANDSHAKE_BYTES) {
          cleanup();
          reject(new RconProtocolError('The answer to the WebSocket upgrade is too long to be HTTP headers.'));
        }
        return;
      }
      cleanup();
      socket.pause();
      const lines = received.subarray(0, end).toString('latin1').split('\r\n');
      const headers = new Map<string, string>();
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      resolve({ statusLine: lines[0] ?? '', headers, head: received.subarray(end + 4) });
      queueMicrotask(() => socket.resume());
    };
    const onClose = (): void => {
      cleanup();
      reject(
        new RconAuthError(
          'Wrong password (most likely): the server closed the connection during the WebSocket upgrade, which is how Rust rejects a WebRCON password.',
          false,
        ),
      );
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(
        new RconConnectionError('reset', `The connection was lost during the WebSocket upgrade: ${error.message}.`),
      );
    };
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.once('error', onError);
  });
}
