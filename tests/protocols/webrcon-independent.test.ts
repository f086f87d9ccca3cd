import { describe, expect, it } from 'vitest';
import { WebRconClient } from '../../src/main/webrcon/client';
import { RconAuthError } from '../../src/main/rcon/errors';
import { WebRconReferenceServer } from '../../src/reference-server/protocols/webrcon-server';
import { IndependentWebSocket, IndependentWebSocketServer, type WsServer } from './independent-websocket';
import { useCleanups } from '../cleanups';

/**
 * WebRCON against a WebSocket implementation this project did not write (`ws`, see
 * independent-websocket.ts), both ways. The JSON on top follows Rust's documented message format.
 */
const PASSWORD = 'letmein';
const defer = useCleanups();

async function startRustLikeServer(): Promise<WsServer> {
  const server = new IndependentWebSocketServer({
    host: '127.0.0.1',
    port: 0,
    // Rust refuses the upgrade when the path is not the password.
    verifyClient: (info, callback) => callback(info.req.url === `/${PASSWORD}`, 401),
  });
  await new Promise<void>((resolve) => server.on('listening', resolve));
  server.on('connection', (socket) => {
    socket.on('message', (data) => {
      const request = JSON.parse(data.toString('utf8')) as { Identifier: number; Message: string };
      // A console line pushed before the answer, as Rust does while a command runs.
      socket.send(
        JSON.stringify({ Identifier: -1, Message: `[RCON] ran ${request.Message}`, Type: 'Generic', Stacktrace: '' }),
      );
      socket.send(
        JSON.stringify({
          Identifier: request.Identifier,
          Message: `ok: ${request.Message}`,
          Type: 'Generic',
          Stacktrace: '',
        }),
      );
    });
  });
  defer(
    () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  );
  return server;
}

describe('WebRCON and the ws package', () => {
  it('our client talks to a ws server: answers by Identifier, pushed lines as messages', async () => {
    const server = await startRustLikeServer();
    const client = new WebRconClient({ host: '127.0.0.1', port: server.address().port, password: PASSWORD });
    defer(() => client.close());
    const messages: string[] = [];
    client.on('message', (message) => messages.push(message.text));
    await client.connect();
    expect(await Promise.all([client.execute('status'), client.execute('serverinfo')])).toEqual([
      'ok: status',
      'ok: serverinfo',
    ]);
    expect(messages).toEqual(['[RCON] ran status', '[RCON] ran serverinfo']);
  });

  it('our client reads a ws server refusing the upgrade as a wrong password', async () => {
    const server = await startRustLikeServer();
    const client = new WebRconClient({ host: '127.0.0.1', port: server.address().port, password: 'nope' });
    defer(() => client.close());
    await expect(client.connect()).rejects.toBeInstanceOf(RconAuthError);
  });

  it('a ws client talks to our reference server', async () => {
    const server = new WebRconReferenceServer({ password: PASSWORD });
    await server.listen();
    defer(() => server.close());
    const socket = new IndependentWebSocket(`ws://127.0.0.1:${server.port}/${PASSWORD}`);
    defer(async () => socket.terminate());
    await new Promise<void>((resolve, reject) => {
      socket.on('open', resolve);
      socket.on('error', reject);
    });
    const answer = new Promise<unknown>((resolve) =>
      socket.on('message', (data) => resolve(JSON.parse(data.toString('utf8')))),
    );
    socket.send(JSON.stringify({ Identifier: 42, Message: 'echo from ws', Name: 'ws' }));
    expect(await answer).toEqual({ Identifier: 42, Message: 'from ws', Type: 'Generic', Stacktrace: '' });
  });

  it('our reference server refuses a ws client with a wrong password with HTTP 401', async () => {
    const server = new WebRconReferenceServer({ password: PASSWORD });
    await server.listen();
    defer(() => server.close());
    const socket = new IndependentWebSocket(`ws://127.0.0.1:${server.port}/wrong`);
    defer(async () => socket.terminate());
    const status = await new Promise<number | undefined>((resolve) => {
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode));
      socket.on('error', () => resolve(undefined));
    });
    expect(status).toBe(401);
  });
});
