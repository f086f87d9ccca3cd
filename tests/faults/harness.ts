import net from 'node:net';
import { once } from 'node:events';
import { expect, afterEach, beforeEach } from 'vitest';
import type { SessionEvent, SessionInfo, SessionStatus } from '../../src/shared/api';
import { RconClient, type RconClientOptions } from '../../src/main/rcon';
import {
  SessionManager,
  type SessionHistory,
  type SessionManagerOptions,
} from '../../src/main/services/session-manager';
import { ReferenceServer } from '../../src/reference-server/server';
import type { ReferenceServerOptions } from '../../src/reference-server/options';
import { MemoryProfiles, delay } from '../services/helpers';

export { MemoryProfiles, delay };

export const PASSWORD = 'fault-password';

/** Statuses a session stays in until something happens to it; `reconnecting` always has a timer running. */
export const SETTLED: readonly SessionStatus[] = ['connected', 'error', 'disconnected'];

/** History is not the subject here: commands are only counted. */
export class CountingHistory implements SessionHistory {
  appended = 0;

  async append(): Promise<void> {
    this.appended += 1;
  }
}

type StatusEvent = Extract<SessionEvent, { type: 'status' }>;

/**
 * One SessionManager (real engine, real TCP) and everything it emitted, with the questions the
 * fault tests ask of it.
 */
export class Watched {
  readonly events: SessionEvent[] = [];
  readonly manager: SessionManager;
  clientsCreated = 0;

  constructor(
    readonly profiles: MemoryProfiles,
    options: SessionManagerOptions = {},
  ) {
    this.manager = new SessionManager(profiles, new CountingHistory(), {
      reconnect: { initialDelayMs: 20, maxDelayMs: 80, maxAttempts: 5 },
      ...options,
      clientOptions: { connectTimeoutMs: 2_000, commandTimeoutMs: 2_000, ...options.clientOptions },
      createClient: (clientOptions: RconClientOptions) => {
        this.clientsCreated += 1;
        return new RconClient(clientOptions);
      },
    });
    this.manager.on('event', (event) => this.events.push(event));
  }

  statusEvents(sessionId: string): StatusEvent[] {
    return this.events.filter(
      (event): event is StatusEvent => event.type === 'status' && event.session.sessionId === sessionId,
    );
  }

  statuses(sessionId: string): SessionStatus[] {
    return this.statusEvents(sessionId).map((event) => event.session.status);
  }

  /** `status: reason` per status event, for messages and for exact comparisons. */
  history(sessionId: string): string[] {
    return this.statusEvents(sessionId).map(
      ({ session }) => `${session.status}${session.reason === undefined ? '' : `: ${session.reason}`}`,
    );
  }

  last(sessionId: string): SessionInfo | undefined {
    return this.statusEvents(sessionId).at(-1)?.session;
  }

  outputs(sessionId: string): { kind: string; text: string }[] {
    return this.events.flatMap((event) =>
      event.type === 'output' && event.sessionId === sessionId ? [{ kind: event.kind, text: event.text }] : [],
    );
  }

  /** Waits for the `count`-th event with this status and returns the session as that event showed it. */
  async waitForStatus(sessionId: string, status: SessionStatus, count = 1, timeoutMs = 5_000): Promise<SessionInfo> {
    await waitUntil(
      () => this.statuses(sessionId).filter((seen) => seen === status).length >= count,
      () => `status ${status} ×${count} (saw: ${this.history(sessionId).join(' | ')})`,
      timeoutMs,
    );
    return this.statusEvents(sessionId).filter((event) => event.session.status === status)[count - 1]!.session;
  }

  /**
   * Waits until the session is in a settled status (connected, error, disconnected) and stays
   * there for `quietMs`: a session must never hang in connecting or authenticating. After a
   * fault, first wait for the status that shows the fault arrived (e.g. reconnecting): the
   * session is still "settled" in connected until the engine notices.
   */
  async waitSettled(sessionId: string, timeoutMs: number, quietMs = 0): Promise<SessionInfo> {
    const started = Date.now();
    for (;;) {
      await waitUntil(
        () => SETTLED.includes(this.last(sessionId)?.status ?? 'connecting'),
        () => `a settled status within ${timeoutMs} ms (saw: ${this.history(sessionId).join(' | ')})`,
        Math.max(1, timeoutMs - (Date.now() - started)),
      );
      const count = this.statusEvents(sessionId).length;
      await delay(quietMs);
      if (this.statusEvents(sessionId).length === count) return this.last(sessionId)!;
    }
  }
}

