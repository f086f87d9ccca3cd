/**
 * A time-bounded fuzz run of the protocol engine's input side: FrameDecoder, RconMessage.decode and
 * ResponseRouter, fed valid packet streams with byte flips, truncations, size-field edits, inserted,
 * deleted and duplicated bytes, cut into chunks anywhere. Every input is checked against an
 * independent reference parser and the router's contract (tests/properties/support.ts).
 *
 *   tsx fuzz/fuzz-decoder.ts [--seconds 60] [--seed N]
 *
 * Prints `inputs tried: N, failures: 0` and exits 0, or prints the shrunk counterexample and exits 1.
 * Jazzer.js was tried first and cannot run here: see docs/robustness.md.
 */
import fc from 'fast-check';
import { RconProtocolError } from '../src/main/rcon/errors';
import { FrameDecoder } from '../src/main/rcon/frame-decoder';
import { RconMessage } from '../src/main/rcon/packet';
import {
  assert,
  checkDecoderOnStream,
  chunkingArb,
  encodeAll,
  mutatedStreamArb,
  packetArb,
  routeStream,
  split,
  type MutatedStream,
} from '../tests/properties/support';

function option(name: string, fallback: number | undefined): number | undefined {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value)) {
    console.error(`--${name} needs a whole number`);
    process.exit(2);
  }
  return value;
}

const seconds = option('seconds', 60)!;
const seed = option('seed', undefined) ?? (Date.now() ^ (Math.random() * 0x100000000)) | 0;

/** Mostly mutated packet streams; some raw random bytes and some clean streams keep both ends covered. */
const inputArb: fc.Arbitrary<MutatedStream> = fc.oneof(
  { weight: 8, arbitrary: mutatedStreamArb },
  {
    weight: 1,
    arbitrary: fc
      .record({
        bytes: fc.uint8Array({ maxLength: 300 }),
        max: fc.integer({ min: 10, max: 300 }),
        chunking: chunkingArb,
      })
      .map(({ bytes, max, chunking }) => ({
        packets: [],
        mutations: [],
        maxPacketBytes: max,
        chunking,
        stream: Buffer.from(bytes),
      })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ packets: fc.array(packetArb, { maxLength: 6 }), chunking: chunkingArb })
      .map(({ packets, chunking }) => ({
        packets,
        mutations: [],
        maxPacketBytes: 8192,
        chunking,
        stream: encodeAll(packets),
      })),
  },
);

let inputs = 0;
const started = Date.now();
let lastReport = started;

const property = fc.property(
  inputArb,
  fc.integer({ min: 0, max: 6 }),
  fc.integer({ min: 0, max: 300 }),
  (input, commands, maxResponseBytes) => {
    inputs += 1;
    const now = Date.now();
    if (now - lastReport >= 10_000) {
      lastReport = now;
      console.error(`  ${Math.round((now - started) / 1000)} s: ${inputs} inputs`);
    }
    const chunks = split(input.stream, input.chunking);

    // 1. The decoder against the reference parser, with its buffer bound and sticky failure.
    checkDecoderOnStream(input.stream, chunks, input.maxPacketBytes);

    // 2. One-shot decode: a packet or an RconProtocolError, never anything else.
    try {
      RconMessage.decode(input.stream);
    } catch (error) {
      assert(error instanceof RconProtocolError, () => `RconMessage.decode threw ${String(error)}`);
    }

    // 3. The router on whatever the decoder let through, opened like the client opens commands.
    const decoder = new FrameDecoder(input.maxPacketBytes);
    const packets: RconMessage[] = [];
    for (const chunk of chunks) {
      try {
        packets.push(...decoder.push(chunk));
      } catch {
        break;
      }
    }
    routeStream(packets, commands, maxResponseBytes);
  },
);

console.log(`fuzzing FrameDecoder + RconMessage.decode + ResponseRouter for ${seconds} s (seed ${seed})`);
const details = fc.check(property, {
  seed,
  numRuns: Number.MAX_SAFE_INTEGER,
  interruptAfterTimeLimit: seconds * 1000,
  markInterruptAsFailure: false,
});
const elapsed = ((Date.now() - started) / 1000).toFixed(1);

if (details.failed) {
  console.log(fc.defaultReportMessage(details) ?? 'failed');
  console.log(`inputs tried: ${inputs}, failures: 1 (seed ${seed}, ${elapsed} s; rerun with --seed ${seed})`);
  process.exit(1);
}
console.log(`inputs tried: ${inputs}, failures: 0 (seed ${seed}, ${elapsed} s)`);
