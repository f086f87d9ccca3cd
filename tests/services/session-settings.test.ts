/**
 * Per-server settings in the session manager (issue 11): the command timeout, reconnecting off /
 * give up after a time / keep trying with a capped wait, "Reconnect now", and the desktop
 * notifications of drops. Real sessions over TCP against the reference server, which is stopped
 * and started again to play a server restart. Waits are shrunk through the manager's tuning.
 */
import { describe, expect, it } from 'vitest';
import type { Profile, SessionEvent, SessionInfo, SessionStatus } from '../../src/shared/api';
import type { ProfileSettings } from '../../src/shared/profile-settings';
import { RconTimeoutError } from '../../src/main/rcon';
import { DropNotifier, plainTitle, type DropNotification } from '../../src/main/services/drop-notifier';
import { SessionManager, type SessionManagerOptions } from '../../src/main/services/session-manager';
import { ReferenceServer } from '../../src/reference-server/server';
import { waitFor } from './helpers';
import { useSessionWorld } from './session-world';

const PASSWORD = 'settings-pw';
type StatusEvent = Extract<SessionEvent, { type: 'status' }>;

const world = useSessionWorld(PASSWORD);

function createManager(options: SessionManagerOptions = {}): SessionManager {
  return world.manager({
    reconnect: { initialDelayMs: 20, maxDelayMs: 80 },
    clientOptions: { connectTimeoutMs: 2_000, commandTimeoutMs: 5_000 },
    ...options,
  });
}

function addProfile(server: ReferenceServer, settings?: Partial<ProfileSettings>, name = 'Settings test'): Profile {
  return world.profiles.add({ name, port: server.port, ...(settings ? { settings } : {}) }, PASSWORD);
}

function statusEvents(sessionId: string): StatusEvent[] {
  return world.events.filter((e): e is StatusEvent => e.type === 'status' && e.session.sessionId === sessionId);
}

async function waitForStatus(sessionId: string, status: SessionStatus, count = 1, timeoutMs = 5_000) {
  await waitFor(
    () => statusEvents(sessionId).filter((e) => e.session.status === status).length >= count,
    `${count}× ${status} (saw ${statusEvents(sessionId)
      .map((e) => e.session.status)
      .join(', ')})`,
    timeoutMs,
  );
  return statusEvents(sessionId).at(-1)!.session;
}

async function openConnected(manager: SessionManager, profile: Profile): Promise<SessionInfo> {
  const info = await manager.open({ profileId: profile.id });
  await waitForStatus(info.sessionId, 'connected');
  return info;
}

