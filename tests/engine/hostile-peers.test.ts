import net from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { RconClient } from '../../src/main/rcon/client';
import {
  RconAuthError,
  RconConnectionError,
  RconProtocolError,
  RconRequestError,
  RconTimeoutError,
} from '../../src/main/rcon/errors';
import { PacketType, RconMessage } from '../../src/main/rcon/packet';
import { acceptLogin, ScriptedServer, startBlackholePort } from './raw-server';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(
  onPacket: (socket: net.Socket, message: RconMessage) => void,
  onConnect?: (socket: net.Socket) => void,
): Promise<number> {
  const server = new ScriptedServer(onPacket, onConnect);
  cleanups.push(() => server.close());
  return server.listen();
}

function client(port: number, options: Partial<ConstructorParameters<typeof RconClient>[0]> = {}): RconClient {
  const c = new RconClient({ host: '127.0.0.1', port, password: 'pw', dialect: 'source', ...options });
  cleanups.push(() => c.close());
  return c;
}

describe('the client against broken or hostile peers', () => {
  it('says "not an RCON server" when an HTTP server answers', async () => {
    const port = await serve((socket) => {
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
    });
    const error = await client(port)
      .connect()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RconProtocolError);
    expect((error as Error).message).toMatch(/^Not an RCON server: 127\.0\.0\.1:\d+ answered in HTTP/);
  });

  it('closes with a protocol error on an absurd size field', async () => {
    const port = await serve((socket, message) => {
      if (acceptLogin(socket, message)) return;
      socket.write(Buffer.from([0xef, 0xbe, 0xad, 0xde, 1, 2, 3, 4]));
    });
    const c = client(port);
    await c.connect();
    const closed = once(c, 'close');
    const error = await c.execute('status').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RconProtocolError);
    expect((error as Error).message).toBe(
      'Not an RCON server, or the stream is corrupt: Not an RCON packet: its size field is -559038737, the smallest valid size is 9.',
    );
    expect((await closed)[0]).toBe(error);
    expect(c.status).toBe('closed');
  });

  it('refuses a packet over the configured maximum before buffering it', async () => {
    const port = await serve((socket, message) => {
      if (acceptLogin(socket, message)) return;
      const header = Buffer.alloc(4);
      header.writeInt32LE(50 * 1024 * 1024, 0);
      socket.write(header);
    });
    const c = client(port, { maxPacketBytes: 64 * 1024 });
    await c.connect();
    await expect(c.execute('x')).rejects.toThrow(/size field is 52428800 bytes, over the limit of 65536/);
  });

  it('reports a socket closed in the middle of a packet', async () => {
    const port = await serve((socket, message) => {
      if (acceptLogin(socket, message)) return;
      if (message.type === PacketType.EXECCOMMAND)
        socket.end(RconMessage.fromText(message.id, 0, 'partial answer').encode().subarray(0, 9));
    });
    const c = client(port);
    await c.connect();
    const error = await c.execute('status').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RconConnectionError);
    expect((error as RconConnectionError).reason).toBe('closed');
    expect((error as Error).message).toBe(
      'The server closed the connection in the middle of a packet (9 bytes of it had arrived).',
    );
  });

  it('says "banned" when the server closes the connection instead of answering the login', async () => {
    const port = await serve((socket) => socket.destroy());
    const error = await client(port)
      .connect()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RconAuthError);
    expect((error as RconAuthError).banned).toBe(true);
    expect((error as Error).message).toMatch(/^Banned by the server/);
  });

  it('says "banned", not "reset", when the server drops the connection as soon as it is made', async () => {
    const port = await serve(
      () => undefined,
      (socket) => socket.destroy(),
    );
    const errors = await Promise.all(
      Array.from({ length: 50 }, () =>
        client(port)
          .connect()
          .catch((e: unknown) => e),
      ),
    );
    expect(errors.filter((e) => e instanceof RconAuthError && e.banned)).toHaveLength(50);
  });

  it('cancels a connect when close() is called before it completes', async () => {
    let connections = 0;
    const port = await serve(
      (socket, message) => acceptLogin(socket, message),
      () => (connections += 1),
    );
    const c = client(port);
    const connecting = c.connect().catch((e: unknown) => e);
    await c.close();
    const error = await connecting;
    expect(error).toBeInstanceOf(RconConnectionError);
    expect((error as Error).message).toBe('The connection was closed before it was established.');
    expect(c.status).toBe('closed');
    await expect.poll(() => connections).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(c.authenticated).toBe(false);
  });

  it('says "wrong password" on id -1 and does not try again', async () => {
    let logins = 0;
    const port = await serve((socket, message) => {
      if (message.type !== PacketType.AUTH) return;
      logins += 1;
      socket.write(new RconMessage(message.id, PacketType.RESPONSE_VALUE).encode());
      socket.write(new RconMessage(-1, PacketType.AUTH_RESPONSE).encode());
    });
    const c = client(port);
    const error = await c.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RconAuthError);
    expect((error as RconAuthError).banned).toBe(false);
    expect((error as Error).message).toBe('Wrong password: the server rejected the RCON password.');
    expect(c.status).toBe('closed');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(logins).toBe(1);
  });

  it('times out a login the server never answers', async () => {
    const port = await serve(() => undefined);
    const error = await client(port, { commandTimeoutMs: 200 })
      .connect()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RconTimeoutError);
    expect((error as RconTimeoutError).phase).toBe('auth');
    expect((error as Error).message).toBe('Waiting for the server to answer the login timed out after 0.2 s.');
  });

  it('times out one command and keeps the connection for the next', async () => {
    let hungId: number | undefined;
    const port = await serve((socket, message) => {
      if (acceptLogin(socket, message)) return;
      if (message.type === PacketType.EXECCOMMAND && message.body.toString() === 'hang') {
        hungId = message.id;
        return;
      }
      if (message.type === PacketType.EXECCOMMAND) {
        socket.write(RconMessage.fromText(message.id, 0, `ran ${message.body}`).encode());
        return;
      }
      const reply = RconMessage.fromText(message.id, 0, 'Unknown request 0').encode();
      if (hungId !== undefined && message.id === hungId + 1) {
        // The hung command's answer and end marker arrive after its timeout.
        const late = RconMessage.fromText(hungId, 0, 'late answer').encode();
        setTimeout(() => socket.write(Buffer.concat([late, reply])), 300);
      } else {
        socket.write(reply);
      }
    });
    const c = client(port, { dialect: 'minecraft' });
    const strays: string[] = [];
    c.on('message', (m) => strays.push(m.text));
    await c.connect();
    const error = await c.execute('hang', { timeoutMs: 150 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RconTimeoutError);
    expect((error as Error).message).toBe('Waiting for the answer to the command timed out after 0.15 s.');
    expect(c.status).toBe('ready');
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await c.execute('next')).toBe('ran next');
    expect(strays).toEqual([]);
  });

  it('refuses connection-refused, DNS failure and a connect that never completes with their own errors', async () => {
    const free = net.createServer();
    free.listen(0, '127.0.0.1');
    await once(free, 'listening');
    const closedPort = (free.address() as net.AddressInfo).port;
    await new Promise((resolve) => free.close(resolve));

    const refused = await client(closedPort)
      .connect()
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RconConnectionError);
    expect((refused as RconConnectionError).reason).toBe('refused');
    expect((refused as Error).message).toBe(
      `Connection refused by 127.0.0.1:${closedPort}: nothing is listening on that port (is the server running, and is the RCON port right?).`,
    );

    const dns = await new RconClient({ host: 'no-such-host.invalid', port: 27015, password: 'x' })
      .connect()
      .catch((e: unknown) => e);
    expect(dns).toBeInstanceOf(RconConnectionError);
    expect((dns as RconConnectionError).reason).toBe('dns');
    expect((dns as Error).message).toBe('Could not find the host "no-such-host.invalid": the name does not resolve.');

    const blackhole = await startBlackholePort();
    cleanups.push(() => blackhole.stop());
    const timedOut = await client(blackhole.port, { connectTimeoutMs: 300 })
      .connect()
      .catch((e: unknown) => e);
    expect(timedOut).toBeInstanceOf(RconTimeoutError);
    expect((timedOut as Error).message).toBe(
      `Connecting to the server timed out after 0.3 s (127.0.0.1:${blackhole.port} did not accept the connection).`,
    );
  });

  it('rejects bad requests before sending them', async () => {
    let commands = 0;
    const port = await serve((socket, message) => {
      if (acceptLogin(socket, message)) return;
      commands += 1;
      socket.write(new RconMessage(message.id, 0).encode());
    });
    const c = client(port, { dialect: 'minecraft' });
    await c.connect();
    await expect(c.execute('a\0b')).rejects.toThrow(
      new RconRequestError('The command cannot contain a NUL character.'),
    );
    await expect(c.execute('x'.repeat(5000))).rejects.toThrow(
      'The command is 5000 bytes long; servers accept at most 4082.',
    );
    expect(commands).toBe(0);
    expect(() => new RconClient({ host: 'h', port: 70000 })).toThrow(
      'Port must be a whole number from 1 to 65535, got 70000.',
    );
    expect(() => new RconClient({ host: ' ' })).toThrow('A host name or address is required.');
  });

  it('never lets a late or unknown id corrupt another answer', async () => {
    const port = await serve((socket, message) => {
      if (acceptLogin(socket, message)) return;
      if (message.type === PacketType.EXECCOMMAND) {
        socket.write(RconMessage.fromText(message.id + 1000, 0, 'stray').encode());
        socket.write(RconMessage.fromText(message.id, 0, `answer to ${message.body}`).encode());
      } else {
        socket.write(RconMessage.fromText(message.id, 0, 'Unknown request 0').encode());
      }
    });
    const c = client(port, { dialect: 'auto' });
    const strays: string[] = [];
    c.on('message', (m) => strays.push(m.text));
    await c.connect();
    expect(c.dialect).toBe('minecraft');
    const answers = await Promise.all(['a', 'b', 'c'].map((cmd) => c.execute(cmd)));
    expect(answers).toEqual(['answer to a', 'answer to b', 'answer to c']);
    expect(strays).toEqual(['stray', 'stray', 'stray']);
  });
});
