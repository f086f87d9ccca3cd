import { afterEach, describe, expect, it } from 'vitest';
import { AUTH_FAILED_ID, PacketType } from '../main/rcon/packet';
import { chatLine, FRAGMENT_CHAT_LINE, UNSOLICITED_ID } from './personalities';
import { show } from './raw-rcon-client';
import { PASSWORD, TestBed } from './test-bed';

const { AUTH, AUTH_RESPONSE, EXECCOMMAND, RESPONSE_VALUE } = PacketType;
const bed = new TestBed();
afterEach(() => bed.cleanup());

describe('silent personality', () => {
  it('answers logins with AUTH_RESPONSE only', async () => {
    const client = await bed.client(await bed.server({ personality: 'silent' }));
    client.send(1, AUTH, 'wrong');
    client.send(2, AUTH, PASSWORD);
    expect((await client.read(2)).map((packet) => show(packet))).toEqual([
      { id: AUTH_FAILED_ID, type: AUTH_RESPONSE, body: '' },
      { id: 2, type: AUTH_RESPONSE, body: '' },
    ]);
  });

  it('never answers a type-0 packet, but still answers the commands around it', async () => {
    const client = await bed.login(await bed.server({ personality: 'silent' }), 1);
    client.send(10, RESPONSE_VALUE);
    expect(await client.collect(300)).toEqual([]);
    client.send(11, EXECCOMMAND, 'echo still here');
    client.send(12, RESPONSE_VALUE);
    expect((await client.read(1)).map((packet) => show(packet))).toEqual([
      { id: 11, type: RESPONSE_VALUE, body: 'still here' },
    ]);
    expect(await client.collect(300)).toEqual([]);
  });
});

describe('broadcast personality', () => {
  it('pushes chat with id 0 to logged-in connections only, on a timer', async () => {
    const server = await bed.server({ personality: 'broadcast', broadcastIntervalMs: 40 });
    const anonymous = await bed.client(server);
    const client = await bed.login(server);
    const pushed = await client.read(3);
    // Ticks before the login reached nobody, so the lines start wherever the cycle was.
    const first = [0, 1, 2, 3, 4].find((n) => chatLine(n) === pushed[0]?.body.toString()) ?? -1;
    expect(first).toBeGreaterThanOrEqual(0);
    expect(pushed.map((packet) => show(packet))).toEqual(
      [0, 1, 2].map((n) => ({ id: UNSOLICITED_ID, type: RESPONSE_VALUE, body: chatLine(first + n) })),
    );
    expect(anonymous.raw.length).toBe(0);
  });

  it('slips a chat packet between the fragments of a long answer', async () => {
    const client = await bed.login(await bed.server({ personality: 'broadcast', broadcastIntervalMs: 0 }));
    client.send(20, EXECCOMMAND, 'bytes 10000');
    client.send(21, RESPONSE_VALUE);
    const packets = await client.read(6);
    expect(packets.map((packet) => [packet.id, packet.body.length])).toEqual([
      [20, 4096],
      [UNSOLICITED_ID, FRAGMENT_CHAT_LINE.length],
      [20, 4096],
      [20, 1808],
      [21, 0],
      [21, 4],
    ]);
  });

  it('pushes say as chat to every logged-in connection, besides answering it', async () => {
    const server = await bed.server({ personality: 'broadcast', broadcastIntervalMs: 0 });
    const speaker = await bed.login(server);
    const listener = await bed.login(server);
    speaker.send(30, EXECCOMMAND, 'say gg');
    const heard = await speaker.read(2);
    expect(heard.map((packet) => show(packet)).sort((a, b) => a.id - b.id)).toEqual([
      { id: UNSOLICITED_ID, type: RESPONSE_VALUE, body: '[Chat] Console: gg' },
      { id: 30, type: RESPONSE_VALUE, body: 'Console: gg\n' },
    ]);
    expect((await listener.read(1)).map((packet) => show(packet))).toEqual([
      { id: UNSOLICITED_ID, type: RESPONSE_VALUE, body: '[Chat] Console: gg' },
    ]);
  });

  it('broadcast() works in any personality and reports how many connections it reached', async () => {
    const server = await bed.server({ personality: 'minecraft' });
    const client = await bed.login(server, 1);
    await bed.client(server);
    expect(server.broadcast('[Server] restart in 5 minutes')).toBe(1);
    expect((await client.read(1)).map((packet) => show(packet))).toEqual([
      { id: UNSOLICITED_ID, type: RESPONSE_VALUE, body: '[Server] restart in 5 minutes' },
    ]);
  });
});
