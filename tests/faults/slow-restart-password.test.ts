import { beforeEach, describe, expect, it } from 'vitest';
import { SessionStateError } from '../../src/main/services/errors';
import { CLOSED, Fixture, useFixture, PASSWORD, expectHistory, retrying } from './harness';

/**
 * A server that answers one byte at a time, one that restarts under open tabs, and logins that
 * fail. Real SessionManager, engine, TCP and reference server.
 */
const WRONG = 'Wrong password: the server rejected the RCON password.';

describe('faults at the session level: slow servers, restarts and passwords', () => {
  const fixture = useFixture();
  let fx: Fixture;
  beforeEach(() => {
    fx = fixture();
  });

  it('a server that answers one byte per 50 ms: login and a command still complete correctly', async () => {
    const server = await fx.server({ faults: { bytesPerWrite: 1, writeIntervalMs: 50 } });
    // A Source profile, so no dialect probe: the login is 28 bytes (1.35 s), the answer 30 (1.45 s).
    const profile = fx.profiles.add({ port: server.port, dialect: 'source' }, PASSWORD);
    const w = fx.manager({ clientOptions: { commandTimeoutMs: 4_000 } });
    const { sessionId } = await w.manager.open({ profileId: profile.id });
    expect(await w.waitSettled(sessionId, 3_000)).toMatchObject({ status: 'connected', dialect: 'source' });

    const started = performance.now();
    const result = await w.manager.send(sessionId, 'echo ok');
    const elapsed = performance.now() - started;
    expect(result.text).toBe('ok');
    expect(elapsed).toBeGreaterThan(1_000);
    expect(w.statuses(sessionId)).toEqual(['connecting', 'authenticating', 'connected']);
    expect(w.outputs(sessionId)).toEqual([
      { kind: 'command', text: 'echo ok' },
      { kind: 'response', text: 'ok' },
    ]);
  });

  it('a server restart under three open tabs: reconnecting (lost, then refused), connected again, commands work', async () => {
    const server = await fx.server();
    const w = fx.manager({ reconnect: { initialDelayMs: 20, maxDelayMs: 80, maxAttempts: 50 } });
    const ids: string[] = [];
    for (let tab = 0; tab < 3; tab += 1) {
      const profile = fx.profiles.add({ name: `Tab ${tab}`, port: server.port }, PASSWORD);
      ids.push((await w.manager.open({ profileId: profile.id })).sessionId);
    }
    for (const id of ids) await w.waitForStatus(id, 'connected');

    const restarted = server.restart(400);
    for (const id of ids) {
      expect((await w.waitForStatus(id, 'reconnecting')).reason).toBe(retrying(`Connection lost: ${CLOSED}`, 1, 50));
    }
    // While the port is closed, the retries are refused, and the reason says so.
    const refused = new RegExp(
      `^Connection refused by 127\\.0\\.0\\.1:${server.port}: nothing is listening on that port ` +
        String.raw`\(is the server running, and is the RCON port right\?\)\. Reconnecting \(attempt \d+ of 50\)…$`,
    );
    for (const id of ids) expect((await w.waitForStatus(id, 'reconnecting', 2)).reason).toMatch(refused);
    await restarted;

    for (const [tab, id] of ids.entries()) {
      expect(await w.waitSettled(id, 3_000)).toMatchObject({ status: 'connected', dialect: 'source' });
      // connecting, authenticating, connected; then lost; then (retry, refused)…; then the retry that logs in.
      expect(w.statuses(id).join(' ')).toMatch(
        /^connecting authenticating connected reconnecting (connecting reconnecting )+connecting authenticating connected$/,
      );
      const reasons = w
        .statusEvents(id)
        .flatMap((e) => (e.session.status === 'reconnecting' ? [e.session.reason] : []));
      expect(reasons.slice(1).every((reason) => refused.test(reason ?? ''))).toBe(true);
      expect((await w.manager.send(id, `echo tab ${tab} after the restart`)).text).toBe(`tab ${tab} after the restart`);
    }
    // One login per tab before the restart and one after: refused connects never reach a login.
    expect(server.authAttempts).toBe(6);
  });

  it('a wrong password: "error" after exactly one login, then reconnect(id, rightPassword) works', async () => {
    const server = await fx.server();
    const profile = fx.profiles.add({ port: server.port }, 'not-the-password');
    const w = fx.manager();
    const { sessionId } = await w.manager.open({ profileId: profile.id });

    // Several backoff periods later, still one login.
    expect(await w.waitSettled(sessionId, 2_000, 300)).toMatchObject({ status: 'error', reason: WRONG });
    expectHistory(w.history(sessionId), ['connecting', 'authenticating', `error: ${WRONG}`]);
    expect(server.authAttempts).toBe(1);
    expect(server.authFailures).toBe(1);
    expect(w.clientsCreated).toBe(1);
    await expect(w.manager.send(sessionId, 'status')).rejects.toBeInstanceOf(SessionStateError);

    expect((await w.manager.reconnect(sessionId, PASSWORD)).status).toBe('connecting');
    expect(await w.waitSettled(sessionId, 2_000)).toMatchObject({ status: 'connected' });
    expectHistory(w.history(sessionId), [
      'connecting',
      'authenticating',
      `error: ${WRONG}`,
      'connecting',
      'authenticating',
      'connected',
    ]);
    expect(server.authAttempts).toBe(2);
    expect((await w.manager.send(sessionId, 'echo in')).text).toBe('in');
    expect(JSON.stringify(w.events)).not.toMatch(/not-the-password|fault-password/);
  });

  it('a password changed on the server drops the session; the retry fails once and is not repeated', async () => {
    const server = await fx.server();
    const profile = fx.profiles.add({ port: server.port }, PASSWORD);
    const w = fx.manager();
    const { sessionId } = await w.manager.open({ profileId: profile.id });
    await w.waitForStatus(sessionId, 'connected');

    server.setPassword('the-new-password');
    await w.waitForStatus(sessionId, 'reconnecting');
    expect(await w.waitSettled(sessionId, 2_000, 300)).toMatchObject({ status: 'error', reason: WRONG });
    const lost = retrying(`Connection lost: ${CLOSED}`, 1, 5);
    expectHistory(w.history(sessionId), [
      'connecting',
      'authenticating',
      'connected',
      `reconnecting: ${lost}`,
      `connecting: ${lost}`,
      `authenticating: ${lost}`,
      `error: ${WRONG}`,
    ]);
    expect(server.authAttempts).toBe(2);
    expect(server.authFailures).toBe(1);

    await w.manager.reconnect(sessionId, 'the-new-password');
    expect(await w.waitSettled(sessionId, 2_000)).toMatchObject({ status: 'connected' });
    expect(server.authAttempts).toBe(3);
    expect((await w.manager.send(sessionId, 'echo welcome back')).text).toBe('welcome back');
  });
});
