import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { SessionEvent } from '../../src/shared/api';
import { HistoryStore } from '../../src/main/services/history-store';
import { SessionManager, type SessionManagerOptions } from '../../src/main/services/session-manager';
import type { ReferenceServerOptions } from '../../src/reference-server/options';
import { ReferenceServer } from '../../src/reference-server/server';
import { MemoryProfiles, removeDir, tempDir } from './helpers';

/**
 * What a SessionManager test works with: real managers over in-memory profiles and a history file
 * in a temporary folder, talking to reference servers. Made new before each test (see
 * useSessionWorld); what it opened is closed and removed after it.
 */
export class SessionWorld {
  profiles!: MemoryProfiles;
  history!: HistoryStore;
  /** Every event of every manager made with manager(), in order. */
  events: SessionEvent[] = [];
  private dir = '';
  private servers: ReferenceServer[] = [];
  private managers: SessionManager[] = [];

  constructor(private readonly password: string) {}

  /** A reference server with the test's password and no chat timer. */
  async startServer(options: ReferenceServerOptions = {}): Promise<ReferenceServer> {
    const server = new ReferenceServer({ password: this.password, broadcastIntervalMs: 0, ...options });
    this.servers.push(server);
    await server.listen();
    return server;
  }

  /** A manager over the world's profiles and history whose events go to `events`. */
  manager(options: SessionManagerOptions = {}): SessionManager {
    const manager = new SessionManager(this.profiles, this.history, options);
    manager.on('event', (event) => this.events.push(event));
    this.managers.push(manager);
    return manager;
  }

  async setUp(): Promise<void> {
    this.dir = await tempDir();
    this.servers = [];
    this.managers = [];
    this.profiles = new MemoryProfiles();
    this.history = new HistoryStore(join(this.dir, 'history.json'));
    this.events = [];
  }

  async tearDown(): Promise<void> {
    await Promise.all(this.managers.map((manager) => manager.closeAll()));
    await Promise.all(this.servers.map((server) => server.close()));
    await this.history.flush();
    await removeDir(this.dir);
  }
}

/** A SessionWorld set up before and torn down after each test of the calling file or describe block. */
export function useSessionWorld(password: string): SessionWorld {
  const world = new SessionWorld(password);
  beforeEach(() => world.setUp());
  afterEach(() => world.tearDown());
  return world;
}
