/**
 * Shared pieces of the property tests and of the fuzz run (fuzz/fuzz-decoder.ts): arbitraries for
 * packets, chunkings and mutated streams, an independent reference parser, and checkers that
 * throw plain Errors so they work both under vitest and in a bare script.
 */
import fc from 'fast-check';
import { FrameDecoder } from '../../src/main/rcon/frame-decoder';
import { RconProtocolError } from '../../src/main/rcon/errors';
import { RconMessage } from '../../src/main/rcon/packet';
import { ResponseRouter, type RouteResult } from '../../src/main/rcon/response-router';

/**
 * Caps a property's whole run, shrinking included. Honest runs take well under a second; the cap
 * only matters when a property fails on big inputs, where shrinking could otherwise run for minutes
 * (fast-check still reports the failure, with the smallest counterexample found in time).
 */
export const TIME_BUDGET = { interruptAfterTimeLimit: 15_000 } as const;

export const INT32_MIN = -0x80000000;
export const INT32_MAX = 0x7fffffff;

export interface PacketSpec {
  id: number;
  type: number;
  body: Buffer;
}

const int32 = fc.integer({ min: INT32_MIN, max: INT32_MAX });
/** Mostly the ids and types real servers use, sometimes any int32. */
const smallOrAnyInt32 = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -2, max: 4 }) },
  { weight: 2, arbitrary: int32 },
);

/** Bodies are raw bytes: NULs anywhere, including at the end, and the odd big one. */
export const bodyArb: fc.Arbitrary<Buffer> = fc
  .oneof(
    { weight: 6, arbitrary: fc.uint8Array({ maxLength: 64 }) },
    { weight: 2, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 8 }).map((b) => Uint8Array.from([...b, 0])) },
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 1000, maxLength: 5000 }) },
  )
  .map((bytes) => Buffer.from(bytes));

export const packetArb: fc.Arbitrary<PacketSpec> = fc.record({
  id: smallOrAnyInt32,
  type: smallOrAnyInt32,
  body: bodyArb,
});

export function encodeAll(packets: readonly PacketSpec[]): Buffer {
  return Buffer.concat(packets.map((p) => new RconMessage(p.id, p.type, p.body).encode()));
}

/** How a byte stream is cut into chunks: arbitrary cut points (empty chunks included), or one byte at a time. */
export type Chunking = { kind: 'cuts'; cuts: number[] } | { kind: 'bytewise' } | { kind: 'whole' };

export const chunkingArb: fc.Arbitrary<Chunking> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('cuts' as const), cuts: fc.array(fc.nat(), { maxLength: 40 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'bytewise' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'whole' as const }) },
);

/** Cuts `stream` into fresh (unshared) chunks; repeated cut points give empty chunks. */
export function split(stream: Buffer, chunking: Chunking): Buffer[] {
  if (chunking.kind === 'whole') return [Buffer.from(stream)];
  if (chunking.kind === 'bytewise') return [...stream].map((byte) => Buffer.from([byte]));
  const points = chunking.cuts.map((cut) => cut % (stream.length + 1)).sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(Buffer.from(stream.subarray(start, point)));
    start = point;
  }
  chunks.push(Buffer.from(stream.subarray(start)));
  return chunks;
}

/** What a correct reading of a whole stream gives, computed without FrameDecoder or parsePacket. */
export interface ReferenceParse {
  packets: PacketSpec[];
  /** End offset in the stream of each packet. */
  ends: number[];
  /** Offset of the byte after which the stream is known to be corrupt, if it is. */
  errorEnd: number | undefined;
  /** Bytes of an incomplete last packet (0 when the stream is corrupt). */
  tail: number;
}

