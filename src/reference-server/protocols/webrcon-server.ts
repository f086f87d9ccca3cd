import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { messageText } from '../../main/webrcon/websocket-client';
import { listenTcp } from '../listen';
import type { ListeningAddress } from '../server';
import { Timers } from '../timers';
import {
  newStats,
  PushTimer,
  runProtocolCommand,
  type ProtocolServer,
  type ProtocolServerOptions,
  type ProtocolServerStats,
} from './common';

interface Client {
  socket: WebSocket;
  timers: Timers;
  commands: number;
}

/**
 * Rust's WebRCON as the game serves it: the password is the URL path, a wrong one gets
 * `401 Unauthorized` (or, with closeOnLogin, a closed connection), requests and answers are JSON,
 * and console lines and chat are pushed with Identifier -1 and 0.
 */
export class WebRconReferenceServer implements ProtocolServer {
  readonly stats: ProtocolServerStats = newStats();
  private readonly clients = new Set<Client>();
  private listener: Server | undefined;
  // The HTTP server answers the upgrade itself (401, closed sockets); ws takes over on success.
  private readonly webSockets = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private boundPort: number;
  private readonly pushes = new PushTimer();

  constructor(private readonly options: ProtocolServerOptions = {}) {
    this.boundPort = options.port ?? 0;
  }

  get port(): number {
    return this.boundPort;
  }

  async listen(): Promise<ListeningAddress> {
    const host = this.options.host ?? '127.0.0.1';
    if (this.listener) return { host, port: this.boundPort };
    const listener = createServer((_request, response) => {
      response.writeHead(426, { 'content-type': 'text/plain' }).end('WebRCON: connect with a WebSocket\n');
    });
    listener.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) =>
      this.upgrade(request, socket, head),
    );
    this.boundPort = await listenTcp(listener, host, this.boundPort);
    this.listener = listener;
    this.pushes.start(this, this.options.broadcastIntervalMs, (n) => `[event] tick ${n}`);
    return { host, port: this.boundPort };
  }

  async close(): Promise<void> {
    this.pushes.stop();
    const listener = this.listener;
    this.listener = undefined;
    for (const client of this.clients) {
      client.timers.cancelAll();
      client.socket.terminate();
    }
    this.clients.clear();
    if (!listener) return;
    listener.closeAllConnections();
    await new Promise<void>((resolve) => listener.close(() => resolve()));
  }

  broadcast(text: string): void {
    this.push({ Identifier: -1, Message: text, Type: 'Generic', Stacktrace: '' });
  }

  chat(user: string, message: string): void {
    const entry = { Channel: 0, Message: message, UserId: '76561198000000001', Username: user, Color: '#5af', Time: 0 };
    this.push({ Identifier: 0, Message: JSON.stringify(entry), Type: 'Chat', Stacktrace: '' });
  }

  private push(response: object): void {
    const text = JSON.stringify(response);
    for (const client of this.clients) client.socket.send(text);
  }

  private upgrade(request: IncomingMessage, socket: Socket, head: Buffer): void {
    if (request.headers.upgrade?.toLowerCase() !== 'websocket') {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    let password: string;
    try {
      password = decodeURIComponent((request.url ?? '/').slice(1).replace(/\/$/, ''));
    } catch {
      password = '';
    }
    if (this.options.faults?.closeOnLogin) {
      socket.destroy();
      return;
    }
    if (password !== (this.options.password ?? '')) {
      this.stats.failedLogins += 1;
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    // handleUpgrade answers a malformed upgrade (no key, wrong version) with 400 itself.
    this.webSockets.handleUpgrade(request, socket, head, (webSocket) => {
      this.stats.logins += 1;
      socket.setNoDelay(true);
      const client: Client = { socket: webSocket, timers: new Timers(), commands: 0 };
      this.clients.add(client);
      webSocket.on('message', (data) => void this.answer(client, messageText(data)));
      webSocket.on('error', () => webSocket.terminate());
      webSocket.on('close', () => {
        client.timers.cancelAll();
        this.clients.delete(client);
      });
    });
  }

  private async answer(client: Client, text: string): Promise<void> {
    let request: { Identifier?: unknown; Message?: unknown };
    try {
      request = JSON.parse(text) as typeof request;
    } catch {
      return;
    }
    const identifier = Number(request.Identifier);
    const command = typeof request.Message === 'string' ? request.Message : '';
    this.stats.received.push(command);
    const limit = this.options.faults?.closeAfterCommands;
    if (limit !== undefined && client.commands >= limit) {
      client.socket.terminate();
      return;
    }
    client.commands += 1;
    this.stats.commands += 1;
    const answer = await runProtocolCommand(command, {
      protocol: 'webrcon',
      chat: (user, message) => this.chat(user, message),
      sleep: (ms) => client.timers.sleep(ms),
    });
    client.socket.send(JSON.stringify({ Identifier: identifier, Message: answer, Type: 'Generic', Stacktrace: '' }));
  }
}
