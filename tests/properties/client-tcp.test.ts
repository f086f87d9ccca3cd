import type net from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RconClient } from '../../src/main/rcon/client';
import { RconResponseTooLargeError } from '../../src/main/rcon/errors';
import { PacketType, RconMessage } from '../../src/main/rcon/packet';
import { acceptSourceLogin, ScriptedServer } from '../engine/raw-server';

const SOURCE_TRAILER = Buffer.from([0, 1, 0, 0]);
/** Client ids start at 1, so id 0 is free for packets the server sends unasked. */
const BROADCAST_ID = 0;

interface Answer {
  size: number;
  seed: number;
  /** The server sends an unsolicited packet just before this answer. */
  broadcastBefore: boolean;
}

interface Script {
  personality: 'source' | 'minecraft';
  auto: boolean;
  answers: Answer[];
  /** Body bytes per answer packet. */
  fragment: number;
  /** Sizes of the server's writes, used in turn: its output is cut there whatever the packet bounds. */
  writes: number[];
  /** The client's answer limit, when set: answers over it must fail alone, the rest still resolve. */
  maxResponseBytes: number | null;
  /**
   * Moves the client's last request id near 2^31 - 1 after login, so the commands' ids wrap around.
   * Only without `auto`: a wrapped id can land on the detection probe's, whose late trailer then
   * corrupts that command (the known bug reproduced below).
   */
  lastId: number | null;
}

const answerArb: fc.Arbitrary<Answer> = fc.record({
  size: fc.oneof(
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 100 }) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 20000 }) },
    { weight: 1, arbitrary: fc.constantFrom(0, 1, 4095, 4096, 4097, 8192, 20000) },
  ),
  seed: fc.nat(),
  broadcastBefore: fc.boolean(),
});

/** The value one time in three, null otherwise. */
function oneRunInThree<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });
}

const scriptArb: fc.Arbitrary<Script> = fc.record({
  personality: fc.constantFrom<Script['personality']>('source', 'minecraft'),
  auto: fc.boolean(),
  answers: fc.array(answerArb, { minLength: 1, maxLength: 8 }),
  fragment: fc.oneof(fc.constant(4096), fc.integer({ min: 100, max: 5000 })),
  writes: fc.array(
    fc.oneof(
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 16 }) },
      { weight: 3, arbitrary: fc.integer({ min: 17, max: 2000 }) },
      { weight: 2, arbitrary: fc.integer({ min: 2001, max: 30000 }) },
    ),
    { minLength: 1, maxLength: 10 },
  ),
  maxResponseBytes: oneRunInThree(fc.integer({ min: 1, max: 20000 })),
  lastId: oneRunInThree(fc.integer({ min: 0x7fffffff - 12, max: 0x7fffffff })),
});

