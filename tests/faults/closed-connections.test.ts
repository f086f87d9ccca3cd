import { beforeEach, describe, expect, it } from 'vitest';
import { RconConnectionError, RconProtocolError } from '../../src/main/rcon';
import { SessionStateError } from '../../src/main/services/errors';
import { deterministicBytes } from '../../src/reference-server/commands';
import { CLOSED, Fixture, reconnectedOnce, useFixture, PASSWORD, expectHistory, retrying, waitUntil } from './harness';

/**
 * A server that closes the socket at a chosen byte (dropAfterBytes), in the middle of an answer,
 * of a packet, or of the login. Everything is real: SessionManager, engine, TCP, reference server.
 *
 * Byte counts on the wire (srcds personality, dialect auto): the login answer is two 14-byte
 * packets (an empty RESPONSE_VALUE, then the AUTH_RESPONSE), the dialect probe's answer a 14-byte
 * mirror and an 18-byte trailer; a 4096-byte answer fragment is a 4110-byte packet.
 */
const LOGIN_BYTES = 28;
const HANDSHAKE_BYTES = LOGIN_BYTES + 32;
const FULL_PACKET = 4096 + 14;

const midPacket = (bytes: number): string =>
  `The server closed the connection in the middle of a packet (${bytes} bytes of it had arrived).`;
const BANNED =
  'Banned by the server: it closed the connection instead of answering the login ' +
  '(Source servers ban an address after repeated failed logins).';

