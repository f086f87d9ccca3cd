import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { RconClient } from '../../src/main/rcon/client';
import { RconAuthError, RconProtocolError, RconTimeoutError } from '../../src/main/rcon/errors';
import { PacketType, RconMessage } from '../../src/main/rcon/packet';
import type { ServerMessage } from '../../src/main/rcon/client';
import { PALWORLD_INFO, PALWORLD_PLAYERS } from '../../src/reference-server/game-personalities';
import { deterministicBytes } from '../../src/reference-server/commands';
import { acceptLogin, ScriptedServer } from './raw-server';
import { PASSWORD, useReferenceFixture } from './reference-fixture';

/**
 * The four ways real servers broke the engine (issue 9), each against a reference-server
 * personality or fault that reproduces it.
 */
const { defer, startServer, connected } = useReferenceFixture();

function nextMessage(client: RconClient): Promise<ServerMessage> {
  return new Promise((resolve) => client.once('message', resolve));
}

describe('answers end on what arrived, never on the time since sending', () => {
  it('waits for a quiet server that answers each request 400 ms late', async () => {
    const server = await startServer({ personality: 'silent', faults: { responseDelayMs: 400 } });
    const client = await connected(server);
    expect(client.dialect).toBe('quiet');
    expect(await client.execute('echo hello')).toBe('hello');
    expect(await client.execute('echo second')).toBe('second');
  });

  it('times out, not an empty success, when a quiet server sends nothing within the timeout', async () => {
    const server = await startServer({ personality: 'silent' });
    const client = await connected(server, { dialect: 'auto', detectTimeoutMs: 100 });
    expect(client.dialect).toBe('quiet');
    const error = await client.execute('sleep 3000', { timeoutMs: 500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RconTimeoutError);
    expect((error as RconTimeoutError).phase).toBe('command');
  });

  it('switches back to Source framing when the mirror of the probe comes late', async () => {
    const server = await startServer({ personality: 'srcds', faults: { commandDelayMs: 400 } });
    const client = await connected(server, { detectTimeoutMs: 100 });
    expect(client.dialect).toBe('quiet');
    // The server answers in order: the late mirror arrives before this answer.
    expect(await client.execute('echo hello')).toBe('hello');
    expect(client.dialect).toBe('source');
    const answers = await Promise.all(['a', 'b', 'c'].map((word) => client.executeRaw(`echo ${word}`)));
    expect(answers.map((answer) => answer.text)).toEqual(['a', 'b', 'c']);
    const long = await client.executeRaw('bytes 9000');
    expect(long.text).toBe(deterministicBytes(9000));
    expect(long.packets).toBe(3);
  });
});

describe('a login answered with an id other than the request', () => {
  it('is accepted unless the id is -1, like python-valve does', async () => {
    const server = await startServer({ personality: 'palworld' });
    const client = await connected(server);
    expect(client.authenticated).toBe(true);
    expect(client.echoesIds).toBe(false);
  });

  it('with -1 is still a wrong password, not a ban', async () => {
    const server = await startServer({ personality: 'palworld' });
    const error = await connected(server, { password: 'wrong' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RconAuthError);
    expect((error as RconAuthError).banned).toBe(false);
    expect((error as Error).message).toMatch(/^Wrong password/);
  });

  it('from a server that echoes ids except on the login (id 12345) still logs in', async () => {
    const server = new ScriptedServer((socket, message) => {
      if (message.type === PacketType.AUTH) {
        socket.write(new RconMessage(12345, PacketType.AUTH_RESPONSE).encode());
      } else if (message.type === PacketType.EXECCOMMAND) {
        socket.write(RconMessage.fromText(message.id, PacketType.RESPONSE_VALUE, 'pong').encode());
      } else {
        socket.write(new RconMessage(message.id, PacketType.RESPONSE_VALUE).encode());
      }
    });
    defer(() => server.close());
    const port = await server.listen();
    const client = new RconClient({ host: '127.0.0.1', port, password: PASSWORD, dialect: 'minecraft' });
    defer(() => client.close());
    await client.connect();
    expect(client.authenticated).toBe(true);
    expect(await client.execute('ping')).toBe('pong');
  });
});

describe('answers that do not echo the request id (Palworld answers id 0)', () => {
  it.each(['auto', 'source', 'minecraft'] as const)('reach their commands with dialect %s', async (dialect) => {
    const server = await startServer({ personality: 'palworld' });
    const client = await connected(server, { dialect });
    expect(client.echoesIds).toBe(false);
    const answers = await Promise.all(['Info', 'echo one', 'echo two', 'ShowPlayers'].map((c) => client.execute(c)));
    expect(answers).toEqual([PALWORLD_INFO, 'one', 'two', PALWORLD_PLAYERS]);
  });

  it('learns it from the probe in auto mode', async () => {
    const server = await startServer({ personality: 'palworld' });
    const client = await connected(server, { dialect: 'auto' });
    expect(client.probeEvidence).toEqual({ kind: 'source', evidence: 'mirror' });
    expect(server.receivedCommands).toEqual([]);
  });

  it('keeps packets that arrive with no command in flight as server messages', async () => {
    const server = await startServer({ personality: 'palworld' });
    const client = await connected(server);
    expect(await client.execute('echo before')).toBe('before');
    const message = nextMessage(client);
    server.broadcast('The server restarts in 5 minutes');
    expect((await message).text).toBe('The server restarts in 5 minutes');
    expect(await client.execute('echo after')).toBe('after');
  });
});

describe('sizes and terminators', () => {
  it('reads packets ending in one NUL, empty body or not', async () => {
    const server = await startServer({ personality: 'srcds', faults: { singleNulTerminator: true } });
    const client = await connected(server);
    expect(client.dialect).toBe('source');
    expect(await client.execute('echo hello')).toBe('hello');
    expect(await client.execute('echo')).toBe('');
    expect(await client.execute('echo still here')).toBe('still here');
  });

  it("recovers from Palworld's size field that counts characters on non-ASCII names", async () => {
    const server = await startServer({ personality: 'palworld' });
    const client = await connected(server);
    expect(await client.execute('ShowPlayers')).toBe(PALWORLD_PLAYERS);
    expect(await client.execute('echo Zoë')).toBe('Zoë');
    expect(await client.execute('Info')).toBe(PALWORLD_INFO);
  });

  it('names a wrong size field it cannot recover from, never hangs', async () => {
    const server = new ScriptedServer((socket: net.Socket, message) => {
      if (acceptLogin(socket, message)) return;
      if (message.type !== PacketType.EXECCOMMAND) return;
      const bytes = RconMessage.fromText(message.id, PacketType.RESPONSE_VALUE, 'x'.repeat(100)).encode();
      bytes.writeInt32LE(20, 0);
      // No NUL anywhere near where the size field says the packet ends.
      socket.write(Buffer.concat([bytes.subarray(0, bytes.length - 2), Buffer.from('y'.repeat(200))]));
    });
    defer(() => server.close());
    const port = await server.listen();
    const client = new RconClient({ host: '127.0.0.1', port, password: PASSWORD, dialect: 'minecraft' });
    defer(() => client.close());
    await client.connect();
    const error = await client.execute('status').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RconProtocolError);
    expect((error as Error).message).toMatch(/size field says 20 bytes, but the packet does not end there/);
  });
});
