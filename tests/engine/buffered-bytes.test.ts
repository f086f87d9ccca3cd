import { afterEach, describe, expect, it } from 'vitest';
import { RconClient } from '../../src/main/rcon/client';
import { RconResponseTooLargeError } from '../../src/main/rcon/errors';
import { interleavingServer } from './raw-server';

/**
 * Issue 10: the answer limit was per command, and a server chooses the order of its packets. By
 * interleaving the answers of pipelined commands it made the client buffer all of them at once
 * (four 64 MiB answers reached 489 MB). The connection-wide limit bounds their sum.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const COMMANDS = 4;
const PACKETS_PER_ANSWER = 100;
const PACKET_BYTES = 4000;
const ANSWER_BYTES = PACKETS_PER_ANSWER * PACKET_BYTES;

async function runPipelined(options: { maxBufferedResponseBytes?: number }): Promise<PromiseSettledResult<string>[]> {
  const server = interleavingServer(COMMANDS, PACKETS_PER_ANSWER, PACKET_BYTES);
  cleanups.push(() => server.close());
  const port = await server.listen();
  const client = new RconClient({ host: '127.0.0.1', port, password: 'pw', dialect: 'source', ...options });
  cleanups.push(() => client.close());
  await client.connect();
  return Promise.allSettled(Array.from({ length: COMMANDS }, (_, i) => client.execute(`flood ${i}`)));
}

describe('answer bytes buffered per connection', () => {
  it('without a tight limit, four interleaved answers are all buffered and returned (the control)', async () => {
    const results = await runPipelined({});
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    for (const result of results) expect(result.status === 'fulfilled' && result.value.length).toBe(ANSWER_BYTES);
  });

  it('with the limit, the commands that would pass it fail with a typed error and the others complete whole', async () => {
    const limit = 2 * ANSWER_BYTES;
    const results = await runPipelined({ maxBufferedResponseBytes: limit });
    const failed = results.filter((result) => result.status === 'rejected');
    const done = results.filter((result) => result.status === 'fulfilled');
    expect(failed.length).toBeGreaterThan(0);
    expect(done.length).toBeGreaterThan(0);
    for (const result of failed) {
      const reason = (result as PromiseRejectedResult).reason as Error;
      expect(reason).toBeInstanceOf(RconResponseTooLargeError);
      expect(reason.message).toMatch(/commands in flight together pass the limit of 781\.3 KiB on one connection/);
    }
    for (const result of done) expect((result as PromiseFulfilledResult<string>).value.length).toBe(ANSWER_BYTES);
  });
});
