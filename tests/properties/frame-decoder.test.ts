import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_PACKET_BYTES, FrameDecoder } from '../../src/main/rcon/frame-decoder';
import { RconProtocolError } from '../../src/main/rcon/errors';
import { RconMessage } from '../../src/main/rcon/packet';
import {
  assertSamePackets,
  checkDecoderOnStream,
  chunkingArb,
  encodeAll,
  feed,
  mutatedStreamArb,
  packetArb,
  referenceParse,
  split,
  type PacketSpec,
  TIME_BUDGET,
} from './support';

const RUNS = 300;

describe('RconMessage encode/decode (properties)', () => {
  it('decode(encode(m)) gives back m, with no bytes left over', () => {
    fc.assert(
      fc.property(packetArb, (spec) => {
        const [decoded, rest] = RconMessage.decode(new RconMessage(spec.id, spec.type, spec.body).encode());
        assertSamePackets([decoded], [spec], 'decode');
        expect(rest.length).toBe(0);
      }),
      { numRuns: RUNS, ...TIME_BUDGET },
    );
  });

  it('decode of arbitrary bytes returns a packet or throws RconProtocolError, nothing else', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 64 }),
          mutatedStreamArb.map((m) => m.stream),
        ),
        (bytes) => {
          const buffer = Buffer.from(bytes);
          let result: [RconMessage, Buffer];
          try {
            result = RconMessage.decode(buffer);
          } catch (error) {
            expect(error).toBeInstanceOf(RconProtocolError);
            return;
          }
          const [message, rest] = result;
          // The packet is the first frame of the buffer, and `rest` is exactly what follows it.
          const expected = referenceParse(buffer, Number.MAX_SAFE_INTEGER);
          expect(expected.packets.length).toBeGreaterThan(0);
          assertSamePackets([message], expected.packets.slice(0, 1), 'decode');
          expect(Buffer.compare(rest, buffer.subarray(expected.ends[0]))).toBe(0);
        },
      ),
      { numRuns: 1000, ...TIME_BUDGET },
    );
  });
});

describe('FrameDecoder (properties)', () => {
  it('round-trips any packets, cut into chunks anywhere, and ends with nothing buffered', () => {
    fc.assert(
      fc.property(fc.array(packetArb, { maxLength: 20 }), chunkingArb, (packets, chunking) => {
        const chunks = split(encodeAll(packets), chunking);
        const decoder = new FrameDecoder();
        const outcome = feed(decoder, chunks, DEFAULT_MAX_PACKET_BYTES);
        expect(outcome.error).toBeUndefined();
        assertSamePackets(outcome.delivered, packets, 'round trip');
        expect(decoder.bufferedBytes).toBe(0);
      }),
      { numRuns: RUNS, ...TIME_BUDGET },
    );
  });

  it('on any bytes, cut anywhere, yields packets or throws RconProtocolError, stays bounded, and stays failed', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.integer({ min: 10, max: 300 }),
        chunkingArb,
        (bytes, maxPacketBytes, chunking) => {
          const stream = Buffer.from(bytes);
          checkDecoderOnStream(stream, split(stream, chunking), maxPacketBytes);
        },
      ),
      { numRuns: 1000, ...TIME_BUDGET },
    );
  });

  it('on mutated packet streams (flips, truncations, size edits, inserted garbage) agrees with a reference parser', () => {
    fc.assert(
      fc.property(mutatedStreamArb, ({ stream, chunking, maxPacketBytes }) => {
        checkDecoderOnStream(stream, split(stream, chunking), maxPacketBytes);
      }),
      { numRuns: 1000, ...TIME_BUDGET },
    );
  });

  const garbageArb = fc.oneof(
    // A size field under the minimum or over the limit.
    fc.integer({ min: -0x80000000, max: 8 }).map((size) => {
      const b = Buffer.alloc(4);
      b.writeInt32LE(size, 0);
      return b;
    }),
    // A whole frame without its final NUL (its body NUL stays, so it cannot pass for a miscounted Palworld packet).
    fc.uint8Array({ maxLength: 20 }).map((body) => {
      const frame = new RconMessage(7, 0, Buffer.from(body)).encode();
      frame[frame.length - 1] = 0x41;
      return frame;
    }),
    // Text a non-RCON peer would send.
    fc.constantFrom('HTTP/1.1 400 Bad Request\r\n\r\n', 'SSH-2.0-OpenSSH_9.6\r\n').map((s) => Buffer.from(s)),
  );

  it('delivers exactly the packets before garbage that starts on a chunk boundary, then throws', () => {
    fc.assert(
      fc.property(
        fc.array(packetArb, { maxLength: 10 }),
        chunkingArb,
        garbageArb,
        chunkingArb,
        (packets, chunking, garbage, garbageChunking) => {
          const chunks = [...split(encodeAll(packets), chunking), ...split(garbage, garbageChunking)];
          const outcome = feed(new FrameDecoder(4096), chunks, 4096);
          expect(outcome.error).toBeInstanceOf(RconProtocolError);
          assertSamePackets(outcome.delivered, packets, 'before the garbage');
        },
      ),
      { numRuns: RUNS, ...TIME_BUDGET },
    );
  });

  // KNOWN ENGINE BUG (reported to the lead): when the last good packets and the start of the garbage
  // arrive in the same chunk, push() throws and the packets it had already cut from that chunk are
  // lost. `it.fails` keeps the suite green while the bug stands; turn it into `it` once fixed.
  it('delivers every packet before garbage, even when the garbage shares their chunk', () => {
    fc.assert(
      fc.property(
        fc.array(packetArb, { minLength: 1, maxLength: 10 }),
        garbageArb,
        chunkingArb,
        (packets, garbage, chunking) => {
          const chunks = split(Buffer.concat([encodeAll(packets), garbage]), chunking);
          const decoder = new FrameDecoder(4096);
          const delivered: PacketSpec[] = [];
          for (const chunk of chunks) {
            try {
              delivered.push(...decoder.push(chunk));
            } catch (error) {
              // A fix may hand them back on the error instead of from push().
              delivered.push(...((error as { delivered?: RconMessage[] }).delivered ?? []));
              break;
            }
          }
          expect(() => decoder.push(Buffer.alloc(0))).toThrow(RconProtocolError);
          assertSamePackets(delivered, packets, 'before the garbage');
        },
      ),
      { numRuns: RUNS, ...TIME_BUDGET },
    );
  });
});
