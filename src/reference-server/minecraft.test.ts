import { afterEach, describe, expect, it } from 'vitest';
import { AUTH_FAILED_ID, PacketType } from '../main/rcon/packet';
import { deterministicBytes, MINECRAFT_LIST } from './commands';
import { show } from './raw-rcon-client';
import { PASSWORD, TestBed } from './test-bed';

const { AUTH, AUTH_RESPONSE, EXECCOMMAND, RESPONSE_VALUE } = PacketType;
const bed = new TestBed();
afterEach(() => bed.cleanup());

describe('minecraft personality', () => {
  it('answers a login with a single AUTH_RESPONSE: the id on success, -1 on failure, and never bans', async () => {
    const server = await bed.server({ personality: 'minecraft', banAfterFailures: 1 });
    const client = await bed.client(server);
    for (let attempt = 1; attempt <= 4; attempt += 1) client.send(attempt, AUTH, 'wrong');
    client.send(5, AUTH, PASSWORD);
    expect((await client.read(5)).map((packet) => show(packet))).toEqual([
      ...[1, 2, 3, 4].map(() => ({ id: AUTH_FAILED_ID, type: AUTH_RESPONSE, body: '' })),
      { id: 5, type: AUTH_RESPONSE, body: '' },
    ]);
    expect(await client.collect(100)).toEqual([]);
    expect(server.bannedAddresses).toEqual([]);
  });

  it('refuses commands before the login with id -1, but answers other types as unknown requests', async () => {
    const client = await bed.client(await bed.server({ personality: 'minecraft' }));
    client.send(1, EXECCOMMAND, 'list');
    client.send(2, RESPONSE_VALUE);
    expect((await client.read(2)).map((packet) => show(packet))).toEqual([
      { id: AUTH_FAILED_ID, type: AUTH_RESPONSE, body: '' },
      { id: 2, type: RESPONSE_VALUE, body: 'Unknown request 0' },
    ]);
  });

  it('answers any type but AUTH and EXECCOMMAND with "Unknown request <hex type>" under the same id', async () => {
    const client = await bed.login(await bed.server({ personality: 'minecraft' }), 1);
    client.send(10, RESPONSE_VALUE);
    client.send(11, 255);
    client.send(12, -1);
    expect((await client.read(3)).map((packet) => show(packet))).toEqual([
      { id: 10, type: RESPONSE_VALUE, body: 'Unknown request 0' },
      { id: 11, type: RESPONSE_VALUE, body: 'Unknown request ff' },
      { id: 12, type: RESPONSE_VALUE, body: 'Unknown request ffffffff' },
    ]);
  });

  it('runs list (with § colour codes), echo, and commands typed with a leading slash', async () => {
    const client = await bed.login(await bed.server({ personality: 'minecraft' }), 1);
    client.send(20, EXECCOMMAND, 'list');
    client.send(21, EXECCOMMAND, '/echo hi');
    client.send(22, EXECCOMMAND, 'say hello');
    expect((await client.read(3)).map((packet) => show(packet))).toEqual([
      { id: 20, type: RESPONSE_VALUE, body: MINECRAFT_LIST },
      { id: 21, type: RESPONSE_VALUE, body: 'hi' },
      { id: 22, type: RESPONSE_VALUE, body: '' },
    ]);
    expect(MINECRAFT_LIST).toBe('§6There are §c2§6 of a max of §c20§6 players online: Alex, Steve');
  });

  it('answers unknown commands the vanilla way', async () => {
    const client = await bed.login(await bed.server({ personality: 'minecraft' }), 1);
    client.send(30, EXECCOMMAND, 'status');
    expect((await client.read(1))[0]?.body.toString()).toBe(
      'Unknown or incomplete command, see below for errorstatus<--[HERE]',
    );
  });

  it('splits long output into 4096-byte bodies', async () => {
    const client = await bed.login(await bed.server({ personality: 'minecraft' }), 1);
    client.send(40, EXECCOMMAND, 'bytes 9000');
    client.send(41, 100);
    const packets = await client.readUntil((packet) => packet.id === 41);
    expect(packets.map((packet) => [packet.id, packet.body.length])).toEqual([
      [40, 4096],
      [40, 4096],
      [40, 808],
      [41, 'Unknown request 64'.length],
    ]);
    expect(Buffer.concat(packets.slice(0, 3).map((packet) => packet.body)).toString()).toBe(deterministicBytes(9000));
  });

  it('with fragmentUnit utf16, cuts every 4096 UTF-16 code units like real Minecraft, so bodies exceed 4096 bytes', async () => {
    const text = '§'.repeat(5000);
    const client = await bed.login(
      await bed.server({ personality: 'minecraft', fragmentUnit: 'utf16', commands: { colours: () => text } }),
      1,
    );
    client.send(50, EXECCOMMAND, 'colours');
    const packets = await client.read(2);
    expect(packets.map((packet) => packet.body.length)).toEqual([8192, 1808]);
    expect(packets.map((packet) => packet.body.toString()).join('')).toBe(text);
  });
});
