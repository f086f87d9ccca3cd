import { describe, expect, it } from 'vitest';
import { PacketType, RconMessage } from './packet';
import { RconProtocolError } from './errors';

describe('RconMessage', () => {
  it('encodes the documented wire layout', () => {
    const bytes = RconMessage.fromText(7, PacketType.EXECCOMMAND, 'status').encode();
    expect(bytes.toString('hex')).toBe(
      // size 16 = 10 + 6, id 7, type 2, "status", two NULs
      '10000000' + '07000000' + '02000000' + Buffer.from('status').toString('hex') + '0000',
    );
  });

  it('decodes a packet and returns the bytes after it', () => {
    const first = RconMessage.fromText(1, PacketType.RESPONSE_VALUE, 'héllo');
    const second = RconMessage.fromText(-1, PacketType.AUTH_RESPONSE, '');
    const [message, rest] = RconMessage.decode(Buffer.concat([first.encode(), second.encode()]));
    expect(message.id).toBe(1);
    expect(message.type).toBe(PacketType.RESPONSE_VALUE);
    expect(message.body.toString('utf8')).toBe('héllo');
    expect(rest.equals(second.encode())).toBe(true);
  });

  it('keeps a body that ends in NUL bytes, such as the Source trailer', () => {
    const trailer = new RconMessage(5, PacketType.RESPONSE_VALUE, Buffer.from([0, 1, 0, 0]));
    const [decoded] = RconMessage.decode(trailer.encode());
    expect([...decoded.body]).toEqual([0, 1, 0, 0]);
  });

  it('reads a packet ending in one NUL like one ending in two, empty body or not', () => {
    for (const text of ['', 'hello']) {
      const two = RconMessage.fromText(1, PacketType.RESPONSE_VALUE, text).encode();
      const one = Buffer.concat([two.subarray(0, two.length - 1)]);
      one.writeInt32LE(two.readInt32LE(0) - 1, 0);
      const [decoded, rest] = RconMessage.decode(one);
      expect(decoded.body.toString()).toBe(text);
      expect(rest.length).toBe(0);
    }
  });

  it('rejects a size field under 9', () => {
    const bytes = RconMessage.fromText(1, 0, '').encode();
    bytes.writeInt32LE(8, 0);
    expect(() => RconMessage.decode(bytes)).toThrow(RconProtocolError);
    expect(() => RconMessage.decode(bytes)).toThrow(/size field is 8, the smallest valid size is 9/);
  });

  it('rejects a truncated packet with what was missing', () => {
    const bytes = RconMessage.fromText(1, 0, 'abcdef').encode().subarray(0, 12);
    expect(() => RconMessage.decode(bytes)).toThrow(/says 16 bytes, only 8 follow/);
  });

  it('rejects a packet without its terminator', () => {
    const bytes = RconMessage.fromText(1, 0, 'ab').encode();
    bytes[bytes.length - 1] = 0x41;
    expect(() => RconMessage.decode(bytes)).toThrow(/NUL terminator/);
  });
});