export function referenceParse(stream: Buffer, maxPacketBytes: number): ReferenceParse {
  const packets: PacketSpec[] = [];
  const ends: number[] = [];
  let offset = 0;
  for (;;) {
    const remaining = stream.length - offset;
    if (remaining < 4) return { packets, ends, errorEnd: undefined, tail: remaining };
    const size = stream.readInt32LE(offset);
    if (size < 9 || size > maxPacketBytes) return { packets, ends, errorEnd: offset + 4, tail: 0 };
    if (remaining < 4 + size) return { packets, ends, errorEnd: undefined, tail: remaining };
    let end = offset + 4 + size;
    if (stream[end - 1] !== 0) {
      const found = palworldEnd(stream, offset, end, maxPacketBytes);
      if (found.kind === 'error') return { packets, ends, errorEnd: found.at, tail: 0 };
      if (found.kind === 'wait') return { packets, ends, errorEnd: undefined, tail: remaining };
      end = found.end;
    }
    // Body: between the 12-byte header and the final NUL, minus the body's own NUL when present.
    let bodyEnd = end - 1;
    if (bodyEnd > offset + 12 && stream[bodyEnd - 1] === 0) bodyEnd -= 1;
    packets.push({
      id: stream.readInt32LE(offset + 4),
      type: stream.readInt32LE(offset + 8),
      body: Buffer.from(stream.subarray(offset + 12, bodyEnd)),
    });
    ends.push(end);
    // One NUL, non-ASCII text and a NUL next: the size field was one byte short, that NUL is the second terminator.
    const oneNul = end - 1 === bodyEnd;
    const start = offset;
    offset = end;
    if (oneNul && hasHighByte(stream.subarray(start + 12, end)) && stream[end] === 0) offset = end + 1;
  }
}

/** Where a packet whose size field counted characters (Palworld) really ends: the decoder's recovery, restated. */
function palworldEnd(
  stream: Buffer,
  offset: number,
  claimedEnd: number,
  maxPacketBytes: number,
): { kind: 'end'; end: number } | { kind: 'wait' } | { kind: 'error'; at: number } {
  const claimedBody = stream.subarray(offset + 12, claimedEnd);
  if (claimedBody.includes(0) || !hasHighByte(claimedBody)) return { kind: 'error', at: claimedEnd };
  const claimed = claimedEnd - offset;
  const limit = Math.min(4 + maxPacketBytes, 12 + 4 * (claimed - 12) + 2);
  const available = Math.min(stream.length - offset, limit);
  for (let at = claimedEnd; at < offset + available; at += 1) {
    if (stream[at] !== 0) continue;
    if (at + 1 < offset + available) return { kind: 'end', end: stream[at + 1] === 0 ? at + 2 : at + 1 };
    return available < limit ? { kind: 'wait' } : { kind: 'end', end: at + 1 };
  }
  return available < limit ? { kind: 'wait' } : { kind: 'error', at: offset + limit };
}

function hasHighByte(bytes: Buffer): boolean {
  return bytes.some((byte) => byte >= 0x80);
}

export function samePacket(a: PacketSpec, b: PacketSpec): boolean {
  return a.id === b.id && a.type === b.type && Buffer.compare(a.body, b.body) === 0;
}

export function describePacket(p: PacketSpec): string {
  return `{id ${p.id}, type ${p.type}, body ${p.body.length} bytes ${p.body.subarray(0, 16).toString('hex')}}`;
}

export function assert(condition: unknown, message: () => string): asserts condition {
  if (!condition) throw new Error(message());
}

export function assertSamePackets(actual: readonly PacketSpec[], expected: readonly PacketSpec[], what: string): void {
  assert(actual.length === expected.length, () => `${what}: ${actual.length} packets, expected ${expected.length}`);
  actual.forEach((packet, i) =>
    assert(
      samePacket(packet, expected[i]!),
      () => `${what}: packet ${i} is ${describePacket(packet)}, expected ${describePacket(expected[i]!)}`,
    ),
  );
}

export interface FeedOutcome {
  delivered: RconMessage[];
  error: unknown;
  /** Index of the chunk whose push threw (chunks.length for the empty push after the last chunk). */
  failedChunk: number | undefined;
  /** How many packets each push returned. */
  returned: number[];
  /** Stream offset of the first byte of that chunk. */
  failedChunkStart: number | undefined;
}

/**
 * Pushes every chunk, checking on the way the decoder's contract: only RconProtocolError is thrown,
 * the buffer stays under maxPacketBytes + 4, and once failed every push throws that same error.
 */
