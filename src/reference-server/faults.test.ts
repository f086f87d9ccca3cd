import { afterEach, describe, expect, it } from 'vitest';
import { PacketType } from '../main/rcon/packet';
import { GARBAGE, HTTP_400 } from './connection';
import { encodePacket, show } from './raw-rcon-client';
import { PASSWORD, TestBed, waitUntil } from './test-bed';

const { AUTH, EXECCOMMAND, RESPONSE_VALUE } = PacketType;
/** A Source login answer: two empty packets of 14 bytes. */
const SOURCE_LOGIN_BYTES = 28;
const bed = new TestBed();
afterEach(() => bed.cleanup());

describe('faults', () => {
  it('responseDelayMs delays every answer and keeps them in order', async () => {
    const server = await bed.server({ faults: { responseDelayMs: 150 } });
    const client = await bed.client(server);
    const started = Date.now();
    client.send(1, AUTH, PASSWORD);
    client.send(2, EXECCOMMAND, 'echo a');
    client.send(3, EXECCOMMAND, 'echo b');
    const packets = await client.read(4);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140 * 3);
    expect(packets.map((packet) => [packet.id, packet.body.toString()])).toEqual([
      [1, ''],
      [1, ''],
      [2, 'a'],
      [3, 'b'],
    ]);
  });

  it('dropAfterBytes cuts the connection mid-packet after exactly that many bytes', async () => {
    const limit = SOURCE_LOGIN_BYTES + 4110 + 50;
    const client = await bed.login(await bed.server({ faults: { dropAfterBytes: limit } }));
    client.send(2, EXECCOMMAND, 'bytes 10000');
    await client.waitClosed();
    expect(client.raw.length).toBe(limit);
    const during = await bed.client(await bed.server({ faults: { dropAfterBytes: 20 } }));
    during.send(1, AUTH, PASSWORD);
    await during.waitClosed();
    expect(during.raw.length).toBe(20);
  });

  it('garbageAfterAuth answers the first command with bytes that are not RCON, then behaves', async () => {
    const server = await bed.server({ faults: { garbageAfterAuth: true } });
    const client = await bed.login(server);
    client.send(2, EXECCOMMAND, 'echo first');
    await expect(client.read(1)).rejects.toThrow(/-559038737/);
    client.send(3, EXECCOMMAND, 'echo second');
    const after = SOURCE_LOGIN_BYTES + GARBAGE.length;
    const expected = encodePacket(3, RESPONSE_VALUE, 'second');
    await waitUntil(() => client.raw.length >= after + expected.length);
    expect(client.raw.subarray(SOURCE_LOGIN_BYTES, after)).toEqual(GARBAGE);
    expect(client.raw.subarray(after)).toEqual(expected);
    expect(server.receivedCommands).toEqual(['echo first', 'echo second']);
    expect(server.commandsExecuted).toBe(1);
  });

  it('bytesPerWrite 1 with writeIntervalMs writes one byte at a time', async () => {
    const client = await bed.client(await bed.server({ faults: { bytesPerWrite: 1, writeIntervalMs: 2 } }));
    client.send(1, AUTH, PASSWORD);
    client.send(2, EXECCOMMAND, 'echo paced');
    const packets = await client.read(3);
    expect(packets.map((packet) => show(packet).body)).toEqual(['', '', 'paced']);
    expect(client.chunkSizes.length).toBeGreaterThan(14);
    expect(client.chunkSizes.every((size) => size < 14)).toBe(true);
  });

  it('bytesPerWrite without an interval still delivers long answers intact', async () => {
    const client = await bed.login(await bed.server({ faults: { bytesPerWrite: 1000 } }));
    client.send(2, EXECCOMMAND, 'bytes 10000');
    expect((await client.read(3)).map((packet) => packet.body.length)).toEqual([4096, 4096, 1808]);
  });

  it('packetIntervalMs keeps every packet in its own socket read', async () => {
    const client = await bed.client(await bed.server({ faults: { packetIntervalMs: 30 } }));
    client.send(1, AUTH, PASSWORD);
    await client.read(2);
    expect(client.chunkSizes).toEqual([14, 14]);
  });

  it('closeOnAuth closes the connection without an answer', async () => {
    const server = await bed.server({ faults: { closeOnAuth: true } });
    const client = await bed.client(server);
    client.send(1, AUTH, PASSWORD);
    await client.waitClosed();
    expect(client.raw.length).toBe(0);
    expect(server.refusedLogins).toBe(1);
  });

  it('noAnswer reads everything, answers nothing and never closes', async () => {
    const server = await bed.server({ faults: { noAnswer: true } });
    const client = await bed.client(server);
    client.send(1, AUTH, PASSWORD);
    client.send(2, EXECCOMMAND, 'echo hello?');
    expect(await client.collect(300)).toEqual([]);
    expect(client.isOpen).toBe(true);
    expect(server.connections).toBe(1);
  });

  it('httpResponse answers like a web server and closes', async () => {
    const client = await bed.client(await bed.server({ faults: { httpResponse: true } }));
    client.send(1, AUTH, PASSWORD);
    await client.waitClosed();
    expect(client.raw.toString('latin1')).toBe(HTTP_400);
    expect(client.raw.toString('latin1')).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(client.decodeError?.message).toContain('1347703880');
  });
});

describe('clients that are not RCON', () => {
  it('closes a connection whose size field is impossible', async () => {
    const server = await bed.server();
    const client = await bed.client(server);
    client.sendRaw(Buffer.from([5, 0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0, 0, 0]));
    await client.waitClosed();
    expect(server.protocolErrors).toBe(1);
  });

  it('closes a connection that sends a packet over 4096 bytes, but accepts one of exactly 4096', async () => {
    const server = await bed.server();
    const client = await bed.login(server);
    const longest = `echo ${'x'.repeat(4096 - 14 - 5)}`;
    client.send(2, EXECCOMMAND, longest);
    expect((await client.read(1))[0]?.body.length).toBe(4096 - 14 - 5);
    client.send(3, EXECCOMMAND, `${longest}x`);
    await client.waitClosed();
    expect(server.protocolErrors).toBe(1);
  });
});
