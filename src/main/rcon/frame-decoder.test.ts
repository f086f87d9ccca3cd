import { describe, expect, it } from 'vitest';
import { FrameDecoder } from './frame-decoder';
import { RconMessage } from './packet';
import { RconProtocolError } from './errors';

function packets(count: number): RconMessage[] {
  return Array.from({ length: count }, (_, i) => RconMessage.fromText(i + 1, i % 3, `body ${i} `.repeat(i % 7)));
}

function summary(messages: RconMessage[]): Array<[number, number, string]> {
  return messages.map((m) => [m.id, m.type, m.body.toString('utf8')]);
}

describe('FrameDecoder', () => {
  it('decodes packets delivered one byte at a time', () => {
    const sent = packets(20);
    const stream = Buffer.concat(sent.map((p) => p.encode()));
    const decoder = new FrameDecoder();
    const received: RconMessage[] = [];
    for (const byte of stream) received.push(...decoder.push(Buffer.from([byte])));
    expect(summary(received)).toEqual(summary(sent));
    expect(decoder.bufferedBytes).toBe(0);
  });

  it('decodes many packets from one chunk and keeps a partial tail', () => {
    const sent = packets(10);
    const stream = Buffer.concat(sent.map((p) => p.encode()));
    const decoder = new FrameDecoder();
    const first = decoder.push(stream.subarray(0, stream.length - 3));
    expect(first).toHaveLength(9);
    expect(decoder.bufferedBytes).toBe(sent[9]!.wireLength - 3);
    const rest = decoder.push(stream.subarray(stream.length - 3));
    expect(summary([...first, ...rest])).toEqual(summary(sent));
  });

  it('splits a size field across chunks', () => {
    const packet = RconMessage.fromText(42, 0, 'split');
    const bytes = packet.encode();
    const decoder = new FrameDecoder();
    expect(decoder.push(bytes.subarray(0, 2))).toEqual([]);
    expect(decoder.push(bytes.subarray(2, 5))).toEqual([]);
    const [message] = decoder.push(bytes.subarray(5));
    expect(message?.id).toBe(42);
    expect(message?.body.toString()).toBe('split');
  });

  it.each([
    ['negative', -559038737, /size field is -559038737/],
    ['under 9', 3, /smallest valid size is 9/],
    ['absurd', 0x7fffffff, /over the limit of 4096/],
  ])('rejects a %s size field and stays failed', (_, size, message) => {
    const decoder = new FrameDecoder(4096);
    const header = Buffer.alloc(4);
    header.writeInt32LE(size, 0);
    expect(() => decoder.push(header)).toThrow(message);
    expect(() => decoder.push(RconMessage.fromText(1, 0, 'ok').encode())).toThrow(RconProtocolError);
  });

  it('reads an HTTP answer as an absurd size, not a packet', () => {
    const decoder = new FrameDecoder();
    expect(() => decoder.push(Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n'))).toThrow(/over the limit/);
  });

  it('reads one NUL or two the same, empty body or not, as one server interleaves them', () => {
    const packetsSent: Array<[number, string, 1 | 2]> = [
      [1, '', 1],
      [2, 'hello', 1],
      [3, '', 2],
      [4, 'hello', 2],
      [5, '', 1],
    ];
    const stream = Buffer.concat(packetsSent.map(([id, text, nuls]) => withNuls(id, text, nuls)));
    const decoder = new FrameDecoder();
    const received: RconMessage[] = [];
    for (const byte of stream) received.push(...decoder.push(Buffer.from([byte])));
    expect(summary(received)).toEqual(packetsSent.map(([id, text]) => [id, 0, text]));
    expect(decoder.bufferedBytes).toBe(0);
  });

  it('recovers from a size field that counted characters instead of bytes (Palworld on non-ASCII)', () => {
    const names = ['Zoë', 'Łukasz Żółć', '玩家一号', 'plain', 'é'];
    const stream = Buffer.concat(names.map((name, i) => characterCounted(i + 1, name)));
    for (const step of [1, 7, stream.length]) {
      const decoder = new FrameDecoder();
      const received: RconMessage[] = [];
      for (let offset = 0; offset < stream.length; offset += step) {
        received.push(...decoder.push(stream.subarray(offset, offset + step)));
      }
      expect(summary(received)).toEqual(names.map((name, i) => [i + 1, 0, name]));
      expect(decoder.bufferedBytes).toBe(0);
    }
  });

  it('names a wrong size field it cannot recover from', () => {
    const bytes = RconMessage.fromText(1, 0, 'a'.repeat(40)).encode();
    bytes.writeInt32LE(14, 0);
    const decoder = new FrameDecoder();
    expect(() => decoder.push(Buffer.concat([bytes.subarray(0, 14 + 4 - 2), Buffer.alloc(0)]))).not.toThrow();
    expect(() => decoder.push(Buffer.from('b'.repeat(200)))).toThrow(
      /size field says 14 bytes, but the packet does not end there with a NUL/,
    );
  });

  it('describes a packet that has begun to arrive', () => {
    const decoder = new FrameDecoder();
    expect(decoder.describePartial()).toBeUndefined();
    decoder.push(RconMessage.fromText(1, 0, 'abcdef').encode().subarray(0, 9));
    expect(decoder.describePartial()).toBe(
      'a packet whose size field says 16 bytes was still incomplete, 5 of them had arrived',
    );
  });
});

/** A packet ending in `nuls` NUL bytes, its size field counting them. */
function withNuls(id: number, text: string, nuls: 1 | 2): Buffer {
  const full = RconMessage.fromText(id, 0, text).encode();
  if (nuls === 2) return full;
  const one = Buffer.from(full.subarray(0, full.length - 1));
  one.writeInt32LE(full.readInt32LE(0) - 1, 0);
  return one;
}

/** What Palworld sends: two NULs, but a size field of 10 + the text's length in characters. */
function characterCounted(id: number, text: string): Buffer {
  const bytes = RconMessage.fromText(id, 0, text).encode();
  bytes.writeInt32LE(10 + [...text].length, 0);
  return bytes;
}
