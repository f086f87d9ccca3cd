import { describe, expect, it } from 'vitest';
import { AddressError, formatServerAddress, parseAddress } from '../../src/cli/address';

describe('parseAddress', () => {
  it.each([
    ['example.com', 'example.com', 27015],
    ['example.com:25575', 'example.com', 25575],
    ['127.0.0.1', '127.0.0.1', 27015],
    ['127.0.0.1:1', '127.0.0.1', 1],
    ['  10.0.0.2:65535  ', '10.0.0.2', 65535],
    ['[::1]:27016', '::1', 27016],
    ['[::1]', '::1', 27015],
    ['::1', '::1', 27015],
    ['fe80::1', 'fe80::1', 27015],
    ['[fe80::1%eth0]:5', 'fe80::1%eth0', 5],
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1', 27015],
  ])('parses %j', (text, host, port) => {
    expect(parseAddress(text)).toEqual({ host, port });
  });

  it('uses the given default port', () => {
    expect(parseAddress('mc.example.com', 25575)).toEqual({ host: 'mc.example.com', port: 25575 });
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['host:', /no valid port/],
    ['host:0', /out of range/],
    ['host:65536', /out of range/],
    ['host:99999', /out of range/],
    ['host:12a', /no valid port/],
    ['host:-1', /no valid port/],
    [':27015', /no host/],
    ['::1:27015', /needs brackets/],
    ['a:b:c', /needs brackets/],
    ['[::1', /\[IPv6\]:PORT/],
    ['[::1]x', /\[IPv6\]:PORT/],
    ['[127.0.0.1]:80', /not an IPv6 address/],
    ['[::1]:', /no valid port/],
    ['my host', /space/],
  ])('rejects %j', (text, message) => {
    expect(() => parseAddress(text)).toThrow(AddressError);
    expect(() => parseAddress(text)).toThrow(message);
  });
});

describe('formatServerAddress', () => {
  it('puts IPv6 literals in brackets', () => {
    expect(formatServerAddress({ host: '::1', port: 27015 })).toBe('[::1]:27015');
    expect(formatServerAddress({ host: 'localhost', port: 25575 })).toBe('localhost:25575');
  });

  it('round-trips through parseAddress', () => {
    for (const text of ['[::1]:1', '127.0.0.1:27015', 'example.com:80']) {
      expect(formatServerAddress(parseAddress(text))).toBe(text);
    }
  });
});