export function feed(decoder: FrameDecoder, chunks: readonly Buffer[], maxPacketBytes: number): FeedOutcome {
  const delivered: RconMessage[] = [];
  const returned: number[] = [];
  let error: unknown;
  let failedChunk: number | undefined;
  let failedChunkStart: number | undefined;
  let offset = 0;
  chunks.forEach((chunk, index) => {
    if (error !== undefined) {
      let again: unknown;
      try {
        decoder.push(chunk);
      } catch (e) {
        again = e;
      }
      assert(again === error, () => `push after a failure gave ${String(again)}, not the first error again`);
      assert(decoder.bufferedBytes === 0, () => `a failed decoder holds ${decoder.bufferedBytes} bytes`);
      return;
    }
    try {
      const packets = decoder.push(chunk);
      delivered.push(...packets);
      returned[index] = packets.length;
    } catch (e) {
      assert(e instanceof RconProtocolError, () => `push threw ${String(e)}, not an RconProtocolError`);
      error = e;
      failedChunk = index;
      failedChunkStart = offset;
    }
    offset += chunk.length;
    assert(
      decoder.bufferedBytes <= maxPacketBytes + 3,
      () => `the decoder buffers ${decoder.bufferedBytes} bytes, over maxPacketBytes + 3 = ${maxPacketBytes + 3}`,
    );
  });
  let last: unknown;
  try {
    decoder.push(Buffer.alloc(0));
  } catch (e) {
    last = e;
  }
  if (error !== undefined) {
    assert(last === error, () => 'an empty push after a failure did not throw the first error');
  } else if (last !== undefined) {
    // A decoder may hand back the packets before the corruption first and throw on the next push.
    assert(last instanceof RconProtocolError, () => `push threw ${String(last)}, not an RconProtocolError`);
    error = last;
    failedChunk = chunks.length;
    failedChunkStart = offset;
  }
  return { delivered, error, failedChunk, failedChunkStart, returned };
}

/**
 * The decoder's whole contract on one stream and chunking, against the reference parse: packets
 * come out exactly and in order, a corrupt stream throws on the chunk that reveals the corruption,
 * and packets wholly inside earlier chunks are all delivered before it.
 */
export function checkDecoderOnStream(stream: Buffer, chunks: readonly Buffer[], maxPacketBytes: number): void {
  const expected = referenceParse(stream, maxPacketBytes);
  const decoder = new FrameDecoder(maxPacketBytes);
  const outcome = feed(decoder, chunks, maxPacketBytes);
  if (expected.errorEnd === undefined) {
    assert(outcome.error === undefined, () => `a valid stream threw ${String(outcome.error)}`);
    assertSamePackets(outcome.delivered, expected.packets, 'valid stream');
    assert(
      decoder.bufferedBytes === expected.tail,
      () => `bufferedBytes is ${decoder.bufferedBytes}, expected the ${expected.tail}-byte tail`,
    );
    return;
  }
  assert(outcome.error !== undefined, () => `a stream corrupt at byte ${expected.errorEnd} did not throw`);
  // The chunk that threw is the one holding the last byte needed to see the corruption.
  let start = 0;
  let revealing = -1;
  for (let i = 0; i < chunks.length; i += 1) {
    if (start < expected.errorEnd && expected.errorEnd <= start + chunks[i]!.length) {
      revealing = i;
      break;
    }
    start += chunks[i]!.length;
  }
  // A decoder that returns the good packets of that chunk may throw on the next push instead.
  const deferred = (outcome.returned[revealing] ?? 0) > 0 && outcome.failedChunk === revealing + 1;
  assert(
    outcome.failedChunk === revealing || deferred,
    () => `threw on chunk ${outcome.failedChunk}, expected chunk ${revealing} (corrupt at byte ${expected.errorEnd})`,
  );
  if (outcome.failedChunk !== revealing) {
    // The failure must then not be forgotten: the decoder holds nothing and yields nothing more.
    assert(
      outcome.returned.slice(revealing + 1).every((n) => n === 0),
      () => 'packets came out of a stream after its corruption',
    );
  }
  // Delivered: a prefix of the good packets, holding at least every one that ended before that chunk.
  const mustHave = expected.ends.filter((end) => end <= outcome.failedChunkStart!).length;
  assert(
    outcome.delivered.length >= mustHave && outcome.delivered.length <= expected.packets.length,
    () =>
      `delivered ${outcome.delivered.length} packets before the error, expected ${mustHave}..${expected.packets.length}`,
  );
  assertSamePackets(outcome.delivered, expected.packets.slice(0, outcome.delivered.length), 'before the error');
}

/** Values a size field is likely to go wrong at, around a limit `max`. */
function sizeFieldArb(max: number): fc.Arbitrary<number> {
  return fc.oneof(
    fc.constantFrom(INT32_MIN, -1, 0, 9, 10, 11, max - 1, max, max + 1, INT32_MAX),
    fc.integer({ min: 0, max: max + 20 }),
    int32,
  );
}

