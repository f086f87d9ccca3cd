import { describe, expect, it } from 'vitest';
import { createRemoteConsole } from '../../src/main/protocol/create-remote-console';
import { PROTOCOLS, PROTOCOL_DEFAULT_PORTS, type RemoteConsole } from '../../src/main/protocol/remote-console';
import { RconClient } from '../../src/main/rcon/client';
import { RconRequestError } from '../../src/main/rcon/errors';
import { ReferenceServer } from '../../src/reference-server/server';
import { useCleanups } from '../cleanups';

const defer = useCleanups();

describe('one client interface for every protocol', () => {
  it('gives the Source RCON client, unchanged, for rcon', async () => {
    const server = new ReferenceServer({ password: 'pw', broadcastIntervalMs: 0 });
    await server.listen();
    defer(() => server.close());
    const client: RemoteConsole = createRemoteConsole('rcon', { host: '127.0.0.1', port: server.port, password: 'pw' });
    defer(() => client.close());
    expect(client).toBeInstanceOf(RconClient);
    await client.connect();
    expect(await client.execute('echo hi')).toBe('hi');
    expect(client.dialect).toBe('source');
  });

  it('uses each protocol’s usual port when none is given', () => {
    for (const protocol of PROTOCOLS) {
      const client = createRemoteConsole(protocol, { host: 'example.invalid' });
      expect(client.address).toBe(`example.invalid:${PROTOCOL_DEFAULT_PORTS[protocol]}`);
    }
  });

  it('refuses an unknown protocol by name', () => {
    expect(() => createRemoteConsole('gopher' as never, { host: 'h' })).toThrow(RconRequestError);
    expect(() => createRemoteConsole('gopher' as never, { host: 'h' })).toThrow(/Unknown protocol "gopher"/);
  });
});
