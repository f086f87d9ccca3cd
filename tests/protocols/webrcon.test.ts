import { afterEach, describe, expect, it } from 'vitest';
import { createRemoteConsole } from '../../src/main/protocol/create-remote-console';
import type { RemoteConsole, RemoteMessage } from '../../src/main/protocol/remote-console';
import { RconAuthError, RconConnectionError, RconProtocolError } from '../../src/main/rcon/errors';
import { WebRconReferenceServer } from '../../src/reference-server/protocols/webrcon-server';
import type { ProtocolServerOptions } from '../../src/reference-server/protocols/common';
import { deterministicBytes } from '../../src/reference-server/commands';
import { ReferenceServer } from '../../src/reference-server/server';

const PASSWORD = 'p@ss/word?#1';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startServer(options: ProtocolServerOptions = {}): Promise<WebRconReferenceServer> {
  const server = new WebRconReferenceServer({ password: PASSWORD, ...options });
  await server.listen();
  cleanups.push(() => server.close());
  return server;
}

function clientFor(port: number, password = PASSWORD): RemoteConsole {
  const client = createRemoteConsole('webrcon', { host: '127.0.0.1', port, password, commandTimeoutMs: 5_000 });
  cleanups.push(() => client.close());
  return client;
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
    cleanups.push(() => web.close());
    const client = clientFor(web.port);
    const error = await client.connect().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(RconProtocolError);
    expect((error as Error).message).toMatch(/instead of 101 Switching Protocols: is this a WebRCON port/);
  });
});