describe('faults at the session level: the server closes the connection', () => {
  const fixture = useFixture();
  let fx: Fixture;
  beforeEach(() => {
    fx = fixture();
  });

  it('mid-packet during a long answer: every command in flight fails, the session reconnects', async () => {
    const server = await fx.server({ faults: { dropAfterBytes: HANDSHAKE_BYTES + 2 * FULL_PACKET + 1000 } });
    const profile = fx.profiles.add({ port: server.port }, PASSWORD);
    const w = fx.manager();
    const { sessionId } = await w.manager.open({ profileId: profile.id });
    expect(await w.waitSettled(sessionId, 2_000)).toMatchObject({ status: 'connected', dialect: 'source' });

    // The long answer is cut 1000 bytes into its third packet; two short commands wait behind it.
    const results = await Promise.allSettled([
      w.manager.send(sessionId, 'bytes 20000'),
      w.manager.send(sessionId, 'echo queued one'),
      w.manager.send(sessionId, 'echo queued two'),
    ]);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const error = (result as PromiseRejectedResult).reason as RconConnectionError;
      expect(error).toBeInstanceOf(RconConnectionError);
      expect(error.message).toBe(midPacket(1000));
    }

    await w.waitForStatus(sessionId, 'connected', 2);
    const lost = retrying(`Connection lost: ${midPacket(1000)}`, 1, 5);
    expectHistory(w.history(sessionId), [
      'connecting',
      'authenticating',
      'connected',
      `reconnecting: ${lost}`,
      `connecting: ${lost}`,
      `authenticating: ${lost}`,
      'connected',
    ]);
    expect(w.statusEvents(sessionId)[3]).toMatchObject({ retryInMs: 20 });
    expect(server.authAttempts).toBe(2);

    // The new connection works, and nothing of the cut answer leaks into it.
    expect((await w.manager.send(sessionId, 'echo after the drop')).text).toBe('after the drop');
    expect((await w.manager.send(sessionId, 'bytes 5000')).text).toBe(deterministicBytes(5000));
    // Three commands in flight: each failure names its command (issue 11, pending commands).
    expect(w.outputs(sessionId).filter((o) => o.kind !== 'command')).toEqual([
      { kind: 'info', text: 'Answer to “bytes 20000”:' },
      { kind: 'error', text: midPacket(1000) },
      { kind: 'info', text: 'Answer to “echo queued one”:' },
      { kind: 'error', text: midPacket(1000) },
      { kind: 'info', text: 'Answer to “echo queued two”:' },
      { kind: 'error', text: midPacket(1000) },
      { kind: 'response', text: 'after the drop' },
      { kind: 'response', text: deterministicBytes(5000) },
    ]);
  });

  it('mid-response, between two packets: the partial answer is never delivered', async () => {
    const server = await fx.server({ faults: { dropAfterBytes: HANDSHAKE_BYTES + 2 * FULL_PACKET } });
    const profile = fx.profiles.add({ port: server.port }, PASSWORD);
    const w = fx.manager();
    const { sessionId } = await w.manager.open({ profileId: profile.id });
    await w.waitForStatus(sessionId, 'connected');

    const error = await w.manager.send(sessionId, 'bytes 20000').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RconConnectionError);
    expect((error as Error).message).toBe(CLOSED);

    await w.waitForStatus(sessionId, 'connected', 2);
    expectHistory(w.history(sessionId), reconnectedOnce(CLOSED));
    expect((await w.manager.send(sessionId, 'echo next')).text).toBe('next');
    expect(w.outputs(sessionId)).toEqual([
      { kind: 'command', text: 'bytes 20000' },
      { kind: 'error', text: CLOSED },
      { kind: 'command', text: 'echo next' },
      { kind: 'response', text: 'next' },
    ]);
  });

  it('mid-authentication (closeOnAuth): "banned", one login, never retried', async () => {
    const server = await fx.server({ faults: { closeOnAuth: true } });
    const profile = fx.profiles.add({ port: server.port }, PASSWORD);
    const w = fx.manager();
    const { sessionId } = await w.manager.open({ profileId: profile.id });

    expect(await w.waitSettled(sessionId, 2_000, 300)).toMatchObject({ status: 'error', reason: BANNED });
    expectHistory(w.history(sessionId), ['connecting', 'authenticating', `error: ${BANNED}`]);
    expect(server.authAttempts).toBe(1);
    expect(server.refusedLogins).toBe(1);
    expect(server.totalConnections).toBe(1);
    expect(w.clientsCreated).toBe(1);
    await expect(w.manager.send(sessionId, 'status')).rejects.toThrow(
      new SessionStateError('Not connected (the connection failed): the command was not sent.'),
    );
  });

  it('a server that refuses the retry logins is retried within the limit, never with a wrong password', async () => {
    const healthy = await fx.server();
    const banning = await fx.server({ faults: { closeOnAuth: true } });
    const proxy = await fx.proxy(healthy.port);
    const profile = fx.profiles.add({ port: proxy.port }, PASSWORD);
    const w = fx.manager();
    const { sessionId } = await w.manager.open({ profileId: profile.id });
    await w.waitForStatus(sessionId, 'connected');

    // The server comes back closing every login unanswered. A retry logs in with the password the
    // server accepted moments ago, so this is taken for a server going down again, within the limit.
    proxy.targetPort = banning.port;
    healthy.dropAllConnections();
    expect(await w.waitSettled(sessionId, 5_000, 300)).toMatchObject({
      status: 'disconnected',
      reason: `${BANNED} Gave up after 5 attempts.`,
    });
    const lost = retrying(`Connection lost: ${CLOSED}`, 1, 5);
    expectHistory(w.history(sessionId).slice(0, 6), [
      'connecting',
      'authenticating',
      'connected',
      `reconnecting: ${lost}`,
      `connecting: ${lost}`,
      `authenticating: ${lost}`,
    ]);
    expect(w.history(sessionId)[6]).toBe(`reconnecting: ${retrying(BANNED, 2, 5)}`);
    expect(banning.refusedLogins).toBe(5);
    expect(banning.authFailures).toBe(0);
    expect(proxy.accepted).toBe(6);
  });

  it('mid-handshake, in the dialect probe after the login: a clear error, no retry of a first connect', async () => {
    const server = await fx.server({ faults: { dropAfterBytes: LOGIN_BYTES + 12 } });
    const profile = fx.profiles.add({ port: server.port }, PASSWORD);
    const w = fx.manager();
    const { sessionId } = await w.manager.open({ profileId: profile.id });

    const settled = await w.waitSettled(sessionId, 2_000, 300);
    expect(settled).toMatchObject({ status: 'error', reason: midPacket(12) });
    expectHistory(w.history(sessionId), ['connecting', 'authenticating', `error: ${midPacket(12)}`]);
    expect(server.authAttempts).toBe(1);
    expect(w.clientsCreated).toBe(1);
  });

  // BUG (engine, client.ts closedByServer): any close while the login is pending is called a ban,
  // even when the server was visibly answering (here 6 bytes of its AUTH_RESPONSE had arrived).
  // Flip to it() once fixed.
  it('mid-authentication, in the middle of the login answer: not called a ban', async () => {
    const server = await fx.server({ faults: { dropAfterBytes: LOGIN_BYTES - 8 } });
    const profile = fx.profiles.add({ port: server.port }, PASSWORD);
    const w = fx.manager();
    const { sessionId } = await w.manager.open({ profileId: profile.id });
    const settled = await w.waitSettled(sessionId, 2_000, 100);
    expect(settled).toMatchObject({ status: 'error', reason: midPacket(6) });
  });

  // BUG, the same one while reconnecting: a server that dies in the middle of answering a retry's
  // login turns a transient loss into a permanent "banned" error. Flip to it() once fixed.
  it('a connection cut in the middle of a retry login answer keeps reconnecting', async () => {
    const healthy = await fx.server();
    const dying = await fx.server({ faults: { dropAfterBytes: LOGIN_BYTES - 8 } });
    const proxy = await fx.proxy(healthy.port);
    const profile = fx.profiles.add({ port: proxy.port }, PASSWORD);
    const w = fx.manager();
    const { sessionId } = await w.manager.open({ profileId: profile.id });
    await w.waitForStatus(sessionId, 'connected');

    proxy.targetPort = dying.port;
    healthy.dropAllConnections();
    const second = await w.waitForStatus(sessionId, 'reconnecting', 2, 1_000);
    expect(second.reason).toBe(retrying(midPacket(6), 2, 5));
    proxy.targetPort = healthy.port;
    await w.waitForStatus(sessionId, 'connected', 2);
  });

  // DESIGN QUESTION (session-manager.ts onConnectFailed): a server that crashes again while a
  // retry is logging in (no byte of answer) is taken for a ban, and the tab stops reconnecting for
  // good. A retry logs in with the password the server accepted moments ago, so a crash is the
  // likelier cause; a real ban would only be refused again. Flip to it() if the lead agrees.
  it('a server that crashes again during a retry login keeps the session reconnecting', async () => {
    const server = await fx.server({ faults: { responseDelayMs: 200 } });
    const profile = fx.profiles.add({ port: server.port }, PASSWORD);
    const w = fx.manager();
    const { sessionId } = await w.manager.open({ profileId: profile.id });
    await w.waitForStatus(sessionId, 'connected');

    server.dropAllConnections();
    await w.waitForStatus(sessionId, 'authenticating', 2);
    await waitUntil(
      () => server.connections === 1,
      () => 'the retry to reach the server',
    );
    server.dropAllConnections();
    expect(await w.waitSettled(sessionId, 2_000, 300)).toMatchObject({ status: 'connected' });
  });

  it('garbage instead of an answer: a protocol error ends the session, no reconnect', async () => {
    const server = await fx.server({ faults: { garbageAfterAuth: true } });
    const profile = fx.profiles.add({ port: server.port }, PASSWORD);
    const w = fx.manager();
    const { sessionId } = await w.manager.open({ profileId: profile.id });
    await w.waitForStatus(sessionId, 'connected');

    const error = await w.manager.send(sessionId, 'status').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RconProtocolError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Not an RCON server, or the stream is corrupt: /);
    expect(await w.waitSettled(sessionId, 1_000, 300)).toMatchObject({
      status: 'error',
      reason: `Connection lost: ${message}`,
    });
    expect(w.statuses(sessionId)).toEqual(['connecting', 'authenticating', 'connected', 'error']);
    expect(server.authAttempts).toBe(1);
  });

  it('an HTTP server on the port: "not an RCON server", no retry', async () => {
    const server = await fx.server({ faults: { httpResponse: true } });
    const profile = fx.profiles.add({ port: server.port }, PASSWORD);
    const w = fx.manager();
    const { sessionId } = await w.manager.open({ profileId: profile.id });
    const reason =
      `Not an RCON server: 127.0.0.1:${server.port} answered in HTTP, as a web server does. ` + 'Check the RCON port.';
    expect(await w.waitSettled(sessionId, 2_000, 300)).toMatchObject({ status: 'error', reason });
    expectHistory(w.history(sessionId), ['connecting', 'authenticating', `error: ${reason}`]);
    expect(server.totalConnections).toBe(1);
  });
});
