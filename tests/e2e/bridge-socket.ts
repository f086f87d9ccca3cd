import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { decodeBridgeMessage, encodeBridgeMessage, type HarnessMessage, type PageMessage } from './bridge-codec';

/** Where the page's bridge connects, on the harness's own HTTP server. */
export const BRIDGE_SOCKET_PATH = '/__rcon-desk-bridge';

/**
 * The e2e harness's stand-in for Electron's IPC: one WebSocket per page, ordered both ways like
 * the IPC pipe between a window and the main process, carrying the page's invoke calls and
 * their replies, and the main side's pushes (webContents.send).
 *
 * The harness first pushed through Playwright's page.evaluate: Chromium's DevTools session then
 * spent about 3 ms of the page's main thread per 64 KiB event decoding the protocol message (1.2 s
 * for a 20 MiB flood), a cost Electron's IPC does not have, and the flood benchmarks measured it.
 */
export class BridgeSocket {
  private readonly server: WebSocketServer;
  /** The socket of the page now loaded; a navigation replaces it. */
  private socket: WebSocket | undefined;
  private nextSyncId = 1;
  private readonly syncs = new Map<number, () => void>();

  constructor(
    http: Server,
    private readonly invoke: (channel: unknown, args: unknown) => Promise<unknown>,
  ) {
    this.server = new WebSocketServer({ server: http, path: BRIDGE_SOCKET_PATH, maxPayload: 256 * 1024 * 1024 });
    this.server.on('connection', (socket) => this.adopt(socket));
  }

  /** Sends a push to the page loaded now; with no page (navigating, closed), it has no receiver, as in the app. */
  push(channel: string, payload: unknown): void {
    this.send(this.socket, { type: 'push', channel, payload });
  }

  /** A page is loaded and its socket open. */
  get connected(): boolean {
    return this.socket !== undefined && this.socket.readyState === this.socket.OPEN;
  }

  /** Resolves once the page has handled every push sent so far (or is gone). */
  delivered(): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.readyState !== socket.OPEN) return Promise.resolve();
    const id = this.nextSyncId++;
    return new Promise<void>((resolve) => {
      const done = (): void => {
        this.syncs.delete(id);
        socket.off('close', done);
        resolve();
      };
      this.syncs.set(id, done);
      socket.once('close', done);
      this.send(socket, { type: 'sync', id });
    });
  }

  close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private adopt(socket: WebSocket): void {
    this.socket = socket;
    socket.on('close', () => {
      if (this.socket === socket) this.socket = undefined;
    });
    socket.on('message', (data) => {
      const message = decodeBridgeMessage(String(data)) as PageMessage;
      if (message.type === 'synced') this.syncs.get(message.id)?.();
      else if (message.type === 'invoke') {
        void this.invoke(message.channel, message.args)
          .catch((error: unknown) => ({ ok: false, error: { kind: 'internal', message: String(error) } }))
          .then((result) => this.send(socket, { type: 'reply', id: message.id, result }));
      }
    });
  }

  private send(socket: WebSocket | undefined, message: HarnessMessage): void {
    if (socket && socket.readyState === socket.OPEN) socket.send(encodeBridgeMessage(message));
  }
}
