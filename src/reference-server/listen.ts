import type { AddressInfo, Server } from 'node:net';

/** Listens on host and port (0: any free port), resolving to the port bound, or rejecting with the listen error. */
export async function listenTcp(server: Server, host: string, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}
