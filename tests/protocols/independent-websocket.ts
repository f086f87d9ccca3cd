import { createRequire } from 'node:module';
import type { IncomingMessage } from 'node:http';

/**
 * The `ws` package (8.21, websockets/ws), as bundled inside playwright-core: a WebSocket client
 * and server this project did not write. `ws` itself is not installed (see docs/compatibility.md),
 * so the tests reach it through playwright-core's public `lib/utilsBundle` export. The interfaces
 * below declare only what the tests call.
 */
export interface WsSocket {
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'open', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  on(event: 'unexpected-response', listener: (request: unknown, response: IncomingMessage) => void): void;
  on(event: 'close', listener: (code: number) => void): void;
  send(text: string): void;
  close(): void;
  terminate(): void;
}

export interface WsServer {
  on(event: 'connection', listener: (socket: WsSocket, request: IncomingMessage) => void): void;
  on(event: 'listening', listener: () => void): void;
  address(): { port: number };
  close(callback: () => void): void;
  clients: Set<WsSocket>;
}

interface WsModule {
  ws: new (url: string) => WsSocket;
  wsServer: new (options: {
    host: string;
    port: number;
    verifyClient?: (info: { req: IncomingMessage }, callback: (ok: boolean, code?: number) => void) => void;
  }) => WsServer;
}

const bundle = createRequire(import.meta.url)('playwright-core/lib/utilsBundle') as WsModule;
export const IndependentWebSocket = bundle.ws;
export const IndependentWebSocketServer = bundle.wsServer;
