import { createHash } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createRemoteConsole } from '../../src/main/protocol/create-remote-console';
import type { RemoteConsole, RemoteMessage } from '../../src/main/protocol/remote-console';
import { RconAuthError, RconConnectionError, RconProtocolError, RconTimeoutError } from '../../src/main/rcon/errors';
import { WebRconReferenceServer } from '../../src/reference-server/protocols/webrcon-server';
import type { ProtocolServerOptions } from '../../src/reference-server/protocols/common';
import { deterministicBytes } from '../../src/reference-server/commands';
import { ReferenceServer } from '../../src/reference-server/server';
import { useCleanups } from '../cleanups';

const PASSWORD = 'p@ss/word?#1';
const defer = useCleanups();

async function startServer(options: ProtocolServerOptions = {}): Promise<WebRconReferenceServer> {
  const server = new WebRconReferenceServer({ password: PASSWORD, ...options });
  await server.listen();
  defer(() => server.close());
  return server;
}

function clientFor(
  port: number,
  password = PASSWORD,
  options: { connectTimeoutMs?: number; maxResponseBytes?: number } = {},
): RemoteConsole {
  const client = createRemoteConsole('webrcon', {
    host: '127.0.0.1',
    port,
    password,
    commandTimeoutMs: 5_000,
    ...options,
  });
  defer(() => client.close());
  return client;
}

/** A plain TCP server that does what `onSocket` says with each connection: not a WebSocket server. */
async function startTcpServer(onSocket: (socket: Socket) => void): Promise<number> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  defer(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

async function connectError(client: RemoteConsole): Promise<Error> {
  const error = await client.connect().then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!(error instanceof Error)) throw new Error('connect() should have failed');
  return error;
}

function nextMessage(client: RemoteConsole): Promise<RemoteMessage> {
  return new Promise((resolve) => client.once('message', resolve));
}

