import { createServer, type Server, type Socket } from 'node:net';
import { BanList } from './ban-list';
import { listenTcp } from './listen';
import { ClientConnection, type ConnectionHost } from './connection';
import { resolveOptions, type ReferenceServerOptions, type ResolvedOptions } from './options';
import { personality } from './game-personalities';
import { chatLine, chatPacket, type Personality } from './personalities';

export interface ListeningAddress {
  host: string;
  port: number;
}

/**
 * An RCON server that behaves like real game servers (Source, Minecraft, and the odd ones),
 * with faults on demand, for integration tests, benchmarks and the demo.
 */
export class ReferenceServer {
  private readonly options: ResolvedOptions;
  private readonly personality: Personality;
  private readonly bans: BanList;
  private readonly open = new Set<ClientConnection>();
  private readonly host: ConnectionHost;
  private listener: Server | undefined;
  private closing: Promise<void> | undefined;
  private broadcastTimer: NodeJS.Timeout | undefined;
  private boundPort: number;
  private password: string;
  private chatCount = 0;
  private readonly received: string[] = [];
  private readonly counts = {
    authAttempts: 0,
    authFailures: 0,
    refusedLogins: 0,
    totalConnections: 0,
    rejectedConnections: 0,
    commandsExecuted: 0,
    protocolErrors: 0,
  };

  constructor(options: ReferenceServerOptions = {}) {
    this.options = resolveOptions(options);
    this.personality = personality(this.options.personality);
    this.bans = new BanList(this.options.banAfterFailures);
    this.boundPort = this.options.port;
    this.password = this.options.password;
    this.host = this.connectionHost();
  }

  /** Starts listening; port 0 picks a free port. Listening again after close() reuses the same port. */
  async listen(): Promise<ListeningAddress> {
    if (this.closing) await this.closing;
    if (this.listener) return this.address;
    const listener = createServer((socket) => this.accept(socket));
    this.boundPort = await listenTcp(listener, this.options.host, this.boundPort);
    this.listener = listener;
    this.startChat();
    return this.address;
  }

  /** Stops listening and destroys every open connection. Safe to call twice or before listen(). */
  close(): Promise<void> {
    this.closing ??= this.shutDown().finally(() => {
      this.closing = undefined;
    });
    return this.closing;
  }

  /** Like a crash of the game server's RCON module: every connection drops, the port stays open. */
  dropAllConnections(): void {
    for (const connection of this.open) connection.destroy();
  }

  /**
   * Like a restart of the game server: connections drop, the port refuses connections for
   * `downtimeMs`, then listens again on the same port. Bans and failure counts are forgotten.
   */
  async restart(downtimeMs = 0): Promise<ListeningAddress> {
    await this.close();
    this.bans.clear();
    if (downtimeMs > 0) await new Promise((resolve) => setTimeout(resolve, downtimeMs));
    return this.listen();
  }

  /** Pushes an unsolicited RESPONSE_VALUE (id 0) to every logged-in connection; returns how many got it. */
  broadcast(text: string): number {
    const message = (this.personality.pushPacket ?? chatPacket)(text, this.options.encoding);
    let reached = 0;
    for (const connection of this.open) {
      if (!connection.isAuthenticated) continue;
      connection.pushUnsolicited(message);
      reached += 1;
    }
    return reached;
  }

  /** Like changing rcon_password on a Source server: every logged-in connection is dropped. */
  setPassword(password: string): void {
    this.password = password;
    for (const connection of this.open) {
      if (connection.isAuthenticated) connection.destroy();
    }
  }

  /** Lifts the ban (and forgets the failures) of one address, or of all. */
  unban(address?: string): void {
    this.bans.clear(address);
  }

  get port(): number {
    return this.boundPort;
  }

  get address(): ListeningAddress {
    return { host: this.options.host, port: this.boundPort };
  }

  get listening(): boolean {
    return this.listener !== undefined;
  }

  /** Connections open now. */
  get connections(): number {
    return this.open.size;
  }

  get bannedAddresses(): string[] {
    return this.bans.addresses;
  }

  /** Logins received, including those refused by a ban or closeOnAuth. */
  get authAttempts(): number {
    return this.counts.authAttempts;
  }

  /** Logins answered with -1. */
  get authFailures(): number {
    return this.counts.authFailures;
  }

  /** Logins answered by closing the socket (banned address or closeOnAuth). */
  get refusedLogins(): number {
    return this.counts.refusedLogins;
  }

  /** Connections accepted since construction, including those closed at once for a ban. */
  get totalConnections(): number {
    return this.counts.totalConnections;
  }

  /** Connections closed at once because their address is banned. */
  get rejectedConnections(): number {
    return this.counts.rejectedConnections;
  }

  /** Commands run and answered (garbageAfterAuth's victim is received but not executed). */
  get commandsExecuted(): number {
    return this.counts.commandsExecuted;
  }

  /** Every command received from logged-in connections, in arrival order. */
  get receivedCommands(): readonly string[] {
    return [...this.received];
  }

  /** Connections closed because their bytes were not RCON. */
  get protocolErrors(): number {
    return this.counts.protocolErrors;
  }

  private async shutDown(): Promise<void> {
    this.stopChat();
    const listener = this.listener;
    this.listener = undefined;
    this.dropAllConnections();
    if (!listener) return;
    // Every socket is destroyed, so the close callback cannot wait on a client.
    await new Promise<void>((resolve) => listener.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.counts.totalConnections += 1;
    const address = normalizeAddress(socket.remoteAddress);
    socket.on('error', () => undefined);
    if (!this.listener) {
      socket.destroy();
      return;
    }
    if (this.personality.bansAddresses && this.bans.isBanned(address)) {
      this.counts.rejectedConnections += 1;
      this.options.onEvent({ kind: 'rejected', address, reason: 'banned' });
      socket.destroy();
      return;
    }
    const connection = new ClientConnection(socket, address, this.host);
    this.open.add(connection);
    this.options.onEvent({ kind: 'connection', address });
    socket.once('close', () => {
      this.open.delete(connection);
      this.options.onEvent({ kind: 'disconnect', address });
    });
  }

  private startChat(): void {
    if (!this.personality.pushesChat || this.options.broadcastIntervalMs === 0) return;
    this.broadcastTimer = setInterval(() => {
      this.broadcast(chatLine(this.chatCount));
      this.chatCount += 1;
    }, this.options.broadcastIntervalMs);
    this.broadcastTimer.unref();
  }

  private stopChat(): void {
    clearInterval(this.broadcastTimer);
    this.broadcastTimer = undefined;
  }

  private connectionHost(): ConnectionHost {
    return {
      options: this.options,
      personality: this.personality,
      bans: this.bans,
      password: () => this.password,
      endpoint: () => `${this.options.host}:${this.boundPort}`,
      countAuth: (ok) => {
        this.counts.authAttempts += 1;
        if (ok === false) this.counts.authFailures += 1;
        if (ok === 'refused') this.counts.refusedLogins += 1;
      },
      countCommand: (command, executed) => {
        this.received.push(command);
        if (executed) this.counts.commandsExecuted += 1;
      },
      countProtocolError: () => {
        this.counts.protocolErrors += 1;
      },
      broadcast: (text) => this.broadcast(text),
      emit: (event) => this.options.onEvent(event),
    };
  }
}

/** IPv4 clients of a dual-stack listener show up as ::ffff:a.b.c.d; bans are per IPv4 address. */
export function normalizeAddress(address: string | undefined): string {
  if (!address) return 'unknown';
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}
