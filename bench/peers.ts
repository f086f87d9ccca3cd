import { Rcon as RconClientPeer } from 'rcon-client';
import RconSrcdsPeer from 'rcon-srcds';
import { RconClient } from '../src/main/rcon/client';

/** The smallest surface every client under test offers, so each benchmark runs the same code for all. */
export interface BenchClient {
  name: string;
  /** Whether several commands may be in flight at once; peers without it get one at a time. */
  pipelines: boolean;
  execute(command: string): Promise<string>;
  close(): Promise<void>;
}

export type ClientFactory = (port: number, password: string) => Promise<BenchClient>;

export const OUR_NAME = 'rcon-desk engine';

export const factories: Record<string, ClientFactory> = {
  [OUR_NAME]: async (port, password) => {
    const client = await RconClient.open({ host: '127.0.0.1', port, password, commandTimeoutMs: 30_000 });
    return { name: OUR_NAME, pipelines: true, execute: (c) => client.execute(c), close: () => client.close() };
  },
  'rcon-client': async (port, password) => {
    // maxPending lets rcon-client keep several requests in flight; it matches answers by id.
    const client = await RconClientPeer.connect({ host: '127.0.0.1', port, password, timeout: 30_000, maxPending: 64 });
    return { name: 'rcon-client', pipelines: true, execute: (c) => client.send(c), close: () => client.end() };
  },
  'rcon-srcds': async (port, password) => {
    const client = new RconSrcdsPeer({ host: '127.0.0.1', port, timeout: 30_000, maxPacketSize: 0 });
    await client.authenticate(password);
    return {
      name: 'rcon-srcds',
      // Its answers are matched by a random id in 1..255 and every socket read is taken for one packet.
      pipelines: false,
      execute: async (c) => String(await client.execute(c)),
      close: async () => client.disconnect(),
    };
  },
};
