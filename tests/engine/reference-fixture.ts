import { RconClient } from '../../src/main/rcon/client';
import type { RconClientOptions } from '../../src/main/rcon/options';
import type { ReferenceServerOptions } from '../../src/reference-server/options';
import { ReferenceServer } from '../../src/reference-server/server';
import { useCleanups } from '../cleanups';

export const PASSWORD = 'hunter2';

/**
 * The engine tests' setup: reference servers with no chat timer (so only what a test asks for
 * arrives), clients logged in with the server's password, and both closed after each test.
 */
export function useReferenceFixture() {
  const defer = useCleanups();

  async function startServer(options: ReferenceServerOptions = {}): Promise<ReferenceServer> {
    const server = new ReferenceServer({ password: PASSWORD, broadcastIntervalMs: 0, ...options });
    await server.listen();
    defer(() => server.close());
    return server;
  }

  function clientFor(server: ReferenceServer, options: Partial<RconClientOptions> = {}): RconClient {
    const client = new RconClient({ host: '127.0.0.1', port: server.port, password: PASSWORD, ...options });
    defer(() => client.close());
    return client;
  }

  async function connected(server: ReferenceServer, options: Partial<RconClientOptions> = {}): Promise<RconClient> {
    const client = clientFor(server, options);
    await client.connect();
    return client;
  }

  return { defer, startServer, clientFor, connected };
}
