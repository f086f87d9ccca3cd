import { MAX_COMMAND_BYTES } from './packet';
import { DEFAULT_MAX_PACKET_BYTES } from './frame-decoder';
import { RconRequestError } from './errors';
import type { Pacing } from './pacer';

/**
 * How the end of a multi-packet answer is found.
 * - `source`: send an empty RESPONSE_VALUE after each command; the server mirrors it, then sends `00 01 00 00`.
 * - `minecraft`: the same sentinel; Minecraft answers it with `Unknown request 0` and sends no trailer.
 * - `auto`: probe once after login and pick one of the above, or fall back to a quiet period for
 *   servers that never answer the sentinel.
 */
export type RconDialect = 'source' | 'minecraft' | 'auto';
export const DIALECTS: readonly RconDialect[] = ['source', 'minecraft', 'auto'];

/** What a connection turned out to speak; `quiet` means answers end after a silence. */
export type DetectedDialect = 'source' | 'minecraft' | 'quiet';

export type RconEncoding = 'utf8' | 'latin1';
export const ENCODINGS: readonly RconEncoding[] = ['utf8', 'latin1'];

export interface RconClientOptions {
  host: string;
  port?: number;
  /** When given, connect() also logs in. */
  password?: string;
  dialect?: RconDialect;
  encoding?: RconEncoding;
  connectTimeoutMs?: number;
  /** Default per-command timeout; execute() can override it per call. */
  commandTimeoutMs?: number;
  /** Silence after the last packet that ends an answer on servers that ignore the sentinel. */
  quietPeriodMs?: number;
  /** How long `auto` waits for the probe's answer before choosing the quiet period; defaults to a multiple of the login round trip. */
  detectTimeoutMs?: number;
  maxPacketBytes?: number;
  maxResponseBytes?: number;
  /**
   * Answer bytes buffered on one connection at once, summed over every command in flight: without
   * it, pipelined commands could each buffer maxResponseBytes. The command whose packet would pass
   * it fails with RconResponseTooLargeError; the others go on.
   */
  maxBufferedResponseBytes?: number;
  maxCommandBytes?: number;
  /** Requests per window for servers that block clients who send more (Conan Exiles); unpaced by default. */
  pacing?: Pacing;
  /** Whole answers that mean "no output", such as ARK's "Server received, But no response!!": read as empty. */
  noOutputReplies?: readonly string[];
}

export type ResolvedOptions = Required<Omit<RconClientOptions, 'password' | 'detectTimeoutMs' | 'pacing'>> & {
  password: string | undefined;
  detectTimeoutMs: number | undefined;
  pacing: Pacing | undefined;
};

export const DEFAULT_PORT = 27015;

export const DEFAULTS = {
  dialect: 'auto',
  encoding: 'utf8',
  connectTimeoutMs: 5_000,
  commandTimeoutMs: 10_000,
  quietPeriodMs: 300,
  maxPacketBytes: DEFAULT_MAX_PACKET_BYTES,
  maxResponseBytes: 64 * 1024 * 1024,
  maxBufferedResponseBytes: 128 * 1024 * 1024,
  maxCommandBytes: MAX_COMMAND_BYTES,
} as const;

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RconRequestError(`Option ${name} must be a positive number, got ${value}.`);
  }
  return value;
}

export function resolveOptions(options: RconClientOptions): ResolvedOptions {
  if (typeof options.host !== 'string' || options.host.trim() === '') {
    throw new RconRequestError('A host name or address is required.');
  }
  const port = options.port ?? DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new RconRequestError(`Port must be a whole number from 1 to 65535, got ${port}.`);
  }
  const dialect = options.dialect ?? DEFAULTS.dialect;
  if (!DIALECTS.includes(dialect)) {
    throw new RconRequestError(`Unknown dialect "${String(dialect)}": use ${DIALECTS.join(', ')}.`);
  }
  const encoding = options.encoding ?? DEFAULTS.encoding;
  if (!ENCODINGS.includes(encoding)) {
    throw new RconRequestError(`Unknown encoding "${String(encoding)}": use ${ENCODINGS.join(' or ')}.`);
  }
  return {
    host: options.host.trim(),
    port,
    password: options.password,
    dialect,
    encoding,
    connectTimeoutMs: positive('connectTimeoutMs', options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs),
    commandTimeoutMs: positive('commandTimeoutMs', options.commandTimeoutMs ?? DEFAULTS.commandTimeoutMs),
    quietPeriodMs: positive('quietPeriodMs', options.quietPeriodMs ?? DEFAULTS.quietPeriodMs),
    detectTimeoutMs:
      options.detectTimeoutMs === undefined ? undefined : positive('detectTimeoutMs', options.detectTimeoutMs),
    maxPacketBytes: positive('maxPacketBytes', options.maxPacketBytes ?? DEFAULTS.maxPacketBytes),
    maxResponseBytes: positive('maxResponseBytes', options.maxResponseBytes ?? DEFAULTS.maxResponseBytes),
    maxBufferedResponseBytes: positive(
      'maxBufferedResponseBytes',
      options.maxBufferedResponseBytes ?? DEFAULTS.maxBufferedResponseBytes,
    ),
    maxCommandBytes: positive('maxCommandBytes', options.maxCommandBytes ?? DEFAULTS.maxCommandBytes),
    pacing: options.pacing === undefined ? undefined : resolvePacing(options.pacing),
    noOutputReplies: resolveNoOutputReplies(options.noOutputReplies),
  };
}

function resolvePacing(pacing: Pacing): Pacing {
  if (!Number.isInteger(pacing.requests) || pacing.requests < 1) {
    throw new RconRequestError(`Option pacing.requests must be a whole number of at least 1, got ${pacing.requests}.`);
  }
  return { requests: pacing.requests, perMs: positive('pacing.perMs', pacing.perMs) };
}

function resolveNoOutputReplies(replies: readonly string[] | undefined): readonly string[] {
  if (replies === undefined) return [];
  if (!Array.isArray(replies) || replies.some((reply) => typeof reply !== 'string' || reply.trim() === '')) {
    throw new RconRequestError('Option noOutputReplies must be a list of non-empty texts.');
  }
  return replies.map((reply) => reply.trim());
}