export type Mutation =
  | { op: 'flip'; at: number; mask: number }
  | { op: 'truncate'; at: number }
  | { op: 'size'; at: number; value: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'delete'; at: number; length: number }
  | { op: 'duplicate'; at: number; length: number };

function mutationArb(max: number): fc.Arbitrary<Mutation> {
  const at = fc.nat();
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({ op: fc.constant('flip' as const), at, mask: fc.integer({ min: 1, max: 255 }) }),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('size' as const), at, value: sizeFieldArb(max) }) },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('insert' as const),
        at,
        bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constant('delete' as const), at, length: fc.integer({ min: 1, max: 16 }) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constant('duplicate' as const), at, length: fc.integer({ min: 1, max: 32 }) }),
    },
  );
}

export function mutate(stream: Buffer, mutations: readonly Mutation[], packetStarts: readonly number[]): Buffer {
  let out = Buffer.from(stream);
  for (const m of mutations) {
    const at = m.at % (out.length + 1);
    switch (m.op) {
      case 'flip':
        if (out.length > 0) out[m.at % out.length]! ^= m.mask;
        break;
      case 'truncate':
        out = out.subarray(0, at);
        break;
      case 'size': {
        // Mostly rewrite a real size field, sometimes four bytes anywhere.
        const start = packetStarts.length > 0 && m.at % 4 !== 0 ? packetStarts[m.at % packetStarts.length]! : at;
        if (start + 4 <= out.length) out.writeInt32LE(m.value, start);
        break;
      }
      case 'insert':
        out = Buffer.concat([out.subarray(0, at), m.bytes, out.subarray(at)]);
        break;
      case 'delete':
        out = Buffer.concat([out.subarray(0, at), out.subarray(at + m.length)]);
        break;
      case 'duplicate':
        out = Buffer.concat([
          out.subarray(0, at + m.length),
          out.subarray(at, at + m.length),
          out.subarray(at + m.length),
        ]);
        break;
    }
  }
  return out;
}

export interface MutatedStream {
  packets: PacketSpec[];
  maxPacketBytes: number;
  mutations: Mutation[];
  stream: Buffer;
  chunking: Chunking;
}

/** Valid packet streams with byte flips, truncations, size-field edits, inserted and deleted bytes. */
export const mutatedStreamArb: fc.Arbitrary<MutatedStream> = fc
  .integer({ min: 10, max: 700 })
  .chain((maxPacketBytes) =>
    fc.record({
      maxPacketBytes: fc.constant(maxPacketBytes),
      packets: fc.array(
        fc.record({
          id: smallOrAnyInt32,
          type: smallOrAnyInt32,
          body: fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b)),
        }),
        { maxLength: 12 },
      ),
      mutations: fc.array(mutationArb(maxPacketBytes), { maxLength: 4 }),
      chunking: chunkingArb,
    }),
  )
  .map(({ maxPacketBytes, packets, mutations, chunking }) => {
    const clean = encodeAll(packets);
    const starts: number[] = [];
    let offset = 0;
    for (const p of packets) {
      starts.push(offset);
      offset += 14 + p.body.length;
    }
    return { packets, maxPacketBytes, mutations, chunking, stream: mutate(clean, mutations, starts) };
  });

/**
 * Wraps a ResponseRouter and checks every result against what the router was told: parts only for
 * commands in flight, a completed body equal to exactly that command's parts in order, at most one
 * 'too-large' and nothing after it, unsolicited packets handed back untouched and never for an id
 * in use, inFlight equal to the commands open.
 */
export class CheckedRouter {
  readonly router: ResponseRouter;
  private readonly open = new Map<number, { sentinelId: number | undefined; parts: Buffer[]; bytes: number }>();
  private readonly sentinelOf = new Map<number, number>();
  private readonly ended = new Set<number>();
  readonly completed = new Map<number, Buffer>();
  readonly tooLarge = new Map<number, number>();
  readonly unsolicited: RconMessage[] = [];

  constructor(readonly maxResponseBytes: number) {
    this.router = new ResponseRouter(maxResponseBytes);
  }

  openCommand(commandId: number, sentinelId?: number): void {
    this.router.open(commandId, sentinelId);
    this.open.set(commandId, { sentinelId, parts: [], bytes: 0 });
    this.ended.delete(commandId);
    if (sentinelId !== undefined) this.sentinelOf.set(sentinelId, commandId);
    this.checkInFlight();
  }

