import type { CommandHandler } from './commands';

export type PersonalityName = 'srcds' | 'minecraft' | 'silent' | 'broadcast' | 'palworld' | 'ark' | 'conan' | 'hostile';
export const PERSONALITIES: readonly PersonalityName[] = [
  'srcds',
  'minecraft',
  'silent',
  'broadcast',
  'palworld',
  'ark',
  'conan',
  'hostile',
];

export type TextEncoding = 'utf8' | 'latin1';

/** How a long answer is cut into packets. Real Minecraft cuts every 4096 UTF-16 code units, not bytes. */
export type FragmentUnit = 'bytes' | 'utf16';

/** Misbehaviour on purpose, so clients can be tested against broken or hostile servers. */
export interface FaultOptions {
  /** Wait this long before answering each request (logins included); answers still keep their order. */
  responseDelayMs?: number;
  /** Wait this long before answering each request but logins: a server that logs in at once, then is slow. */
  commandDelayMs?: number;
  /** End every packet with one NUL instead of two (size field 9 for an empty body). */
  singleNulTerminator?: boolean;
  /** Destroy the socket once this many bytes in total have been written on it, possibly mid-packet. */
  dropAfterBytes?: number;
  /** Write non-RCON bytes (a size field of 0xDEADBEEF, then noise) instead of answering the first command. */
  garbageAfterAuth?: boolean;
  /** Write every packet this many bytes at a time (1 = one byte per write). */
  bytesPerWrite?: number;
  /** Pause between the pieces cut by bytesPerWrite. */
  writeIntervalMs?: number;
  /**
   * Pause between whole packets. Not a fault of real servers, but it keeps each packet in its own
   * socket read, which naive clients (rcon-srcds treats every read as one packet) depend on.
   */
  packetIntervalMs?: number;
  /** Close the connection without any answer when a login arrives. */
  closeOnAuth?: boolean;
  /** Half-open server: accepts, reads, never answers and never closes. */
  noAnswer?: boolean;
  /** Answer the first bytes received with an HTTP 400 response and close, like a web server on the port. */
  httpResponse?: boolean;
}

export interface RateLimit {
  readonly requests: number;
  readonly windowMs: number;
}

export interface ReferenceServerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: an ephemeral port, read it from listen() or `port`. */
  port?: number;
  /** Default '' (an empty password still has to be sent). */
  password?: string;
  /** Default 'srcds'. */
  personality?: PersonalityName;
  /** Failed logins per address before it is banned; Source family only. Default 3; 0 disables bans. */
  banAfterFailures?: number;
  /** Largest body of one answer packet. Default 4096. */
  maxBodyBytes?: number;
  /** Default 'bytes'. */
  fragmentUnit?: FragmentUnit;
  /** Text encoding of commands and answers. Default 'utf8'. */
  encoding?: TextEncoding;
  /** Period of unsolicited chat in the broadcast personality. Default 1000; 0 disables the timer. */
  broadcastIntervalMs?: number;
  faults?: FaultOptions;
  /** Requests per window before the connection is closed; defaults to the personality's (Conan Exiles: 15 per 30 s). */
  rateLimit?: RateLimit;
  /** Extra commands, or replacements for built-in ones; names are matched case-insensitively. */
  commands?: Record<string, CommandHandler>;
  /** Receives every notable event, for logs. Never sees the password. */
  onEvent?: (event: ServerEvent) => void;
}

export type ServerEvent =
  | { kind: 'connection'; address: string }
  | { kind: 'rejected'; address: string; reason: 'banned' }
  | { kind: 'auth'; address: string; ok: boolean }
  | { kind: 'ban'; address: string; failures: number }
  | { kind: 'command'; address: string; command: string }
  | { kind: 'protocol-error'; address: string; message: string }
  | { kind: 'internal-error'; address: string; message: string }
  | { kind: 'rate-limited'; address: string; requests: number; windowMs: number }
  | { kind: 'disconnect'; address: string };

export interface ResolvedOptions {
  host: string;
  port: number;
  password: string;
  personality: PersonalityName;
  banAfterFailures: number;
  maxBodyBytes: number;
  fragmentUnit: FragmentUnit;
  encoding: TextEncoding;
  broadcastIntervalMs: number;
  faults: FaultOptions;
  rateLimit: RateLimit | undefined;
  commands: Record<string, CommandHandler>;
  onEvent: (event: ServerEvent) => void;
}

export function resolveOptions(options: ReferenceServerOptions): ResolvedOptions {
  const resolved: ResolvedOptions = {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    password: options.password ?? '',
    personality: options.personality ?? 'srcds',
    banAfterFailures: options.banAfterFailures ?? 3,
    maxBodyBytes: options.maxBodyBytes ?? 4096,
    fragmentUnit: options.fragmentUnit ?? 'bytes',
    encoding: options.encoding ?? 'utf8',
    broadcastIntervalMs: options.broadcastIntervalMs ?? 1000,
    faults: { ...options.faults },
    rateLimit: options.rateLimit,
    commands: { ...options.commands },
    onEvent: options.onEvent ?? (() => undefined),
  };
  if (!PERSONALITIES.includes(resolved.personality)) {
    throw new RangeError(`Unknown personality "${String(resolved.personality)}".`);
  }
  requireCount('maxBodyBytes', resolved.maxBodyBytes, 1);
  requireCount('banAfterFailures', resolved.banAfterFailures, 0);
  requireCount('broadcastIntervalMs', resolved.broadcastIntervalMs, 0);
  if (resolved.faults.bytesPerWrite !== undefined) requireCount('bytesPerWrite', resolved.faults.bytesPerWrite, 1);
  return resolved;
}

function requireCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer of at least ${min}, got ${value}.`);
  }
}
