import { ReferenceServer } from '../src/reference-server/server';
import type { PersonalityName } from '../src/reference-server/options';

/**
 * The reference server in its own process for benchmarks, so that the client under test does
 * not share an event loop with it. Prints its port, then runs until stdin closes.
 * `server-process.ts PERSONALITY paced` pauses 1 ms between packets, so that every packet arrives in
 * a read of its own: the only way rcon-srcds, which takes each read for one packet, can work.
 * `late` answers everything but the login 400 ms late (bench/quirks.ts).
 */
const LATE_MS = 400;

async function main(): Promise<void> {
  const personality = (process.argv[2] ?? 'srcds') as PersonalityName;
  const faults =
    process.argv[3] === 'paced'
      ? { packetIntervalMs: 1 }
      : process.argv[3] === 'late'
        ? { commandDelayMs: LATE_MS }
        : {};
  const server = new ReferenceServer({
    password: 'bench',
    personality,
    banAfterFailures: 0,
    broadcastIntervalMs: 0,
    faults,
  });
  const { port } = await server.listen();
  process.stdout.write(`${port}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    void server.close().then(() => process.exit(0));
  });
}

void main();