export async function waitUntil(condition: () => boolean, what: () => string, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what()}.`);
    await delay(5);
  }
}

/**
 * A TCP proxy in front of a server, for faults of the network rather than of the server: it can
 * freeze (both directions stop, sockets stay open: a half-open link), reset every connection
 * with a TCP RST, or be pointed at another server for the next connections.
 */
export class FaultProxy {
  private readonly listener: net.Server;
  private readonly pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  private frozen = false;
  private readonly held: Array<() => void> = [];
  /** Connections accepted since construction. */
  accepted = 0;

  constructor(public targetPort: number) {
    this.listener = net.createServer((client) => this.accept(client));
  }

  async listen(): Promise<number> {
    this.listener.listen(0, '127.0.0.1');
    await once(this.listener, 'listening');
    return this.port;
  }

  get port(): number {
    return (this.listener.address() as net.AddressInfo).port;
  }

  get connections(): number {
    return this.pairs.size;
  }

  /** Stops forwarding in both directions; what arrives meanwhile is held, sockets stay open. */
  freeze(): void {
    this.frozen = true;
  }

  /** Forwards what was held, in order, and resumes. */
  thaw(): void {
    this.frozen = false;
    for (const write of this.held.splice(0)) write();
  }

  /** Resets every connection: the client gets an RST (ECONNRESET), the server a plain close. */
  resetAll(): void {
    for (const { client, upstream } of this.pairs) {
      client.resetAndDestroy();
      upstream.destroy();
    }
  }

  async close(): Promise<void> {
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    await new Promise<void>((resolve) => this.listener.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    this.accepted += 1;
    const upstream = net.createConnection({ host: '127.0.0.1', port: this.targetPort });
    const pair = { client, upstream };
    this.pairs.add(pair);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    const forward = (to: net.Socket) => (chunk: Buffer) => {
      const write = (): void => {
        if (!to.destroyed) to.write(chunk);
      };
      if (this.frozen) this.held.push(write);
      else write();
    };
    client.on('data', forward(upstream));
    upstream.on('data', forward(client));
    const end = (): void => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
    client.on('close', end);
    upstream.on('close', end);
  }
}

/** Servers, proxies and managers a test made, torn down after it. */
export class Fixture {
  private readonly servers: ReferenceServer[] = [];
  private readonly proxies: FaultProxy[] = [];
  private readonly watched: Watched[] = [];
  readonly profiles = new MemoryProfiles();

  async server(options: ReferenceServerOptions = {}): Promise<ReferenceServer> {
    const server = new ReferenceServer({ password: PASSWORD, broadcastIntervalMs: 0, ...options });
    this.servers.push(server);
    await server.listen();
    return server;
  }

  async proxy(targetPort: number): Promise<FaultProxy> {
    const proxy = new FaultProxy(targetPort);
    this.proxies.push(proxy);
    await proxy.listen();
    return proxy;
  }

  manager(options: SessionManagerOptions = {}): Watched {
    const watched = new Watched(this.profiles, options);
    this.watched.push(watched);
    return watched;
  }

  async teardown(): Promise<void> {
    await Promise.all(this.watched.map((w) => w.manager.closeAll()));
    await Promise.all(this.proxies.map((p) => p.close()));
    await Promise.all(this.servers.map((s) => s.close()));
  }
}

/** Asserts a status history (see Watched.history) event by event: a string matches exactly, a RegExp as a pattern. */
export function expectHistory(actual: string[], expected: Array<string | RegExp>): void {
  expect(actual).toEqual(expected.map((p) => (typeof p === 'string' ? p : expect.stringMatching(p))));
}

/** The reason of a session waiting to reconnect, as SessionManager words it. */
export function retrying(reason: string, attempt: number, of: number): string {
  return `${reason} Reconnecting (attempt ${attempt} of ${of})…`;
}

/** The fixture of the test that is running: a fresh one for each test of the file, torn down after it. */
export function useFixture(): () => Fixture {
  let current: Fixture | undefined;
  beforeEach(() => {
    current = new Fixture();
  });
  afterEach(async () => {
    await current?.teardown();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('useFixture() is for use inside a test.');
    return current;
  };
}

export const CLOSED = 'The server closed the connection.';

/** The status history of a session that connected, lost the connection for `reason`, and was back at the first retry. */
export function reconnectedOnce(reason: string, attempts = 5): string[] {
  const lost = retrying(`Connection lost: ${reason}`, 1, attempts);
  return [
    'connecting',
    'authenticating',
    'connected',
    `reconnecting: ${lost}`,
    `connecting: ${lost}`,
    `authenticating: ${lost}`,
    'connected',
  ];
}
