import { isIPv6 } from 'node:net';

export const DEFAULT_RCON_PORT = 27015;

export interface ServerAddress {
  host: string;
  port: number;
}

/** An ADDRESS the user typed that cannot be a host[:port]. */
export class AddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AddressError';
  }
}

/**
 * Parses `host`, `host:port`, `[ipv6]`, `[ipv6]:port` or a bare IPv6 literal (host only: with
 * more than one colon there is no telling where a port would start, so a port needs brackets).
 */
export function parseAddress(text: string, defaultPort = DEFAULT_RCON_PORT): ServerAddress {
  const input = text.trim();
  if (input === '') throw new AddressError('the address is empty: use HOST[:PORT]');
  if (/\s/.test(input)) throw new AddressError(`"${input}" is not an address: it contains a space`);

  if (input.startsWith('[')) {
    const match = /^\[([^\]]*)\](?::(.*))?$/.exec(input);
    if (!match) throw new AddressError(`"${input}" is not an address: use [IPv6]:PORT, as in [::1]:27015`);
    const host = match[1] ?? '';
    if (!isIPv6(host)) throw new AddressError(`"${host}" in brackets is not an IPv6 address`);
    return { host, port: match[2] === undefined ? defaultPort : parsePort(match[2], input) };
  }

  const colons = input.split(':').length - 1;
  if (colons > 1) {
    if (isIPv6(input)) return { host: input, port: defaultPort };
    throw new AddressError(
      `"${input}" is not an address: an IPv6 address with a port needs brackets, as in [::1]:27015`,
    );
  }
  if (colons === 0) return { host: input, port: defaultPort };

  const [host = '', port = ''] = input.split(':');
  if (host === '') throw new AddressError(`"${input}" has no host name before the port`);
  return { host, port: parsePort(port, input) };
}

function parsePort(text: string, address: string): number {
  if (!/^\d{1,5}$/.test(text)) throw new AddressError(`"${address}" has no valid port: use a number from 1 to 65535`);
  const port = Number(text);
  if (port < 1 || port > 65535) throw new AddressError(`port ${port} is out of range: use a number from 1 to 65535`);
  return port;
}

/** The address as the user would type it back, with brackets around IPv6 literals. */
export function formatServerAddress({ host, port }: ServerAddress): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