  abandon(commandId: number): void {
    this.router.abandon(commandId);
    this.end(commandId);
    this.checkInFlight();
  }

  finish(commandId: number): Buffer | undefined {
    const expected = this.open.get(commandId);
    const response = this.router.finish(commandId);
    if (!expected) {
      assert(response === undefined, () => `finish(${commandId}) answered for a command not in flight`);
    } else {
      assert(response !== undefined, () => `finish(${commandId}) gave nothing for a command in flight`);
      this.checkBody(commandId, response.body, response.packets, expected.parts);
      this.completed.set(commandId, response.body);
      this.end(commandId);
    }
    this.checkInFlight();
    return response?.body;
  }

  route(message: RconMessage): RouteResult {
    const result = this.router.route(message);
    const own = this.open.get(message.id);
    const sentinelFor = this.sentinelOf.get(message.id);
    switch (result.kind) {
      case 'part': {
        assert(own && result.commandId === message.id, () => `'part' for id ${message.id}, which is not in flight`);
        own.parts.push(message.body);
        own.bytes += message.body.length;
        assert(own.bytes <= this.maxResponseBytes, () => `'part' took command ${message.id} over the limit`);
        break;
      }
      case 'too-large': {
        assert(own && result.commandId === message.id, () => `'too-large' for id ${message.id}, not in flight`);
        assert(!this.tooLarge.has(message.id), () => `a second 'too-large' for command ${message.id}`);
        const bytes = own.bytes + message.body.length;
        assert(
          result.bytes === bytes && bytes > this.maxResponseBytes,
          () => `'too-large' says ${result.bytes} bytes, the parts add up to ${bytes}`,
        );
        this.tooLarge.set(message.id, bytes);
        this.end(message.id);
        break;
      }
      case 'complete': {
        assert(!own, () => `'complete' from a packet with the id of command ${message.id}, which is in flight`);
        assert(
          sentinelFor !== undefined && result.commandId === sentinelFor,
          () => `'complete' for command ${result.commandId} from id ${message.id}, which is not its sentinel`,
        );
        const expected = this.open.get(sentinelFor);
        assert(expected, () => `'complete' for command ${sentinelFor}, which is not in flight`);
        this.checkBody(sentinelFor, result.response.body, result.response.packets, expected.parts);
        this.completed.set(sentinelFor, result.response.body);
        this.end(sentinelFor);
        break;
      }
      case 'unsolicited': {
        assert(result.message === message, () => `'unsolicited' handed back a different message`);
        assert(!own && sentinelFor === undefined, () => `'unsolicited' for id ${message.id}, which is in use`);
        this.unsolicited.push(message);
        break;
      }
      case 'swallowed':
        assert(!own, () => `a packet of command ${message.id}, in flight, was swallowed`);
        if (sentinelFor !== undefined) {
          assert(!this.open.has(sentinelFor), () => `the sentinel reply of command ${sentinelFor} was swallowed`);
        }
        break;
    }
    this.checkInFlight();
    return result;
  }

  private end(commandId: number): void {
    const entry = this.open.get(commandId);
    if (!entry) return;
    this.open.delete(commandId);
    this.ended.add(commandId);
    if (entry.sentinelId !== undefined) this.sentinelOf.delete(entry.sentinelId);
  }

  private checkBody(commandId: number, body: Buffer, packets: number, parts: readonly Buffer[]): void {
    const expected = Buffer.concat(parts);
    assert(
      Buffer.compare(body, expected) === 0,
      () => `command ${commandId} completed with ${body.length} bytes, not the ${expected.length} of its parts`,
    );
    assert(packets === parts.length, () => `command ${commandId} says ${packets} packets, had ${parts.length}`);
  }

  private checkInFlight(): void {
    assert(
      this.router.inFlight === this.open.size,
      () => `inFlight is ${this.router.inFlight}, ${this.open.size} commands are open`,
    );
  }
}

/** The commands of a routing scenario open at ids 1, 3, 5... with sentinels 2, 4, 6..., as the client does. */
export function routeStream(
  packets: readonly RconMessage[],
  commands: number,
  maxResponseBytes: number,
): CheckedRouter {
  const checked = new CheckedRouter(maxResponseBytes);
  for (let i = 0; i < commands; i += 1) checked.openCommand(2 * i + 1, 2 * i + 2);
  for (const packet of packets) checked.route(packet);
  return checked;
}
