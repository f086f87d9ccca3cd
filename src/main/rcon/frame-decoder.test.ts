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
    ['under 10', 3, /smallest valid size is 10/],
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
});
