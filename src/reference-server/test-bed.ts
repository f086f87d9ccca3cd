import { PacketType } from '../main/rcon/packet';
import type { ReferenceServerOptions } from './options';
import { RawRconClient } from './raw-rcon-client';
import { ReferenceServer } from './server';

export const PASSWORD = 'secret';

/** Servers and raw clients of one test file, all torn down by cleanup() (call it in afterEach). */
export class TestBed {
  private readonly servers: ReferenceServer[] = [];
  private readonly clients: RawRconClient[] = [];

  async server(options: ReferenceServerOptions = {}): Promise<ReferenceServer> {
    const server = new ReferenceServer({ password: PASSWORD, ...options });
    this.servers.push(server);
    await server.listen();
    return server;
  }

  async client(server: ReferenceServer, localAddress?: string): Promise<RawRconClient> {
    const client = await RawRconClient.connect(server.port, { localAddress });
    this.clients.push(client);
    return client;
  }

  /** A logged-in client; the login's answer (two packets for Source, one otherwise) is consumed. */
  async login(server: ReferenceServer, answerPackets = 2): Promise<RawRconClient> {
    const client = await this.client(server);
    client.send(999, PacketType.AUTH, PASSWORD);
    await client.read(answerPackets);
    return client;
  }

  async cleanup(): Promise<void> {
    for (const client of this.clients.splice(0)) client.close();
    await Promise.all(this.servers.splice(0).map((server) => server.close()));
  }
}

/** Polls `done` until it holds; for server state that changes on socket events. */
export async function waitUntil(done: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
