import { afterEach, describe, expect, it } from 'vitest';
import { AUTH_FAILED_ID, PacketType } from '../main/rcon/packet';
import { deterministicBytes } from './commands';
import { SOURCE_TRAILER } from './personalities';
import { encodePacket as encode, show } from './raw-rcon-client';
import { PASSWORD, TestBed } from './test-bed';

const { AUTH, AUTH_RESPONSE, EXECCOMMAND, RESPONSE_VALUE } = PacketType;
const bed = new TestBed();
afterEach(() => bed.cleanup());

describe('srcds personality: login', () => {
  it('answers a good password with an empty RESPONSE_VALUE, then AUTH_RESPONSE with the request id', async () => {
    const server = await bed.server();
    const client = await bed.client(server);
    client.send(7, AUTH, PASSWORD);
    expect((await client.read(2)).map((packet) => show(packet))).toEqual([
      { id: 7, type: RESPONSE_VALUE, body: '' },
      { id: 7, type: AUTH_RESPONSE, body: '' },
    ]);
    expect(await client.collect(100)).toEqual([]);
    expect(server.authAttempts).toBe(1);
    expect(server.authFailures).toBe(0);
  });

  it('answers a wrong password with id -1 after the empty RESPONSE_VALUE, and keeps the socket open', async () => {
    const server = await bed.server();
    const client = await bed.client(server);
    client.send(7, AUTH, 'wrong');
    expect((await client.read(2)).map((packet) => show(packet))).toEqual([
      { id: 7, type: RESPONSE_VALUE, body: '' },
      { id: AUTH_FAILED_ID, type: AUTH_RESPONSE, body: '' },
    ]);
    expect(client.isOpen).toBe(true);
    expect(server.authFailures).toBe(1);
  });

  it('answers anything sent before the login with AUTH_RESPONSE id -1', async () => {
    const server = await bed.server();
    const client = await bed.client(server);
    client.send(3, EXECCOMMAND, 'echo hi');
    client.send(4, RESPONSE_VALUE);
    expect((await client.read(2)).map((packet) => show(packet))).toEqual([
      { id: AUTH_FAILED_ID, type: AUTH_RESPONSE, body: '' },
      { id: AUTH_FAILED_ID, type: AUTH_RESPONSE, body: '' },
    ]);
    expect(server.commandsExecuted).toBe(0);
  });

  it('bans an address after banAfterFailures failures: the next login and new connections are closed unanswered', async () => {
    const server = await bed.server({ banAfterFailures: 3 });
    const client = await bed.client(server);
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      client.send(attempt, AUTH, 'wrong');
      expect((await client.read(2))[1]?.id).toBe(AUTH_FAILED_ID);
    }
    expect(server.bannedAddresses).toEqual(['127.0.0.1']);

    client.send(4, AUTH, PASSWORD);
    await client.waitClosed();
    expect(client.raw.length).toBe(3 * 28);

    const again = await bed.client(server);
    again.send(5, AUTH, PASSWORD);
    await again.waitClosed();
    expect(again.raw.length).toBe(0);
    expect(server.rejectedConnections).toBe(1);
    expect(server.refusedLogins).toBe(1);
  });

  it.runIf(process.platform === 'linux')('bans only the offending address', async () => {
    const server = await bed.server({ banAfterFailures: 1 });
    const offender = await bed.client(server);
    offender.send(1, AUTH, 'wrong');
    await offender.read(2);
    const neighbour = await bed.client(server, '127.0.0.2');
    neighbour.send(2, AUTH, PASSWORD);
    expect((await neighbour.read(2))[1]?.id).toBe(2);
  });

  it('never bans with banAfterFailures 0, and forgets bans on unban()', async () => {
    const lenient = await bed.server({ banAfterFailures: 0 });
    const client = await bed.client(lenient);
    for (let attempt = 1; attempt <= 5; attempt += 1) client.send(attempt, AUTH, 'wrong');
    expect(await client.read(10)).toHaveLength(10);
    expect(lenient.bannedAddresses).toEqual([]);

    const strict = await bed.server({ banAfterFailures: 1 });
    const victim = await bed.client(strict);
    victim.send(1, AUTH, 'wrong');
    await victim.read(2);
    strict.unban('127.0.0.1');
    const back = await bed.client(strict);
    back.send(2, AUTH, PASSWORD);
    expect((await back.read(2))[1]?.id).toBe(2);
  });
});

