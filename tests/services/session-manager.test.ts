import { beforeEach, describe, expect, it } from 'vitest';
import type { SessionEvent, SessionInfo, SessionStatus } from '../../src/shared/api';
import { APP_QUIT_REASON } from '../../src/shared/api';
import { RconClient, type RconClientOptions } from '../../src/main/rcon';
import {
  NotFoundError,
  PasswordRefusedError,
  PasswordRequiredError,
  SessionStateError,
} from '../../src/main/services/errors';
import { SessionManager, type SessionManagerOptions } from '../../src/main/services/session-manager';
import { ANSWER_LINES_SHOWN } from '../../src/shared/console-limits';
import { delay, waitFor } from './helpers';
import { useSessionWorld } from './session-world';

const PASSWORD = 'correct-horse';

describe('SessionManager against the reference server', () => {
  const world = useSessionWorld(PASSWORD);
  let clientsCreated: number;

  beforeEach(() => {
    clientsCreated = 0;
  });

  function createManager(options: SessionManagerOptions = {}): SessionManager {
    return world.manager({
      reconnect: { initialDelayMs: 20, maxDelayMs: 80, maxAttempts: 5 },
      clientOptions: { connectTimeoutMs: 2_000, commandTimeoutMs: 2_000 },
      // Real clients, counted, so a test can tell whether anything tried to connect.
      createClient: (clientOptions: RconClientOptions) => {
        clientsCreated += 1;
        return new RconClient(clientOptions);
      },
      ...options,
    });
  }

  function statuses(sessionId: string): SessionStatus[] {
    return world.events.flatMap((event) =>
      event.type === 'status' && event.session.sessionId === sessionId ? [event.session.status] : [],
    );
  }

  function lastStatus(sessionId: string): SessionInfo | undefined {
    const found = world.events.filter(
      (event): event is Extract<SessionEvent, { type: 'status' }> =>
        event.type === 'status' && event.session.sessionId === sessionId,
    );
    return found[found.length - 1]?.session;
  }

  async function waitForStatus(sessionId: string, status: SessionStatus, count = 1): Promise<SessionInfo> {
    await waitFor(
      () => statuses(sessionId).filter((seen) => seen === status).length >= count,
      `status ${status} (saw ${statuses(sessionId).join(', ')})`,
    );
    return lastStatus(sessionId) as SessionInfo;
  }

  function outputs(sessionId: string): { kind: string; text: string }[] {
    return world.events.flatMap((event) =>
      event.type === 'output' && event.sessionId === sessionId ? [{ kind: event.kind, text: event.text }] : [],
    );
  }

  it('connects, runs a command and reports it as output events', async () => {
    const server = await world.startServer();
    const profile = world.profiles.add({ name: 'Srcds', port: server.port }, PASSWORD);
    const manager = createManager();

    const opened = await manager.open({ profileId: profile.id });
    expect(opened).toEqual({
      sessionId: expect.any(String),
      profileId: profile.id,
      title: 'Srcds',
      status: 'connecting',
    });
    const connected = await waitForStatus(opened.sessionId, 'connected');
    expect(connected.dialect).toBe('source');
    expect(statuses(opened.sessionId)).toEqual(['connecting', 'authenticating', 'connected']);
    expect(manager.list()).toEqual([connected]);

    const result = await manager.send(opened.sessionId, 'echo hello there');
    expect(result.text).toBe('hello there');
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(outputs(opened.sessionId)).toEqual([
      { kind: 'command', text: 'echo hello there' },
      { kind: 'response', text: 'hello there' },
    ]);
    await world.history.flush();
    expect(await world.history.get(profile.id)).toEqual(['echo hello there']);
  });

  it('keeps the last answer too long for the console whole, for saving, until the session closes', async () => {
    const server = await world.startServer();
    const profile = world.profiles.add({ name: 'Long', port: server.port }, PASSWORD);
    const manager = createManager();
    const { sessionId } = await manager.open({ profileId: profile.id });
    await waitForStatus(sessionId, 'connected');

    await manager.send(sessionId, 'echo short');
    expect(() => manager.longAnswer(sessionId)).toThrow(NotFoundError);
    // 64-byte lines: one more than the console shows, then a shorter answer that leaves it kept.
    const long = await manager.send(sessionId, `bytes ${(ANSWER_LINES_SHOWN + 1) * 64}`);
    await manager.send(sessionId, 'echo after');
    expect(manager.longAnswer(sessionId)).toBe(long.text);
    expect(long.text.split('\n')).toHaveLength(ANSWER_LINES_SHOWN + 2);
    // Exactly as many lines as the console shows is not long.
    const fits = await manager.send(sessionId, `bytes ${ANSWER_LINES_SHOWN * 64}`);
    expect(manager.longAnswer(sessionId)).not.toBe(fits.text);
    await manager.close(sessionId);
    expect(() => manager.longAnswer(sessionId)).toThrow(NotFoundError);
  });

  it('applies the profile\'s game: ARK\'s "no response" reads as an empty answer, a Palworld server answers', async () => {
    const ark = await world.startServer({ personality: 'ark' });
    const manager = createManager();
    const arkProfile = world.profiles.add({ name: 'ARK', port: ark.port, game: 'ark' }, PASSWORD);
    const arkSession = await manager.open({ profileId: arkProfile.id });
    await waitForStatus(arkSession.sessionId, 'connected');
    expect((await manager.send(arkSession.sessionId, 'broadcast hi')).text).toBe('');
    const pals = await world.startServer({ personality: 'palworld' });
    const palProfile = world.profiles.add({ name: 'Pals', port: pals.port, game: 'palworld' }, PASSWORD);
    const palSession = await manager.open({ profileId: palProfile.id });
    await waitForStatus(palSession.sessionId, 'connected');
    expect((await manager.send(palSession.sessionId, 'echo one at a time')).text).toBe('one at a time');
  });

  it('passes unsolicited server messages on as "server" output', async () => {
    const server = await world.startServer({ personality: 'broadcast' });
    const profile = world.profiles.add({ port: server.port }, PASSWORD);
    const manager = createManager();
    const { sessionId } = await manager.open({ profileId: profile.id });
    await waitForStatus(sessionId, 'connected');
    server.broadcast('[Chat] Alice: hi');
    await waitFor(() => outputs(sessionId).some((output) => output.kind === 'server'), 'a server message');
    expect(outputs(sessionId)).toContainEqual({ kind: 'server', text: '[Chat] Alice: hi' });
  });

  it('never sends a refused password again until one is typed, then keeps the typed one for the next tab', async () => {
    const server = await world.startServer();
    const profile = world.profiles.add({ name: 'Changed', port: server.port }, 'old-password');
    const manager = createManager();
    const { sessionId } = await manager.open({ profileId: profile.id });
    expect((await waitForStatus(sessionId, 'error')).reason).toMatch(/^Wrong password/);

    // Another tab, or Reconnect without a new password: refused before anything is sent.
    const refused = manager.open({ profileId: profile.id });
    await expect(refused).rejects.toBeInstanceOf(PasswordRefusedError);
    await expect(refused).rejects.toThrow(/not sent again.*can get your address banned/);
    await expect(manager.reconnect(sessionId)).rejects.toBeInstanceOf(PasswordRefusedError);
    expect(server.authAttempts).toBe(1);
    expect(clientsCreated).toBe(1);

    // The user types the right one: it is used, and kept in memory for the next tab of the server.
    await manager.reconnect(sessionId, PASSWORD);
    await waitForStatus(sessionId, 'connected');
    const second = await manager.open({ profileId: profile.id });
    await waitForStatus(second.sessionId, 'connected');
    expect(server.authAttempts).toBe(3);
    expect(server.authFailures).toBe(1);

    // A new password saved in the editor may be tried again.
    manager.passwordChanged(profile.id);
    world.profiles.passwords.set(profile.id, 'old-password');
    const third = await manager.open({ profileId: profile.id });
    await waitForStatus(third.sessionId, 'error');
    expect(server.authFailures).toBe(2);
  });

  it('pauses the other tabs of a server after the first refused login, instead of each spending one', async () => {
    const server = await world.startServer();
    const profile = world.profiles.add({ name: 'Busy', port: server.port }, PASSWORD);
    const manager = createManager({ reconnect: { initialDelayMs: 20, maxDelayMs: 80, maxAttempts: 5 } });
    const ids: string[] = [];
    for (let tab = 0; tab < 3; tab += 1) ids.push((await manager.open({ profileId: profile.id })).sessionId);
    for (const id of ids) await waitForStatus(id, 'connected');

    server.setPassword('changed-on-the-server');
    for (const id of ids) await waitForStatus(id, 'error');
    const reasons = ids.map((id) => lastStatus(id)!.reason ?? '');
    expect(reasons.filter((reason) => /^Wrong password/.test(reason))).toHaveLength(1);
    expect(reasons.filter((reason) => /^Paused: the server refused the password of "Busy"/.test(reason))).toHaveLength(
      2,
    );
    // Several backoff periods later, still one failed login in all.
    await delay(300);
    expect(server.authFailures).toBe(1);
    expect(server.authAttempts).toBe(4);
  });

  it('closes the sessions of a deleted profile, saying why, and leaves the others open', async () => {
    const server = await world.startServer();
    const gone = world.profiles.add({ name: 'Gone', port: server.port }, PASSWORD);
    const kept = world.profiles.add({ name: 'Kept', port: server.port }, PASSWORD);
    const manager = createManager();
    const goneSession = (await manager.open({ profileId: gone.id })).sessionId;
    const keptSession = (await manager.open({ profileId: kept.id })).sessionId;
    await waitForStatus(goneSession, 'connected');
    await waitForStatus(keptSession, 'connected');
    await manager.profileDeleted(gone.id);
    expect(lastStatus(goneSession)).toMatchObject({
      status: 'disconnected',
      reason: 'The server was deleted from the list.',
    });
    expect(manager.list().map((info) => info.sessionId)).toEqual([keptSession]);
    await expect(manager.send(goneSession, 'echo late')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('reports a wrong password once and never retries it', async () => {
    const server = await world.startServer();
    const profile = world.profiles.add({ port: server.port }, 'wrong-password');
    const manager = createManager();
    const { sessionId } = await manager.open({ profileId: profile.id });
    const failed = await waitForStatus(sessionId, 'error');
    expect(failed.reason).toMatch(/^Wrong password/);
    // Several backoff periods later, still exactly one login.
    await delay(300);
    expect(server.authAttempts).toBe(1);
    expect(clientsCreated).toBe(1);
    expect(statuses(sessionId)).toEqual(['connecting', 'authenticating', 'error']);
    await expect(manager.send(sessionId, 'status')).rejects.toBeInstanceOf(SessionStateError);
  });

  it('logs in after a failure when reconnect is given the right password', async () => {
    const server = await world.startServer();
    const profile = world.profiles.add({ port: server.port }, 'wrong-password');
    const manager = createManager();
    const { sessionId } = await manager.open({ profileId: profile.id });
    await waitForStatus(sessionId, 'error');

    const info = await manager.reconnect(sessionId, PASSWORD);
    expect(info.status).toBe('connecting');
    await waitForStatus(sessionId, 'connected');
    expect(server.authAttempts).toBe(2);
    expect(JSON.stringify(world.events)).not.toContain(PASSWORD);
  });

  it('says "banned" when the server refuses to answer the login', async () => {
    const server = await world.startServer({ banAfterFailures: 1 });
    const profile = world.profiles.add({ port: server.port }, 'wrong-password');
    const manager = createManager();
    const first = await manager.open({ profileId: profile.id });
    expect((await waitForStatus(first.sessionId, 'error')).reason).toMatch(/^Wrong password/);
    const second = await manager.open({ profileId: profile.id, password: PASSWORD });
    expect((await waitForStatus(second.sessionId, 'error')).reason).toMatch(/^Banned by the server/);
    await delay(200);
    expect(statuses(second.sessionId)).not.toContain('reconnecting');
  });

  it('reconnects with backoff when the server drops the connection', async () => {
    const server = await world.startServer();
    const profile = world.profiles.add({ port: server.port }, PASSWORD);
    const manager = createManager();
    const { sessionId } = await manager.open({ profileId: profile.id });
    await waitForStatus(sessionId, 'connected');

    server.dropAllConnections();
    const reconnecting = world.events.length;
    const waiting = await waitForStatus(sessionId, 'reconnecting');
    expect(waiting.reason).toMatch(
      /^Connection lost: The server closed the connection\. Reconnecting \(attempt 1 of 5\)/,
    );
    const event = world.events.slice(reconnecting).find((candidate) => candidate.type === 'status');
    expect(event).toMatchObject({ type: 'status', retryInMs: 20 });
    await expect(manager.send(sessionId, 'status')).rejects.toThrow(/Not connected \(reconnecting\)/);

    await waitForStatus(sessionId, 'connected', 2);
    expect(server.authAttempts).toBe(2);
    expect((await manager.send(sessionId, 'echo back')).text).toBe('back');
  });

  it('backs off exponentially and gives up after the last attempt', async () => {
    const server = await world.startServer();
    const profile = world.profiles.add({ port: server.port }, PASSWORD);
    const manager = createManager({ reconnect: { initialDelayMs: 10, maxDelayMs: 40, maxAttempts: 4 } });
    const { sessionId } = await manager.open({ profileId: profile.id });
    await waitForStatus(sessionId, 'connected');

    await server.close();
    const given = await waitForStatus(sessionId, 'disconnected');
    expect(given.reason).toMatch(/Connection refused.*Gave up after 4 attempts\.$/);
    const delays = world.events.flatMap((event) =>
      event.type === 'status' && event.retryInMs ? [event.retryInMs] : [],
    );
    expect(delays).toEqual([10, 20, 40, 40]);

    // The user can still reconnect by hand once the server is back.
    await server.listen();
    await manager.reconnect(sessionId);
    await waitForStatus(sessionId, 'connected', 2);
  });

  it('stops reconnecting when the session is closed', async () => {
    const server = await world.startServer();
    const profile = world.profiles.add({ port: server.port }, PASSWORD);
    const manager = createManager({ reconnect: { initialDelayMs: 30, maxDelayMs: 30, maxAttempts: 100 } });
    const { sessionId } = await manager.open({ profileId: profile.id });
    await waitForStatus(sessionId, 'connected');

    await server.close();
    await waitForStatus(sessionId, 'reconnecting', 2);
    await manager.close(sessionId);
    const created = clientsCreated;
    expect(lastStatus(sessionId)).toMatchObject({ status: 'disconnected', reason: 'Closed.' });
    const eventCount = world.events.length;

    await server.listen();
    await delay(200);
    expect(clientsCreated).toBe(created);
    expect(world.events.length).toBe(eventCount);
    expect(server.totalConnections).toBe(1);
    expect(manager.list()).toEqual([]);
    await expect(manager.send(sessionId, 'status')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('reports a refused first connection without retrying it', async () => {
    const server = await world.startServer();
    const port = server.port;
    await server.close();
    const profile = world.profiles.add({ port }, PASSWORD);
    const manager = createManager();
    const { sessionId } = await manager.open({ profileId: profile.id });
    const failed = await waitForStatus(sessionId, 'error');
    expect(failed.reason).toMatch(/^Connection refused by 127\.0\.0\.1:\d+/);
    await delay(150);
    expect(clientsCreated).toBe(1);
  });

  it('needs a password: none saved and none given is an error before anything starts', async () => {
    const profile = world.profiles.add({ port: 1 });
    const manager = createManager();
    await expect(manager.open({ profileId: profile.id })).rejects.toBeInstanceOf(PasswordRequiredError);
    await expect(manager.open({ profileId: 'missing' })).rejects.toBeInstanceOf(NotFoundError);
    expect(manager.list()).toEqual([]);
    expect(world.events).toEqual([]);
    expect(clientsCreated).toBe(0);
  });

  it('keeps passwords out of events, results and history', async () => {
    const server = await world.startServer();
    const profile = world.profiles.add({ port: server.port });
    const manager = createManager();
    const { sessionId } = await manager.open({ profileId: profile.id, password: PASSWORD });
    await waitForStatus(sessionId, 'connected');

    const echoed = await manager.send(sessionId, `echo the password is ${PASSWORD}`);
    expect(echoed.text).toBe('the password is ********');
    await manager.send(sessionId, 'sv_password new-server-secret');
    // Issue 10: a chain, a wrapper, a glued quote and an rcon wrapper hid the secret from a first-word check.
    const hidden = ['echo x;rcon_password S1-chain', 'sm_cvar rcon_password S2-cvar', 'rcon_password"S3-glued"'];
    for (const command of [...hidden, 'sm_rcon sv_password S4-rcon']) await manager.send(sessionId, command);
    await world.history.flush();

    const everything = JSON.stringify(world.events) + JSON.stringify(await world.history.get(profile.id));
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain('new-server-secret');
    // The server's own answers may repeat what it was sent; the echoes and the history must not.
    const echoes = JSON.stringify(outputs(sessionId).filter((output) => output.kind === 'command'));
    for (const secret of ['S1-chain', 'S2-cvar', 'S3-glued', 'S4-rcon']) {
      expect(echoes).not.toContain(secret);
      expect(JSON.stringify(await world.history.get(profile.id))).not.toContain(secret);
    }
    expect(outputs(sessionId)).toContainEqual({ kind: 'command', text: 'echo x;rcon_password ********' });
    expect(outputs(sessionId)).toContainEqual({ kind: 'command', text: 'sv_password ********' });
    expect(await world.history.get(profile.id)).toEqual([]);
  });

  it('emits an error output and rethrows when a command fails', async () => {
    const server = await world.startServer();
    const profile = world.profiles.add({ port: server.port }, PASSWORD);
    const manager = createManager({ clientOptions: { commandTimeoutMs: 100 } });
    const { sessionId } = await manager.open({ profileId: profile.id });
    await waitForStatus(sessionId, 'connected');
    await expect(manager.send(sessionId, 'sleep 1000')).rejects.toThrow(/timed out/);
    expect(outputs(sessionId).at(-1)).toEqual({ kind: 'error', text: expect.stringMatching(/timed out after 0\.1 s/) });
  });

  it('closeAll closes every session', async () => {
    const server = await world.startServer();
    const profile = world.profiles.add({ port: server.port }, PASSWORD);
    const manager = createManager();
    const a = await manager.open({ profileId: profile.id });
    const b = await manager.open({ profileId: profile.id });
    await waitForStatus(a.sessionId, 'connected');
    await waitForStatus(b.sessionId, 'connected');
    await manager.closeAll();
    expect(manager.list()).toEqual([]);
    // The window reads this reason as "the app quit", so the tab reconnects at the next start.
    expect(lastStatus(a.sessionId)).toMatchObject({ status: 'disconnected', reason: APP_QUIT_REASON });
    await waitFor(() => server.connections === 0, 'the server to see both connections close');
  });

  it('does not treat closing a session as a lost connection', async () => {
    const server = await world.startServer();
    const profile = world.profiles.add({ port: server.port }, PASSWORD);
    const manager = createManager();
    const { sessionId } = await manager.open({ profileId: profile.id });
    await waitForStatus(sessionId, 'connected');
    await manager.close(sessionId);
    await delay(100);
    expect(statuses(sessionId)).toEqual(['connecting', 'authenticating', 'connected', 'disconnected']);
  });
});
