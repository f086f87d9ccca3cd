import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PacketType } from '../main/rcon/packet';
import { normalizeAddress, ReferenceServer } from './server';
import { PASSWORD, TestBed, waitUntil } from './test-bed';

const { AUTH, EXECCOMMAND } = PacketType;
const bed = new TestBed();
afterEach(() => bed.cleanup());

describe('ReferenceServer lifecycle', () => {
  it('listens on an ephemeral port of 127.0.0.1 by default', async () => {
    const server = new ReferenceServer();
    const address = await server.listen();
    try {
      expect(address.host).toBe('127.0.0.1');
      expect(address.port).toBeGreaterThan(0);
      expect(server.port).toBe(address.port);
      expect(server.listening).toBe(true);
    } finally {
      await server.close();
    }
    expect(server.listening).toBe(false);
  });

  it('close() does not hang with logged-in, sleeping and half-open clients, and closes them all', async () => {
    const server = await bed.server();
    const idle = await bed.login(server);
    const sleeping = await bed.login(server);
    sleeping.send(2, EXECCOMMAND, 'sleep 600000');
    const silentServer = await bed.server({ faults: { noAnswer: true } });
    const halfOpen = await bed.client(silentServer);
    halfOpen.send(1, AUTH, PASSWORD);

    const started = Date.now();
    await Promise.all([server.close(), silentServer.close()]);
    expect(Date.now() - started).toBeLessThan(1000);
    await Promise.all([idle.waitClosed(), sleeping.waitClosed(), halfOpen.waitClosed()]);
    expect(server.connections).toBe(0);
  });

  it('close() is safe before listen() and when called twice', async () => {
    const never = new ReferenceServer();
    await never.close();
    const server = await bed.server();
    await Promise.all([server.close(), server.close()]);
    await server.close();
  });

  it('dropAllConnections() closes every socket but keeps listening', async () => {
    const server = await bed.server();
    const first = await bed.login(server);
    const second = await bed.client(server);
    await waitUntil(() => server.connections === 2);
    server.dropAllConnections();
    await Promise.all([first.waitClosed(), second.waitClosed()]);
    await waitUntil(() => server.connections === 0);
    const after = await bed.login(server);
    after.send(5, EXECCOMMAND, 'echo back');
    expect((await after.read(1))[0]?.body.toString()).toBe('back');
  });

  it('restart() drops connections, refuses connections during the downtime, and comes back on the same port without bans', async () => {
    const server = await bed.server({ banAfterFailures: 1 });
    const port = server.port;
    const victim = await bed.client(server);
    victim.send(1, AUTH, 'wrong');
    await victim.read(2);
    expect(server.bannedAddresses).toHaveLength(1);

    const restarted = server.restart(300);
    await victim.waitClosed();
    await expect(tryConnect(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(await restarted).toEqual({ host: '127.0.0.1', port });
    expect(server.bannedAddresses).toEqual([]);
    const back = await bed.client(server);
    back.send(2, AUTH, PASSWORD);
    expect((await back.read(2))[1]?.id).toBe(2);
  });

  it('setPassword() drops logged-in connections, like changing rcon_password', async () => {
    const server = await bed.server();
    const old = await bed.login(server);
    const anonymous = await bed.client(server);
    server.setPassword('new-one');
    await old.waitClosed();
    anonymous.send(3, AUTH, 'new-one');
    expect((await anonymous.read(2))[1]?.id).toBe(3);
  });

  it('counts logins, connections and commands', async () => {
    const server = await bed.server();
    const client = await bed.login(server);
    const other = await bed.client(server);
    other.send(1, AUTH, 'nope');
    await other.read(2);
    client.send(2, EXECCOMMAND, 'echo one');
    client.send(3, EXECCOMMAND, 'status');
    await client.read(2);
    expect(server.authAttempts).toBe(2);
    expect(server.authFailures).toBe(1);
    expect(server.connections).toBe(2);
    expect(server.totalConnections).toBe(2);
    expect(server.commandsExecuted).toBe(2);
    expect(server.receivedCommands).toEqual(['echo one', 'status']);
  });

  it('reports every event to onEvent, never with the password', async () => {
    const events: string[] = [];
    const server = await bed.server({ onEvent: (event) => events.push(JSON.stringify(event)) });
    const client = await bed.login(server);
    client.send(2, EXECCOMMAND, 'echo hi');
    await client.read(1);
    client.close();
    await waitUntil(() => events.some((event) => event.includes('disconnect')));
    expect(events.map((event) => (JSON.parse(event) as { kind: string }).kind)).toEqual([
      'connection',
      'auth',
      'command',
      'disconnect',
    ]);
    expect(events.join('\n')).not.toContain(PASSWORD);
  });

  it('rejects listen() on a port in use, and bad options at construction', async () => {
    const server = await bed.server();
    await expect(new ReferenceServer({ port: server.port }).listen()).rejects.toMatchObject({ code: 'EADDRINUSE' });
    expect(() => new ReferenceServer({ maxBodyBytes: 0 })).toThrow(RangeError);
    expect(() => new ReferenceServer({ personality: 'quake' as never })).toThrow(/Unknown personality/);
  });

  it('normalizes IPv4-mapped addresses', () => {
    expect(normalizeAddress('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(normalizeAddress('::1')).toBe('::1');
    expect(normalizeAddress(undefined)).toBe('unknown');
  });
});

function tryConnect(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
  });
}