/** Bytes of any value, NULs included, the same for the same size and seed. */
function answerBytes(size: number, seed: number): Buffer {
  const out = Buffer.alloc(size);
  let x = seed | 1;
  for (let i = 0; i < size; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Queues the server's output and writes it in the script's chunk sizes, yielding between writes. */
class ChoppyWriter {
  private readonly queue: Buffer[] = [];
  private pumping = false;
  private next = 0;

  constructor(
    private readonly socket: net.Socket,
    private readonly writes: readonly number[],
  ) {}

  send(...packets: Buffer[]): void {
    this.queue.push(...packets);
    if (!this.pumping) void this.pump();
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    let pending = Buffer.concat(this.queue.splice(0));
    while (pending.length > 0 && !this.socket.destroyed) {
      const size = this.writes[this.next % this.writes.length]!;
      this.next += 1;
      this.socket.write(pending.subarray(0, size));
      pending = pending.subarray(size);
      await new Promise((resolve) => setImmediate(resolve));
      if (this.queue.length > 0) pending = Buffer.concat([pending, ...this.queue.splice(0)]);
    }
    this.pumping = false;
  }
}

async function runScript(script: Script): Promise<void> {
  const writers = new WeakMap<net.Socket, ChoppyWriter>();
  const answers = script.answers.map((a) => answerBytes(a.size, a.seed));
  const server = new ScriptedServer(
    (socket, message) => {
      const out = writers.get(socket)!;
      if (message.type === PacketType.AUTH) {
        if (script.personality === 'source') out.send(new RconMessage(message.id, PacketType.RESPONSE_VALUE).encode());
        out.send(new RconMessage(message.id, PacketType.AUTH_RESPONSE).encode());
      } else if (message.type === PacketType.EXECCOMMAND) {
        const index = Number(message.body.toString().replace('cmd ', ''));
        const answer = answers[index]!;
        if (script.answers[index]!.broadcastBefore) {
          out.send(RconMessage.fromText(BROADCAST_ID, PacketType.RESPONSE_VALUE, `chat before ${index}`).encode());
        }
        const packets: Buffer[] = [];
        for (let at = 0; at === 0 || at < answer.length; at += script.fragment) {
          packets.push(
            new RconMessage(message.id, PacketType.RESPONSE_VALUE, answer.subarray(at, at + script.fragment)).encode(),
          );
        }
        out.send(...packets);
      } else if (script.personality === 'source') {
        out.send(
          new RconMessage(message.id, PacketType.RESPONSE_VALUE).encode(),
          new RconMessage(message.id, PacketType.RESPONSE_VALUE, SOURCE_TRAILER).encode(),
        );
      } else {
        out.send(RconMessage.fromText(message.id, PacketType.RESPONSE_VALUE, 'Unknown request 0').encode());
      }
    },
    (socket) => {
      socket.setNoDelay(true);
      writers.set(socket, new ChoppyWriter(socket, script.writes));
    },
  );
  const port = await server.listen();
  const client = new RconClient({
    host: '127.0.0.1',
    port,
    password: 'pw',
    dialect: script.auto && script.lastId === null ? 'auto' : script.personality,
    // Far above any honest run; a lost packet shows up as a timeout instead of a hung test.
    commandTimeoutMs: 10_000,
    detectTimeoutMs: 5_000,
    ...(script.maxResponseBytes === null ? {} : { maxResponseBytes: script.maxResponseBytes }),
  });
  const broadcasts: string[] = [];
  client.on('message', (m) => broadcasts.push(m.text));
  try {
    await client.connect();
    expect(client.dialect).toBe(script.personality);
    // A private field, set only to reach the wrap-around without 2^31 commands.
    if (script.lastId !== null) (client as unknown as { lastId: number }).lastId = script.lastId;
    const results = await Promise.allSettled(answers.map((_, i) => client.executeRaw(`cmd ${i}`)));
    results.forEach((settled, i) => {
      const expected = answers[i]!;
      if (script.maxResponseBytes !== null && expected.length > script.maxResponseBytes) {
        expect(settled.status === 'rejected' && settled.reason).toBeInstanceOf(RconResponseTooLargeError);
        return;
      }
      if (settled.status === 'rejected') throw settled.reason;
      const result = settled.value;
      expect(result.body.length).toBe(expected.length);
      expect(Buffer.compare(result.body, expected)).toBe(0);
      expect(result.packets).toBe(Math.max(1, Math.ceil(expected.length / script.fragment)));
    });
    const expectedBroadcasts = script.answers.flatMap((a, i) => (a.broadcastBefore ? [`chat before ${i}`] : []));
    expect(broadcasts).toEqual(expectedBroadcasts);
    expect(client.status).toBe('ready');
  } finally {
    await client.close();
    await server.close();
  }
}

describe('RconClient over real TCP (properties)', () => {
  it('resolves every pipelined command to exactly its own answer, whatever the server write chunking', async () => {
    await fc.assert(fc.asyncProperty(scriptArb, runScript), { numRuns: 50, interruptAfterTimeLimit: 20_000 });
  }, 60_000);

  // KNOWN ENGINE BUG (reported to the lead): after the request ids wrap around 2^31 - 1 they restart
  // at 1, and a command can be given the id of the dialect probe (2), which the router still expects
  // a late Source trailer for. Here that trailer reaches the client after the command is sent, so
  // `00 01 00 00` is glued to the front of its answer (as the TCP property found with 1-byte writes).
  // `it.fails` keeps the suite green while the bug stands; turn it into `it` once fixed.
  it('never gives a command an id whose late packets are still expected, across the id wrap', async () => {
    let heldTrailer: Buffer | undefined;
    const server = new ScriptedServer((socket, message) => {
      if (acceptSourceLogin(socket, message)) return;
      const mirror = new RconMessage(message.id, PacketType.RESPONSE_VALUE).encode();
      const trailer = new RconMessage(message.id, PacketType.RESPONSE_VALUE, SOURCE_TRAILER).encode();
      if (message.type === PacketType.EXECCOMMAND) {
        // The probe's trailer was held back, as if it sat in a later TCP segment.
        if (heldTrailer) socket.write(heldTrailer);
        heldTrailer = undefined;
        socket.write(RconMessage.fromText(message.id, PacketType.RESPONSE_VALUE, `ran ${message.body}`).encode());
      } else if (heldTrailer === undefined && message.id === 2) {
        socket.write(mirror);
        heldTrailer = trailer;
      } else {
        socket.write(Buffer.concat([mirror, trailer]));
      }
    });
    const port = await server.listen();
    const client = new RconClient({ host: '127.0.0.1', port, password: 'pw', dialect: 'auto' });
    try {
      await client.connect();
      expect(client.dialect).toBe('source');
      // Login took id 1 and the probe id 2; the next commands get 2^31 - 1 (sentinel 1), then 2 (sentinel 3).
      (client as unknown as { lastId: number }).lastId = 0x7fffffff - 1;
      const [first, second] = await Promise.all([client.execute('a'), client.execute('b')]);
      expect(first).toBe('ran a');
      expect(second).toBe('ran b');
    } finally {
      await client.close();
      await server.close();
    }
  });

  // KNOWN ENGINE BUG (reported to the lead): an answer that arrived whole is lost when garbage follows
  // it in the same TCP chunk, because FrameDecoder.push throws away the packets it cut from that chunk.
  // `it.fails` keeps the suite green while the bug stands; turn it into `it` once fixed.
  it('resolves a command whose whole answer arrived before garbage in the same chunk', async () => {
    const server = new ScriptedServer((socket, message) => {
      if (message.type === PacketType.AUTH) {
        socket.write(new RconMessage(message.id, PacketType.AUTH_RESPONSE).encode());
      } else if (message.type === PacketType.EXECCOMMAND) {
        const sentinelId = message.id + 1;
        socket.write(
          Buffer.concat([
            RconMessage.fromText(message.id, 0, 'the answer').encode(),
            RconMessage.fromText(sentinelId, 0, 'Unknown request 0').encode(),
            Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n'),
          ]),
        );
      }
    });
    const port = await server.listen();
    const client = new RconClient({ host: '127.0.0.1', port, password: 'pw', dialect: 'minecraft' });
    try {
      await client.connect();
      await expect(client.execute('status')).resolves.toBe('the answer');
    } finally {
      await client.close();
      await server.close();
    }
  });
});
