import { createServer, type Server, type Socket } from 'node:net';
import { LineSplitter } from '../../main/telnet/lines';
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

/** Wrong passwords per connection before the console gives up, as 7DTD does. */
const MAX_FAILURES = 3;

const WELCOME = [
  '*** Connected with 7DTD server.',
  '*** Server version: RCON Desk reference (b1) Compatibility Version: reference',
  '*** Dedicated server only build',
  '',
  'Server IP:   127.0.0.1',
  'Server port: 26900',
  'Max players: 8',
  'Game mode:   GameModeSurvival',
  'World:       Navezgane',
  '',
  "Press 'help' to get a list of all commands. Press 'exit' to end session.",
];

interface Client {
  socket: Socket;
  splitter: LineSplitter;
  loggedIn: boolean;
  failures: number;
  commands: number;
  timers: Timers;
  /** Commands run one at a time, in order, like the game's main thread does. */
  chain: Promise<void>;
}

/**
 * 7 Days to Die's telnet console: a password prompt, then lines. Every command is logged to every
 * logged-in client ("INF Executing command '…' by Telnet from …"), then answered to its sender,
 * with no end marker. Log lines (and chat, which 7DTD logs) are pushed to every client.
 */
export class TelnetReferenceServer implements ProtocolServer {
  readonly stats: ProtocolServerStats = newStats();
  private readonly clients = new Set<Client>();
  private listener: Server | undefined;
  private boundPort: number;
  private readonly pushes = new PushTimer();
  private readonly started = performance.now();

  constructor(private readonly options: ProtocolServerOptions = {}) {
    this.boundPort = options.port ?? 0;
  }

  get port(): number {
    return this.boundPort;
  }

  async listen(): Promise<ListeningAddress> {
    const host = this.options.host ?? '127.0.0.1';
    if (this.listener) return { host, port: this.boundPort };
    const listener = createServer((socket) => this.accept(socket));
    this.boundPort = await listenTcp(listener, host, this.boundPort);
    this.listener = listener;
    this.pushes.start(
      this,
      this.options.broadcastIntervalMs,
      (n) => `Time: ${n}m FPS: 60.0 Heap: 512.0MB Ply: 2 Zom: 14`,
    );
    return { host, port: this.boundPort };
  }

  async close(): Promise<void> {
    this.pushes.stop();
    const listener = this.listener;
    this.listener = undefined;
    for (const client of this.clients) {
      client.timers.cancelAll();
      client.socket.destroy();
    }
    this.clients.clear();
    if (listener) await new Promise<void>((resolve) => listener.close(() => resolve()));
  }

  broadcast(text: string): void {
    this.log(`INF ${text}`);
  }

  chat(user: string, message: string): void {
    this.log(`INF Chat (from 'Steam_76561198000000001', entity id '171', to 'Global'): '${user}': ${message}`);
  }

  private log(text: string): void {
    const uptime = ((performance.now() - this.started) / 1000).toFixed(3);
    const line = `${new Date().toISOString().slice(0, 19)} ${uptime} ${text}\r\n`;
    for (const client of this.clients) if (client.loggedIn) client.socket.write(line);
  }

  private accept(socket: Socket): void {
    socket.setNoDelay(true);
    const client: Client = {
      socket,
      splitter: new LineSplitter(),
      loggedIn: false,
      failures: 0,
      commands: 0,
      timers: new Timers(),
      chain: Promise.resolve(),
    };
    this.clients.add(client);
    socket.on('data', (chunk: Buffer) => {
      for (const line of client.splitter.push(chunk.toString('utf8'))) this.onLine(client, line);
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      client.timers.cancelAll();
      this.clients.delete(client);
    });
    socket.write('Please enter password:\r\n');
  }

  private onLine(client: Client, line: string): void {
    if (!client.loggedIn) {
      if (this.options.faults?.closeOnLogin) {
        client.socket.destroy();
        return;
      }
      if (line === (this.options.password ?? '')) {
        this.stats.logins += 1;
        client.loggedIn = true;
        client.socket.write(`Logon successful.\r\n\r\n\r\n\r\n${WELCOME.join('\r\n')}\r\n\r\n`);
        return;
      }
      this.stats.failedLogins += 1;
      client.failures += 1;
      if (client.failures >= MAX_FAILURES) {
        client.socket.end('Too many failed login attempts!\r\n');
      } else {
        client.socket.write('Password incorrect, please enter password:\r\n');
      }
      return;
    }
    client.chain = client.chain.then(() => this.runCommand(client, line));
  }

  private async runCommand(client: Client, line: string): Promise<void> {
    if (client.socket.destroyed) return;
    this.stats.received.push(line);
    if (line.trim() === '') return;
    if (line.trim().toLowerCase() === 'exit') {
      client.socket.end();
      return;
    }
    const limit = this.options.faults?.closeAfterCommands;
    if (limit !== undefined && client.commands >= limit) {
      client.socket.destroy();
      return;
    }
    client.commands += 1;
    this.stats.commands += 1;
    const remote = `${client.socket.remoteAddress}:${client.socket.remotePort}`;
    this.log(`INF Executing command '${line}' by Telnet from ${remote}`);
    const answer = await runProtocolCommand(line, {
      protocol: 'telnet',
      chat: (user, message) => this.chat(user, message),
      sleep: (ms) => client.timers.sleep(ms),
    });
    if (answer !== '' && !client.socket.destroyed) client.socket.write(`${answer.replace(/\n/g, '\r\n')}\r\n`);
  }
}