describe('per-server settings in sessions', () => {
  it("times a command out after the server's own command timeout, not the app's", async () => {
    const server = await world.startServer();
    const manager = createManager();
    const quick = await openConnected(manager, addProfile(server, { commandTimeoutMs: 1_000 }, 'Quick'));
    const patient = await openConnected(manager, addProfile(server, undefined, 'Patient'));

    const error = await manager.send(quick.sessionId, 'sleep 2500').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RconTimeoutError);
    expect((error as Error).message).toMatch(/timed out after 1 s/);
    // The other server keeps the app's timeout (5 s here): the same command completes.
    expect((await manager.send(patient.sessionId, 'sleep 1500')).text).toBe('Slept 1500 ms\n');
  });

  it('with reconnecting off, a lost connection ends the session without an attempt', async () => {
    const server = await world.startServer();
    const manager = createManager();
    const { sessionId } = await openConnected(manager, addProfile(server, { reconnect: 'off' }));
    server.dropAllConnections();
    const ended = await waitForStatus(sessionId, 'disconnected');
    expect(ended.reason).toBe('Connection lost: The server closed the connection.');
    expect(statusEvents(sessionId).map((e) => e.session.status)).not.toContain('reconnecting');
    expect(server.authAttempts).toBe(1);
  });

  it('gives up after the give-up time, counting attempts, with the waits within it', async () => {
    const server = await world.startServer();
    // The app's give-up time, shrunk to 1 s for the test; the profile keeps the default mode.
    const manager = createManager({ reconnect: { initialDelayMs: 20, maxDelayMs: 200, giveUpMs: 1_000 } });
    const { sessionId } = await openConnected(manager, addProfile(server));
    await server.close();
    const ended = await waitForStatus(sessionId, 'disconnected');
    const waits = statusEvents(sessionId).flatMap((e) => (e.retryInMs === undefined ? [] : [e.retryInMs]));
    expect(waits.slice(0, 4)).toEqual([20, 40, 80, 160]);
    expect(Math.max(...waits)).toBeLessThanOrEqual(200);
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1_000);
    expect(ended.reason).toMatch(new RegExp(`Gave up after 1 s \\(${waits.length} attempts\\)\\.$`));
    const attempts = statusEvents(sessionId).flatMap((e) => (e.attempt === undefined ? [] : [e.attempt]));
    expect(attempts).toEqual(waits.map((_, i) => i + 1));
  });

  it('keeps trying forever, the wait capped by the server setting, and comes back after a restart', async () => {
    const server = await world.startServer();
    // The app would give up after 300 ms; this server says keep trying, with at most 1 s between attempts.
    const manager = createManager({ reconnect: { initialDelayMs: 20, giveUpMs: 300 } });
    const profile = addProfile(server, { reconnect: 'forever', reconnectMaxDelayMs: 1_000 });
    const { sessionId } = await openConnected(manager, profile);
    await server.close();
    await waitFor(() => statusEvents(sessionId).some((e) => e.attempt === 8), 'the eighth attempt', 10_000);
    const waits = statusEvents(sessionId).flatMap((e) => (e.retryInMs === undefined ? [] : [e.retryInMs]));
    expect(waits).toEqual([20, 40, 80, 160, 320, 640, 1_000, 1_000]);
    expect(statusEvents(sessionId).map((e) => e.session.status)).not.toContain('disconnected');
    expect(statusEvents(sessionId).at(-1)!.session.reason).toMatch(/Reconnecting \(attempt 8\)…$/);

    await server.listen();
    await waitForStatus(sessionId, 'connected', 2, 5_000);
    expect((await manager.send(sessionId, 'echo back')).text).toBe('back');
  });

  it('never sends a refused password again, even when told to keep trying', async () => {
    const server = await world.startServer();
    const manager = createManager();
    const { sessionId } = await openConnected(manager, addProfile(server, { reconnect: 'forever' }));
    server.setPassword('changed-on-the-server');
    server.dropAllConnections();
    const failed = await waitForStatus(sessionId, 'error');
    expect(failed.reason).toMatch(/password/i);
    expect(server.authFailures).toBe(1);
    // Nothing is scheduled: a further attempt would be another failed login.
    expect(statusEvents(sessionId).at(-1)!.session.status).toBe('error');
    expect(statusEvents(sessionId).filter((e) => e.session.status === 'reconnecting')).toHaveLength(1);
  });

  it('"Reconnect now" tries at once while waiting, and the waiting goes on if the server is still down', async () => {
    const server = await world.startServer();
    // Waits of a minute: only "Reconnect now" can make an attempt within this test.
    const manager = createManager({ reconnect: { initialDelayMs: 60_000, maxDelayMs: 60_000 } });
    const { sessionId } = await openConnected(manager, addProfile(server, { reconnect: 'forever' }));
    const port = server.port;
    await server.close();
    const waiting = await waitForStatus(sessionId, 'reconnecting');
    expect(waiting.reason).toMatch(/Reconnecting \(attempt 1\)…$/);
    expect(statusEvents(sessionId).at(-1)).toMatchObject({ retryInMs: 60_000, attempt: 1 });

    // Still down: the attempt fails and the session waits for the next one.
    expect((await manager.reconnect(sessionId)).status).toBe('connecting');
    await waitForStatus(sessionId, 'reconnecting', 2);
    expect(statusEvents(sessionId).at(-1)).toMatchObject({ attempt: 2 });

    // Back: the next "Reconnect now" connects, without waiting the minute.
    await server.listen();
    expect(server.port).toBe(port);
    await manager.reconnect(sessionId);
    await waitForStatus(sessionId, 'connected', 2);
    expect((await manager.send(sessionId, 'echo now')).text).toBe('now');
  });
});

