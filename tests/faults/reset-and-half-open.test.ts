import { beforeEach, describe, expect, it } from 'vitest';
import { RconConnectionError, RconTimeoutError } from '../../src/main/rcon';
import {
  CLOSED,
  Fixture,
  reconnectedOnce,
  useFixture,
  PASSWORD,
  delay,
  expectHistory,
  retrying,
  waitUntil,
} from './harness';

/**
 * Connections that are reset (TCP RST) or dropped by the server, and half-open ones: the socket
 * stays up but nothing comes back. Real SessionManager, engine, TCP and reference server; the
 * network faults come from a TCP proxy in front of the server (FaultProxy).
 */
const DEAD_LINK = 'The server stopped answering: 2 commands in a row timed out and nothing arrived.';
const loginTimeout = (seconds: number): string =>
  `Waiting for the server to answer the login timed out after ${seconds} s.`;
const commandTimeout = (seconds: number): string =>
  `Waiting for the answer to the command timed out after ${seconds} s.`;
/** What the console shows for a command timeout: the engine's words, and that the command may have run. */
const commandTimeoutOutput = (seconds: number): string =>
  `${commandTimeout(seconds)} The command may still have run on the server; its answer is shown, marked as late, if it arrives.`;

describe('faults at the session level: resets and half-open connections', () => {
  const fixture = useFixture();
  let fx: Fixture;
  beforeEach(() => {
    fx = fixture();
  });

  it('a connection reset (RST) with a command in flight: the command fails, the session reconnects', async () => {
    const server = await fx.server();
    const proxy = await fx.proxy(server.port);
    const profile = fx.profiles.add({ port: proxy.port }, PASSWORD);
    const w = fx.manager();
    const { sessionId } = await w.manager.open({ profileId: profile.id });
    await w.waitForStatus(sessionId, 'connected');

    const inFlight = w.manager.send(sessionId, 'sleep 3000').catch((e: unknown) => e);
    await waitUntil(
      () => server.receivedCommands.includes('sleep 3000'),
      () => 'the server to receive the command',
    );
    proxy.resetAll();

    const reset = `The connection to 127.0.0.1:${proxy.port} was reset by the server.`;
    const error = await inFlight;
    expect(error).toBeInstanceOf(RconConnectionError);
    expect((error as RconConnectionError).reason).toBe('reset');
    expect((error as Error).message).toBe(reset);

    expect(await w.waitSettled(sessionId, 2_000)).toMatchObject({ status: 'connected', dialect: 'source' });
    expectHistory(w.history(sessionId), reconnectedOnce(reset));
    expect(server.authAttempts).toBe(2);
    expect(proxy.accepted).toBe(2);
    expect((await w.manager.send(sessionId, 'echo after the reset')).text).toBe('after the reset');
  });

  it('dropAllConnections under pipelined load on three tabs: every command fails or gets its own answer', async () => {
    const server = await fx.server();
    const w = fx.manager();
    const ids: string[] = [];
    for (let tab = 0; tab < 3; tab += 1) {
      const profile = fx.profiles.add({ name: `Tab ${tab}`, port: server.port }, PASSWORD);
      ids.push((await w.manager.open({ profileId: profile.id })).sessionId);
    }
    for (const id of ids) await w.waitForStatus(id, 'connected');

    // Per tab: three fast echoes, a slow command the server is still running when it drops
    // everyone, and two echoes queued behind it (the server answers in order).
    const sends = ids.flatMap((id, tab) =>
      ['echo 0', 'echo 1', 'echo 2', 'sleep 1500', 'echo 3', 'echo 4'].map((base) => {
        const command = base.startsWith('echo') ? `${base}-tab${tab}` : base;
        return w.manager.send(id, command).then(
          (result) => ({ command, text: result.text }),
          (error: unknown) => ({ command, error: error as Error }),
        );
      }),
    );
    await waitUntil(
      () => server.receivedCommands.filter((c) => c === 'sleep 1500').length === 3,
      () => 'every slow command to reach the server',
    );
    server.dropAllConnections();
    const outcomes = await Promise.all(sends);
    for (const outcome of outcomes) {
      if (/^echo [012]-/.test(outcome.command)) {
        expect(outcome).toEqual({ command: outcome.command, text: outcome.command.slice('echo '.length) });
      } else {
        expect(outcome).toEqual({ command: outcome.command, error: expect.any(RconConnectionError) });
        expect('error' in outcome && outcome.error.message).toBe(CLOSED);
      }
    }

    for (const [tab, id] of ids.entries()) {
      expect(await w.waitSettled(id, 2_000)).toMatchObject({ status: 'connected' });
      const lost = retrying(`Connection lost: ${CLOSED}`, 1, 5);
      expectHistory(w.history(id), [
        'connecting',
        'authenticating',
        'connected',
        `reconnecting: ${lost}`,
        `connecting: ${lost}`,
        `authenticating: ${lost}`,
        'connected',
      ]);
      expect((await w.manager.send(id, `echo tab ${tab} is back`)).text).toBe(`tab ${tab} is back`);
    }
    expect(server.authAttempts).toBe(6);
  });

  it('half-open at login (noAnswer): the login times out with a clear reason, no retry', async () => {
    const server = await fx.server({ faults: { noAnswer: true } });
    const profile = fx.profiles.add({ port: server.port }, PASSWORD);
    const w = fx.manager({ clientOptions: { commandTimeoutMs: 500 } });
    const { sessionId } = await w.manager.open({ profileId: profile.id });

    const settled = await w.waitSettled(sessionId, 1_500, 300);
    expect(settled).toMatchObject({ status: 'error', reason: loginTimeout(0.5) });
    expectHistory(w.history(sessionId), ['connecting', 'authenticating', `error: ${loginTimeout(0.5)}`]);
    expect(w.clientsCreated).toBe(1);
    expect(server.totalConnections).toBe(1);
    await waitUntil(
      () => server.connections === 0,
      () => 'the timed-out connection to be closed',
    );
  });

  it('closing a tab whose login hangs ends it at once, with nothing after "Closed."', async () => {
    const server = await fx.server({ faults: { noAnswer: true } });
    const profile = fx.profiles.add({ port: server.port }, PASSWORD);
    const w = fx.manager({ clientOptions: { commandTimeoutMs: 400 } });
    const { sessionId } = await w.manager.open({ profileId: profile.id });
    await w.waitForStatus(sessionId, 'authenticating');

    // Past the login timeout: the closed session must not report it.
    await w.manager.close(sessionId);
    await delay(600);
    expectHistory(w.history(sessionId), ['connecting', 'authenticating', 'disconnected: Closed.']);
    expect(w.manager.list()).toEqual([]);
    expect(server.connections).toBe(0);
  });

  it('half-open while reconnecting: each retry login times out, then it gives up; no attempt hangs', async () => {
    const healthy = await fx.server();
    const mute = await fx.server({ faults: { noAnswer: true } });
    const proxy = await fx.proxy(healthy.port);
    const profile = fx.profiles.add({ port: proxy.port }, PASSWORD);
    const w = fx.manager({
      clientOptions: { commandTimeoutMs: 400 },
      reconnect: { initialDelayMs: 10, maxDelayMs: 40, maxAttempts: 3 },
    });
    const { sessionId } = await w.manager.open({ profileId: profile.id });
    await w.waitForStatus(sessionId, 'connected');

    proxy.targetPort = mute.port;
    healthy.dropAllConnections();
    await w.waitForStatus(sessionId, 'reconnecting');
    const settled = await w.waitSettled(sessionId, 3_000);
    const timedOut = loginTimeout(0.4);
    expect(settled).toMatchObject({ status: 'disconnected', reason: `${timedOut} Gave up after 3 attempts.` });
    const first = retrying(`Connection lost: ${CLOSED}`, 1, 3);
    const second = retrying(timedOut, 2, 3);
    const third = retrying(timedOut, 3, 3);
    expectHistory(w.history(sessionId), [
      'connecting',
      'authenticating',
      'connected',
      `reconnecting: ${first}`,
      `connecting: ${first}`,
      `authenticating: ${first}`,
      `reconnecting: ${second}`,
      `connecting: ${second}`,
      `authenticating: ${second}`,
      `reconnecting: ${third}`,
      `connecting: ${third}`,
      `authenticating: ${third}`,
      `disconnected: ${timedOut} Gave up after 3 attempts.`,
    ]);
    expect(w.statusEvents(sessionId).flatMap((e) => (e.retryInMs === undefined ? [] : [e.retryInMs]))).toEqual([
      10, 20, 40,
    ]);
    expect(proxy.accepted).toBe(4);

    // Once the server answers again, the user's reconnect works.
    proxy.targetPort = healthy.port;
    await w.manager.reconnect(sessionId);
    expect(await w.waitSettled(sessionId, 2_000)).toMatchObject({ status: 'connected' });
  });

  it('half-open after login: two commands time out with nothing received, and the session reconnects', async () => {
    const server = await fx.server();
    const proxy = await fx.proxy(server.port);
    const profile = fx.profiles.add({ port: proxy.port }, PASSWORD);
    const w = fx.manager({ clientOptions: { commandTimeoutMs: 600 } });
    const { sessionId } = await w.manager.open({ profileId: profile.id });
    await w.waitForStatus(sessionId, 'connected');

    proxy.freeze();
    const timedOut = await Promise.allSettled([
      w.manager.send(sessionId, 'echo one'),
      w.manager.send(sessionId, 'echo two'),
    ]);
    for (const result of timedOut) {
      expect(result.status).toBe('rejected');
      const error = (result as PromiseRejectedResult).reason as Error;
      expect(error).toBeInstanceOf(RconTimeoutError);
      expect(error.message).toBe(commandTimeout(0.6));
    }
    // Not a byte came back while they waited: the link is taken for dead.
    const lost = await w.waitForStatus(sessionId, 'reconnecting');
    expect(lost.reason).toBe(retrying(`Connection lost: ${DEAD_LINK}`, 1, 5));

    // The link heals: a retry gets through, and commands work on the new connection.
    proxy.thaw();
    await w.waitForStatus(sessionId, 'connected', 2, 10_000);
    expect((await w.manager.send(sessionId, 'echo three')).text).toBe('three');
    expect(w.clientsCreated).toBeGreaterThanOrEqual(2);
    // Two commands in flight: each timeout names its command.
    expect(w.outputs(sessionId).slice(0, 6)).toEqual([
      { kind: 'command', text: 'echo one' },
      { kind: 'command', text: 'echo two' },
      { kind: 'info', text: 'Answer to “echo one”:' },
      { kind: 'error', text: commandTimeoutOutput(0.6) },
      { kind: 'info', text: 'Answer to “echo two”:' },
      { kind: 'error', text: commandTimeoutOutput(0.6) },
    ]);
  });

  it('one slow command on a live link is not a dead link: the session stays connected', async () => {
    const server = await fx.server();
    const profile = fx.profiles.add({ port: server.port }, PASSWORD);
    const w = fx.manager({ clientOptions: { commandTimeoutMs: 300 } });
    const { sessionId } = await w.manager.open({ profileId: profile.id });
    await w.waitForStatus(sessionId, 'connected');

    await expect(w.manager.send(sessionId, 'sleep 600')).rejects.toThrow(commandTimeout(0.3));
    // The late answer arrives and is dropped; the next command gets its own.
    await delay(400);
    expect((await w.manager.send(sessionId, 'echo still here')).text).toBe('still here');
    expect(w.statuses(sessionId)).toEqual(['connecting', 'authenticating', 'connected']);
    expect(w.clientsCreated).toBe(1);
  });
});
