/**
 * "host:port" typed or pasted into the Host field, split in two: `203.0.113.5:27015`,
 * `rcon.example.com:25575`, `[2001:db8::1]:27015`. A bare IPv6 address (several colons, no
 * brackets) or anything else is left alone.
 */
export function splitHostPort(text: string): { host: string; port: string } | undefined {
  const match = /^\s*(\[[0-9a-fA-F:.]+\]|[^\s:[\]]+):(\d{1,5})\s*$/.exec(text);
  if (!match) return undefined;
  const host = match[1]!.startsWith('[') ? match[1]!.slice(1, -1) : match[1]!;
  return { host, port: match[2]! };
}
