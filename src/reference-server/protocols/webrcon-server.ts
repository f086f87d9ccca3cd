import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketConnection } from '../../main/webrcon/websocket-connection';
import { acceptKey } from '../../main/webrcon/websocket-frames';
import type { ListeningAddress } from '../server';
import { Timers } from '../timers';
import {
  newStats,
  runProtocolCommand,
  type ProtocolServer,
  type ProtocolServerOptions,
  type ProtocolServerStats,
} from './common';

interface Client {
  socket: WebSocketConnection;
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
  private boundPort: number;
  private broadcastTimer: NodeJS.Timeout | undefined;
  private pushed = 0;

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
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen({ host, port: this.boundPort }, () => {
        listener.off('error', reject);
        resolve();
      });
    });
    this.boundPort = (listener.address() as AddressInfo).port;
    this.listener = listener;
    const interval = this.options.broadcastIntervalMs ?? 0;
    if (interval > 0) {
      this.broadcastTimer = setInterval(() => {
        this.pushed += 1;
        if (this.pushed % 2 === 0) this.chat('Alex', `hello #${this.pushed}`);
        else this.broadcast(`[event] tick ${this.pushed}`);
      }, interval);
    }
    return { host, port: this.boundPort };
  }

  async close(): Promise<void> {
    clearInterval(this.broadcastTimer);
    const listener = this.listener;
    this.listener = undefined;
    for (const client of this.clients) {
      client.timers.cancelAll();
      client.socket.socket.destroy();
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
    for (const client of this.clients) client.socket.sendText(text);
  }

  private upgrade(request: IncomingMessage, socket: Socket, head: Buffer): void {
    const key = request.headers['sec-websocket-key'];
    if (typeof key !== 'string' || request.headers.upgrade?.toLowerCase() !== 'websocket') {
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
    this.stats.logins += 1;
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Accept: ${acceptKey(key)}\r\n\r\n`,
    );
    socket.setNoDelay(true);
    const client: Client = {
      socket: new WebSocketConnection(socket, 'server', undefined, head),
      timers: new Timers(),
      commands: 0,
    };
    this.clients.add(client);
    client.socket.on('text', (text) => void this.answer(client, text));
    client.socket.on('close', () => {
      client.timers.cancelAll();
      this.clients.delete(client);
      socket.destroy();
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
      client.socket.socket.destroy();
      return;
    }
    client.commands += 1;
    this.stats.commands += 1;
    const answer = await runProtocolCommand(command, {
      protocol: 'webrcon',
      chat: (user, message) => this.chat(user, message),
      sleep: (ms) => client.timers.sleep(ms),
    });
    client.socket.sendText(
      JSON.stringify({ Identifier: identifier, Message: answer, Type: 'Generic', Stacktrace: '' }),
    );
  }
}