describe('WebRCON engine against the reference server', () => {
  it('logs in through the URL path (a password with / ? # in it) and matches answers by Identifier', async () => {
    const server = await startServer();
    const client = clientFor(server.port);
    await client.connect();
    expect(client.status).toBe('ready');
    const answers = await Promise.all([
      client.execute('sleep 50'),
      client.execute('echo second'),
      client.execute('bytes 100000'),
    ]);
    expect(answers).toEqual(['Slept 50 ms', 'second', deterministicBytes(100_000)]);
    expect(server.stats.received).toEqual(['sleep 50', 'echo second', 'bytes 100000']);
  });

  it('turns Identifier -1 console lines and Identifier 0 chat JSON into server messages', async () => {
    const server = await startServer();
    const client = clientFor(server.port);
    await client.connect();
    const console = nextMessage(client);
    server.broadcast('Saved 1234 ents');
    expect((await console).text).toBe('Saved 1234 ents');
    const chat = nextMessage(client);
    server.chat('Alex', 'hi all');
    const message = await chat;
    expect(message.text).toBe('[Chat] Alex: hi all');
    expect(message.chat).toEqual({ user: 'Alex', message: 'hi all', channel: 0 });
    // A command's own chat arrives as a message, and its (empty) answer still resolves.
    const said = nextMessage(client);
    expect(await client.execute('say restart soon')).toBe('');
    expect((await said).text).toBe('[Chat] SERVER: restart soon');
  });

  it('says in words that a refused upgrade means a wrong password, and never shows the password', async () => {
    const server = await startServer();
    const client = clientFor(server.port, 'wrong-secret');
    const error = await client.connect().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(RconAuthError);
    expect((error as Error).message).toMatch(/Wrong password.*refused the WebSocket upgrade \(401/);
    expect((error as Error).message).not.toContain('wrong-secret');
    expect(client.address).toBe(`127.0.0.1:${server.port}`);
    expect(server.stats.failedLogins).toBe(1);
  });

  it('reports a closed upgrade as a likely wrong password', async () => {
    const server = await startServer({ faults: { closeOnLogin: true } });
    const client = clientFor(server.port);
    await expect(client.connect()).rejects.toThrow(/closed the connection during the WebSocket upgrade/);
  });

  it('fails commands in flight and emits close when the server closes the socket', async () => {
    const server = await startServer({ faults: { closeAfterCommands: 1 } });
    const client = clientFor(server.port);
    await client.connect();
    expect(await client.execute('echo one')).toBe('one');
    const closed = new Promise<unknown>((resolve) => client.once('close', resolve));
    await expect(client.execute('echo two')).rejects.toBeInstanceOf(RconConnectionError);
    expect(await closed).toBeInstanceOf(RconConnectionError);
    expect(client.status).toBe('closed');
  });

  it('tells a web server on the port apart from a wrong password', async () => {
    const web = new ReferenceServer({ password: PASSWORD, broadcastIntervalMs: 0, faults: { httpResponse: true } });
    await web.listen();
    defer(() => web.close());
    const client = clientFor(web.port);
    const error = await client.connect().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(RconProtocolError);
    expect((error as Error).message).toMatch(/instead of 101 Switching Protocols: is this a WebRCON port/);
  });

  it('times out an upgrade that gets no answer, without showing the password', async () => {
    const port = await startTcpServer(() => undefined);
    const client = clientFor(port, PASSWORD, { connectTimeoutMs: 300 });
    const error = await connectError(client);
    expect(error).toBeInstanceOf(RconTimeoutError);
    expect(error.message).toMatch(/timed out after 0\.3 s \(no answer to the WebSocket upgrade\)/);
    expect(error.message).not.toContain('p@ss');
    expect(client.status).toBe('closed');
  });

  it('tells a port that does not answer in HTTP at all', async () => {
    const port = await startTcpServer((socket) => socket.write(Buffer.from([0x0a, 0, 0, 0, 0xff, 0xff])));
    const error = await connectError(clientFor(port));
    expect(error).toBeInstanceOf(RconProtocolError);
    expect(error.message).toMatch(/did not answer the WebSocket upgrade with HTTP: is this a WebRCON port/);
  });

  it('closes with a clear error when an answer outgrows maxResponseBytes, and does not reconnect', async () => {
    const server = await startServer();
    const client = clientFor(server.port, PASSWORD, { maxResponseBytes: 10_000 });
    await client.connect();
    expect(await client.execute('bytes 9000')).toBe(deterministicBytes(9_000));
    const closed = new Promise<unknown>((resolve) => client.once('close', resolve));
    const error = await client.execute('bytes 20000').then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(RconProtocolError);
    expect((error as Error).message).toMatch(/over the limit of 10000 bytes/);
    expect(await closed).toBe(error);
    expect(client.status).toBe('closed');
    await expect(client.execute('echo again')).rejects.toThrow(/Not connected/);
    expect(server.stats.logins).toBe(1);
  });

  it('keeps a console line that arrives in the same packet as the 101 answer', async () => {
    // A hand-made upgrade answer, so that the first frame shares the 101's TCP write.
    const line = JSON.stringify({ Identifier: -1, Message: 'first line', Type: 'Generic', Stacktrace: '' });
    const port = await startTcpServer((socket) => {
      let request = '';
      socket.on('data', (chunk: Buffer) => {
        request += chunk.toString('latin1');
        const key = /Sec-WebSocket-Key: (\S+)/i.exec(request)?.[1];
        if (!request.includes('\r\n\r\n') || !key) return;
        socket.removeAllListeners('data');
        const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
        const frame = Buffer.concat([Buffer.from([0x81, Buffer.byteLength(line)]), Buffer.from(line)]);
        const head = `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`;
        socket.write(Buffer.concat([Buffer.from(head, 'latin1'), frame]));
      });
    });
    const client = clientFor(port);
    const message = nextMessage(client);
    await client.connect();
    expect((await message).text).toBe('first line');
  });
});
