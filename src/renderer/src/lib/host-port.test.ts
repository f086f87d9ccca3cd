import { describe, expect, it } from 'vitest';
import { splitHostPort } from './host-port';

describe('splitHostPort', () => {
  it('splits host:port, names and bracketed IPv6 alike', () => {
    expect(splitHostPort('203.0.113.5:27016')).toEqual({ host: '203.0.113.5', port: '27016' });
    expect(splitHostPort(' rcon.example.com:25575 ')).toEqual({ host: 'rcon.example.com', port: '25575' });
    expect(splitHostPort('[2001:db8::1]:27015')).toEqual({ host: '2001:db8::1', port: '27015' });
  });

  it('leaves a host without a port, and a bare IPv6 address, alone', () => {
    expect(splitHostPort('203.0.113.5')).toBeUndefined();
    expect(splitHostPort('2001:db8::1')).toBeUndefined();
    expect(splitHostPort('example.com:')).toBeUndefined();
    expect(splitHostPort('example.com:123456')).toBeUndefined();
  });
});