describe('commands in flight', () => {
  it('names the command of an answer that does not follow its own echo', async () => {
    const server = await world.startServer();
    const manager = createManager();
    const { sessionId } = await openConnected(manager, addProfile(server));
    // Answered in order: the slow one first, after both echoes.
    await Promise.all([manager.send(sessionId, 'sleep 300'), manager.send(sessionId, 'echo quick')]);
    // Alone, an answer follows its echo and needs no name.
    await manager.send(sessionId, 'echo alone');
    const shown = world.events.flatMap((e) =>
      e.type === 'output' && e.sessionId === sessionId ? [[e.kind, e.text]] : [],
    );
    expect(shown).toEqual([
      ['command', 'sleep 300'],
      ['command', 'echo quick'],
      ['info', 'Answer to “sleep 300”:'],
      ['response', 'Slept 300 ms\n'],
      ['info', 'Answer to “echo quick”:'],
      ['response', 'quick'],
      ['command', 'echo alone'],
      ['response', 'alone'],
    ]);
  });
});

describe('DropNotifier', () => {
  let shown: DropNotification[];
  let foreground: string | null;
  let focused: boolean;

  function notifier(manager: SessionManager): DropNotifier {
    shown = [];
    foreground = null;
    focused = true;
    return new DropNotifier({
      sessions: manager,
      profile: (id) => world.profiles.get(id),
      show: (n) => shown.push(n),
      isForeground: (sessionId) => focused && foreground === sessionId,
    });
  }

  it('notifies a background drop and return for servers that ask, and nothing else', async () => {
    const server = await world.startServer();
    const manager = createManager();
    const drops = notifier(manager);
    const asks = await openConnected(manager, addProfile(server, { notifyOnDrop: true }, 'Asks'));
    const quiet = await openConnected(manager, addProfile(server, undefined, 'Quiet'));
    foreground = asks.sessionId; // the window shows this tab, and has the focus

    server.dropAllConnections();
    await waitForStatus(asks.sessionId, 'connected', 2);
    await waitForStatus(quiet.sessionId, 'connected', 2);
    expect(shown).toEqual([]);

    focused = false; // the user went to another window
    server.dropAllConnections();
    await waitForStatus(asks.sessionId, 'connected', 3);
    await waitFor(() => shown.length === 2, 'two notifications');
    expect(shown).toEqual([
      { sessionId: asks.sessionId, title: 'Asks', body: 'The connection was lost. Reconnecting…' },
      { sessionId: asks.sessionId, title: 'Asks', body: 'Connected again.' },
    ]);

    // Closing a tab is no drop, nor is a failed first connect.
    await manager.close(asks.sessionId);
    await server.close();
    const failing = await manager.open({ profileId: addProfile(server, { notifyOnDrop: true }, 'Never up').id });
    await waitForStatus(failing.sessionId, 'error');
    await waitForStatus(quiet.sessionId, 'reconnecting');
    expect(shown).toHaveLength(2);
    drops.stop();
  });

  it('tells when reconnecting stops after a drop', async () => {
    const server = await world.startServer();
    const manager = createManager({ reconnect: { initialDelayMs: 20, maxDelayMs: 40, maxAttempts: 2 } });
    const drops = notifier(manager);
    focused = false;
    const { sessionId } = await openConnected(manager, addProfile(server, { notifyOnDrop: true }, 'Gives up'));
    await server.close();
    await waitForStatus(sessionId, 'disconnected');
    await waitFor(() => shown.length === 2, 'two notifications');
    expect(shown.map((n) => n.body)).toEqual([
      'The connection was lost. Reconnecting…',
      'Reconnecting stopped: the server is still not connected.',
    ]);
    drops.stop();
  });

  it('makes the title plain text and short, whatever the name holds', () => {
    expect(plainTitle('Night \x1b[31mshift\x1b[0m\x07 \x1b]0;owned\x07server')).toBe('Night shift server');
    expect(plainTitle('\x1b[2J')).toBe('A server');
    expect(plainTitle('x'.repeat(200))).toHaveLength(80);
  });
});
