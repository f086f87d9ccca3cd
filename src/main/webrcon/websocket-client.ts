import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocket, type RawData } from 'ws';
import { openSocket } from '../rcon/socket';
import {
  RconAuthError,
  RconConnectionError,
  RconError,
  RconProtocolError,
  RconRequestError,
  RconTimeoutError,
} from '../rcon/errors';

export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export interface OpenWebSocketOptions {
  host: string;
  port: number;
  /** The request path; WebRCON puts the password here, so it never appears in a message. */
  path: string;
  timeoutMs: number;
  maxMessageBytes?: number;
}

/**
 * An open `ws` WebSocket, paused until the caller has its listeners in place and calls
 * `webSocket.resume()`, and the TCP socket under it, whose errors `ws` does not report.
 */
export interface OpenedWebSocket {
  webSocket: WebSocket;
  socket: Socket;
}

/**
 * Opens a WebSocket with the `ws` package over a TCP connection opened first by `openSocket`, so a
 * refused or unreachable address gets the same words as Source RCON. A server that answers the
 * upgrade with 401/403, or closes the connection before answering, is how Rust says "wrong
 * password": both become an RconAuthError that says so.
 */
export async function openWebSocket(options: OpenWebSocketOptions): Promise<OpenedWebSocket> {
  const { host, port, path, timeoutMs } = options;
  const socket = await openSocket(host, port, timeoutMs);
  let socketError: Error | undefined;
  socket.on('error', (error) => {
    socketError = error;
  });
  let webSocket: WebSocket;
  try {
    const authority = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
    webSocket = new WebSocket(`ws://${authority}${path}`, {
      createConnection: () => socket,
      maxPayload: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
      // Rust offers no extensions, and a console line with a broken UTF-8 byte is still worth showing.
      perMessageDeflate: false,
      skipUTF8Validation: true,
      followRedirects: false,
    });
  } catch {
    socket.destroy();
    // ws's own message would quote the URL, and with it the password.
    throw new RconRequestError(`"${host}" and port ${port} do not make a valid WebSocket address.`);
  }
  return new Promise<OpenedWebSocket>((resolve, reject) => {
    let settled = false;
    // ws's handshakeTimeout does not fire on a socket that was connected before ws got it.
    const timer = setTimeout(() => {
      fail(new RconTimeoutError('auth', timeoutMs, 'no answer to the WebSocket upgrade'));
    }, timeoutMs);
    const fail = (error: RconError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      webSocket.terminate();
      socket.destroy();
      reject(error);
    };
    webSocket.on('unexpected-response', (_request, response: IncomingMessage) => {
      fail(describeRefusedUpgrade(response));
    });
    webSocket.on('error', (error: NodeJS.ErrnoException) => {
      fail(describeHandshakeError(error, socketError));
    });
    webSocket.once('open', () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Frames that came with the 101 answer are parsed on the next tick, before the caller can
      // listen: hold them until it calls resume().
      webSocket.pause();
      resolve({ webSocket, socket });
    });
  });
}

function describeRefusedUpgrade(response: IncomingMessage): RconError {
  const status = `${response.statusCode ?? '?'} ${response.statusMessage ?? ''}`.trim();
  if (response.statusCode === 401 || response.statusCode === 403) {
    return new RconAuthError(
      `Wrong password: the server refused the WebSocket upgrade (${status}), which is how WebRCON rejects an RCON password.`,
      false,
    );
  }
  return new RconProtocolError(
    `The server answered the WebSocket upgrade with "${status}" instead of 101 Switching Protocols: is this a WebRCON port?`,
  );
}

function describeHandshakeError(error: NodeJS.ErrnoException, socketError: Error | undefined): RconError {
  if (socketError) {
    return new RconConnectionError(
      'reset',
      `The connection was lost during the WebSocket upgrade: ${socketError.message}.`,
    );
  }
  if (error.code === 'ECONNRESET') {
    // Node's "socket hang up": the server closed the connection without answering.
    return new RconAuthError(
      'Wrong password (most likely): the server closed the connection during the WebSocket upgrade, which is how Rust rejects a WebRCON password.',
      false,
    );
  }
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return new RconProtocolError('The answer to the WebSocket upgrade is too long to be HTTP headers.');
  }
  if (error.code?.startsWith('HPE_')) {
    return new RconProtocolError('The server did not answer the WebSocket upgrade with HTTP: is this a WebRCON port?');
  }
  if (error.message === 'Invalid Sec-WebSocket-Accept header') {
    return new RconProtocolError('The server accepted the WebSocket upgrade with a wrong Sec-WebSocket-Accept key.');
  }
  return new RconProtocolError(`The server's answer to the WebSocket upgrade is not valid (${error.message}).`);
}

/** The text of a message as `ws` hands it over; Rust sends text frames, but binary ones are read the same. */
export function messageText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
