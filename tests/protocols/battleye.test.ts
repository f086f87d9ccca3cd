import { describe, expect, it } from 'vitest';
import { BattlEyeClient, type BattlEyeTimings } from '../../src/main/battleye/client';
import { decodePacket, encodePacket, PacketType } from '../../src/main/battleye/packet';
import { RconAuthError, RconConnectionError, RconTimeoutError } from '../../src/main/rcon/errors';
import type { RemoteMessage } from '../../src/main/protocol/remote-console';
import {
  BattlEyeReferenceServer,
  type BattlEyeServerOptions,
} from '../../src/reference-server/protocols/battleye-server';
import { deterministicBytes } from '../../src/reference-server/commands';
import { useCleanups } from '../cleanups';

const PASSWORD = 'dayz-admin';
const defer = useCleanups();

async function startServer(options: BattlEyeServerOptions = {}): Promise<BattlEyeReferenceServer> {
  const server = new BattlEyeReferenceServer({ password: PASSWORD, messageRetryMs: 50, ...options });
  await server.listen();
  defer(() => server.close());
  return server;
}

function clientFor(
  port: number,
  extra: Partial<BattlEyeTimings & { password: string; connectTimeoutMs: number; commandTimeoutMs: number }> = {},
) {
  const client = new BattlEyeClient({
    host: '127.0.0.1',
    port,
    password: PASSWORD,
    retryIntervalMs: 40,
    commandTimeoutMs: 5_000,
    ...extra,
  });
  defer(() => client.close());
  return client;
}

function until(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (condition()) resolve();
      else setImmediate(check);
    };
    check();
  });
}

describe('BattlEye packets', () => {
  it('frames "BE", the CRC32 of what follows 0xFF included, 0xFF, the type and the payload', () => {
    const packet = encodePacket(PacketType.COMMAND, Buffer.from([0x00]));
    // An empty command with sequence 0: the CRC32 of FF 01 00 is 0x58C2DCBE, written little-endian.
    expect(packet.toString('hex')).toBe('4245bedcc258ff0100');
    expect(decodePacket(packet)).toEqual({ type: PacketType.COMMAND, payload: Buffer.from([0x00]) });
    const corrupted = Buffer.from(packet);
    corrupted[8] = 0x01;
    expect(decodePacket(corrupted)).toBe('crc');
  });
});

describe('BattlEye engine against the reference server', () => {
  it('logs in, runs commands in sequence, and joins a split answer sent last part first', async () => {
    const server = await startServer({ partBytes: 500, reverseParts: true });
    const client = clientFor(server.port);
    await client.connect();
    const answers = await Promise.all([
      client.execute('echo one'),
      client.execute('bytes 10000'),
      client.execute('players'),
    ]);
    expect(answers[0]).toBe('one');
    expect(answers[1]).toBe(deterministicBytes(10_000));
    expect(answers[2]).toMatch(/^Players on server:[\s\S]*\(2 players in total\)$/);
  });

  it('acknowledges server messages, and shows a repeated one once', async () => {
    // Every other acknowledgement is lost, so the server sends those messages again.
    const server = await startServer({ faults: { dropEvery: 2, badCrcEvery: 3 } });
    const client = clientFor(server.port);
    const messages: RemoteMessage[] = [];
    client.on('message', (message) => messages.push(message));
    await client.connect();
    server.broadcast('Player #0 Alex connected');
    server.chat('Alex', 'hi');
    await until(() => server.stats.acknowledged === 2);
    // A corrupted first copy can make the second message arrive first: UDP keeps no order.
    expect(messages.map((message) => message.text).sort()).toEqual(['(Global) Alex: hi', 'Player #0 Alex connected']);
    expect(server.stats.dropped).toBeGreaterThan(0);
  });

  it('tells a wrong password from a server that cannot be reached', async () => {
    const server = await startServer();
    const wrong = clientFor(server.port, { password: 'nope' });
    await expect(wrong.connect()).rejects.toBeInstanceOf(RconAuthError);

    const silent = await startServer({ faults: { closeOnLogin: true } });
    const unreachable = clientFor(silent.port, { connectTimeoutMs: 300 });
    const error = await unreachable.connect().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(RconConnectionError);
    expect((error as Error).message).toMatch(/cannot be reached.*not a password problem/);
  });

  it('survives lost packets and bad checksums: retries with the same sequence number, runs each command once', async () => {
    const server = await startServer({ partBytes: 300, faults: { dropEvery: 3, badCrcEvery: 4 } });
    const client = clientFor(server.port);
    await client.connect();
    for (let i = 0; i < 20; i += 1) expect(await client.execute(`echo ${i}`)).toBe(String(i));
    expect(await client.execute('bytes 3000')).toBe(deterministicBytes(3000));
    expect(server.stats.dropped).toBeGreaterThan(0);
    expect(server.stats.corrupted).toBeGreaterThan(0);
    expect(client.droppedPackets).toBe(server.stats.corrupted);
    expect(server.stats.received.filter((command) => command !== '')).toEqual([
      ...Array.from({ length: 20 }, (_, i) => `echo ${i}`),
      'bytes 3000',
    ]);
  });

  it('sends an empty command when idle, so the login stays alive', async () => {
    const server = await startServer();
    const client = clientFor(server.port, { keepaliveMs: 30 });
    await client.connect();
    await until(() => server.stats.received.filter((command) => command === '').length >= 2);
    expect(client.status).toBe('ready');
  });

  it('reports a server gone silent as lost, failing the command in flight', async () => {
    const server = await startServer({ faults: { silentAfterPackets: 2 } });
    const client = clientFor(server.port, { commandTimeoutMs: 300 });
    await client.connect();
    expect(await client.execute('echo still here')).toBe('still here');
    const closed = new Promise<unknown>((resolve) => client.once('close', resolve));
    await expect(client.execute('echo gone')).rejects.toBeInstanceOf(RconTimeoutError);
    expect(await closed).toBeInstanceOf(RconTimeoutError);
    expect(client.status).toBe('closed');
  });

  it('hears a closed server socket as a refused connection', async () => {
    const server = await startServer();
    const client = clientFor(server.port);
    await client.connect();
    await server.close();
    const closed = new Promise<unknown>((resolve) => client.once('close', resolve));
    await expect(client.execute('echo anyone')).rejects.toBeInstanceOf(RconConnectionError);
    expect(await closed).toBeInstanceOf(RconConnectionError);
  });
});