describe('srcds personality: commands', () => {
  it('answers echo with exactly its argument under the request id', async () => {
    const server = await bed.server();
    const client = await bed.login(server);
    client.send(11, EXECCOMMAND, 'echo hello  world ');
    expect((await client.read(1)).map((packet) => show(packet))).toEqual([
      { id: 11, type: RESPONSE_VALUE, body: 'hello  world ' },
    ]);
    expect(server.receivedCommands).toEqual(['echo hello  world ']);
    expect(server.commandsExecuted).toBe(1);
  });

  it('answers an empty output with one empty packet', async () => {
    const client = await bed.login(await bed.server());
    client.send(12, EXECCOMMAND, 'echo');
    expect((await client.read(1)).map((packet) => show(packet))).toEqual([{ id: 12, type: RESPONSE_VALUE, body: '' }]);
  });

  it('splits long output into 4096-byte bodies with the same id', async () => {
    const client = await bed.login(await bed.server());
    client.send(13, EXECCOMMAND, 'bytes 10000');
    const packets = await client.read(3);
    expect(packets.map((packet) => [packet.id, packet.type, packet.body.length])).toEqual([
      [13, RESPONSE_VALUE, 4096],
      [13, RESPONSE_VALUE, 4096],
      [13, RESPONSE_VALUE, 1808],
    ]);
    expect(Buffer.concat(packets.map((packet) => packet.body)).toString('ascii')).toBe(deterministicBytes(10000));
  });

  it('sends a 1 MiB answer as 256 full packets, then the mirror', async () => {
    const client = await bed.login(await bed.server());
    client.send(15, EXECCOMMAND, 'bytes 1048576');
    client.send(16, RESPONSE_VALUE);
    const packets = await client.read(258);
    const bodies = packets.slice(0, 256);
    expect(bodies.every((packet) => packet.id === 15 && packet.body.length === 4096)).toBe(true);
    expect(Buffer.concat(bodies.map((packet) => packet.body)).toString('ascii')).toBe(deterministicBytes(1048576));
    expect(packets.slice(256).map((packet) => [packet.id, packet.body.length])).toEqual([
      [16, 0],
      [16, 4],
    ]);
  });

  it('answers 1000 pipelined commands in order', async () => {
    const client = await bed.login(await bed.server());
    client.sendRaw(Buffer.concat(Array.from({ length: 1000 }, (_, i) => encode(100 + i, EXECCOMMAND, `echo ${i}`))));
    const packets = await client.read(1000);
    expect(packets.map((packet) => `${packet.id}:${packet.body.toString()}`)).toEqual(
      Array.from({ length: 1000 }, (_, i) => `${100 + i}:${i}`),
    );
  });

  it('honours maxBodyBytes', async () => {
    const client = await bed.login(await bed.server({ maxBodyBytes: 100 }));
    client.send(14, EXECCOMMAND, 'bytes 250');
    expect((await client.read(3)).map((packet) => packet.body.length)).toEqual([100, 100, 50]);
  });

  it('mirrors an empty RESPONSE_VALUE and follows it with the 00 01 00 00 trailer, after the command answer', async () => {
    const client = await bed.login(await bed.server());
    client.send(20, EXECCOMMAND, 'bytes 8192');
    client.send(21, RESPONSE_VALUE);
    const packets = await client.read(4);
    expect(packets.map((packet) => [packet.id, packet.type, packet.body.length])).toEqual([
      [20, RESPONSE_VALUE, 4096],
      [20, RESPONSE_VALUE, 4096],
      [21, RESPONSE_VALUE, 0],
      [21, RESPONSE_VALUE, 4],
    ]);
    expect(packets[3]?.body).toEqual(SOURCE_TRAILER);
  });

  it('answers pipelined requests strictly in order, even behind a sleep', async () => {
    const client = await bed.login(await bed.server());
    client.sendRaw(
      Buffer.concat([
        encode(31, EXECCOMMAND, 'sleep 150'),
        encode(32, EXECCOMMAND, 'echo second'),
        encode(33, RESPONSE_VALUE, ''),
        encode(34, EXECCOMMAND, 'echo third'),
      ]),
    );
    expect((await client.read(5)).map((packet) => show(packet))).toEqual([
      { id: 31, type: RESPONSE_VALUE, body: 'Slept 150 ms\n' },
      { id: 32, type: RESPONSE_VALUE, body: 'second' },
      { id: 33, type: RESPONSE_VALUE, body: '' },
      { id: 33, type: RESPONSE_VALUE, body: '\u0000\u0001\u0000\u0000' },
      { id: 34, type: RESPONSE_VALUE, body: 'third' },
    ]);
  });

  it('answers unknown commands like Source, and runs commands case-insensitively', async () => {
    const client = await bed.login(await bed.server());
    client.send(40, EXECCOMMAND, 'frobnicate now');
    client.send(41, EXECCOMMAND, 'ECHO Loud');
    expect((await client.read(2)).map((packet) => packet.body.toString())).toEqual([
      'Unknown command "frobnicate"\n',
      'Loud',
    ]);
  });

  it('looks alive: status, help, say, quit', async () => {
    const server = await bed.server();
    const client = await bed.login(server);
    client.send(50, EXECCOMMAND, 'status');
    client.send(51, EXECCOMMAND, 'help sv_cheats');
    client.send(52, EXECCOMMAND, 'say hi all');
    client.send(53, EXECCOMMAND, 'quit');
    const [status, help, say, quit] = (await client.read(4)).map((packet) => packet.body.toString());
    expect(status).toContain(`udp/ip  : 127.0.0.1:${server.port}`);
    expect(status).toMatch(/^hostname: .+\nversion : /);
    expect(status).toMatch(/#\s+2 "Alex"\s+STEAM_1:0:12345678/);
    expect(help).toBe('"sv_cheats" = "0" ( def. "0" )\n notify replicated\n - Allow cheats on server\n');
    expect(say).toBe('Console: hi all\n');
    expect(quit).toContain('Server shutdown requested');
    expect(server.listening).toBe(true);
  });

  it('sends cvarlist in the Source format over many 4096-byte packets', async () => {
    const client = await bed.login(await bed.server());
    client.send(60, EXECCOMMAND, 'cvarlist');
    client.send(61, RESPONSE_VALUE);
    const packets = await client.readUntil((packet) => packet.id === 61);
    const bodies = packets.filter((packet) => packet.id === 60);
    expect(bodies.length).toBeGreaterThanOrEqual(5);
    expect(bodies.slice(0, -1).every((packet) => packet.body.length === 4096)).toBe(true);
    const text = Buffer.concat(bodies.map((packet) => packet.body)).toString();
    const lines = text.split('\n');
    expect(lines.slice(0, 2)).toEqual(['cvar list', '--------------']);
    expect(lines).toContain(`${'sv_cheats'.padEnd(40)} : 0        : , "notify", "rep" : Allow cheats on server`);
    expect(lines.slice(-3)).toEqual(['--------------', '3000 total convars/concommands', '']);
  });

  it('runs custom commands, which may override built-ins and return raw bytes', async () => {
    const client = await bed.login(
      await bed.server({
        commands: {
          Greet: (args, ctx) => `hello ${args} from ${ctx.personality}`,
          echo: () => Buffer.from([0xff, 0x00, 0x41]),
          boom: () => {
            throw new Error('kaput');
          },
        },
      }),
    );
    client.send(70, EXECCOMMAND, 'greet you');
    client.send(71, EXECCOMMAND, 'echo ignored');
    client.send(72, EXECCOMMAND, 'boom');
    const [greet, echo, boom] = await client.read(3);
    expect(greet?.body.toString()).toBe('hello you from srcds');
    expect(echo?.body).toEqual(Buffer.from([0xff, 0x00, 0x41]));
    expect(boom?.body.toString()).toBe('Command failed: kaput\n');
  });

  it('encodes text as Latin-1 when asked', async () => {
    const client = await bed.login(await bed.server({ encoding: 'latin1' }));
    client.send(80, EXECCOMMAND, Buffer.from('echo caf\u00e9 \u00a7a', 'latin1'));
    expect((await client.read(1))[0]?.body).toEqual(Buffer.from('caf\u00e9 \u00a7a', 'latin1'));
  });
});
