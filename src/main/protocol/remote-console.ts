import type { EventEmitter } from 'node:events';
import type { DetectedDialect, RconClientOptions } from '../rcon/options';
import type { ExecuteOptions, LateAnswer, RconStatus } from '../rcon/client';
import type { RconError } from '../rcon/errors';
import type { ConsoleProtocol } from '../../shared/api';
import { CONSOLE_PROTOCOLS, PROTOCOL_DEFAULT_PORTS } from '../../shared/protocols';

/**
 * The remote-console protocols the engine speaks.
 * - `rcon`: Source RCON over TCP (src/main/rcon).
 * - `webrcon`: Rust's JSON over a WebSocket (src/main/webrcon).
 * - `battleye`: BattlEye RCon over UDP, DayZ and Arma (src/main/battleye).
 * - `telnet`: the 7 Days to Die telnet console (src/main/telnet).
 */
export type RemoteConsoleProtocol = ConsoleProtocol;
export const PROTOCOLS = CONSOLE_PROTOCOLS;
/** The usual port of each protocol, which a profile or the CLI uses when none is given. */
export { PROTOCOL_DEFAULT_PORTS };

export function isProtocol(value: unknown): value is RemoteConsoleProtocol {
  return typeof value === 'string' && (PROTOCOLS as readonly string[]).includes(value);
}

/**
 * Something the server said without being asked: console and log lines, chat.
 * `id` and `type` are the Source packet's fields for `rcon`; the other protocols fill in what they
 * have (the WebRCON Identifier and 0, the BattlEye sequence number and 2, 0 and 0 for telnet).
 */
export interface RemoteMessage {
  id: number;
  type: number;
  text: string;
  body: Buffer;
  /** Set when the server marked the line as chat (WebRCON `Type: "Chat"`). */
  chat?: { user: string; message: string; channel?: number };
}

export interface RemoteConsoleEvents {
  status: [status: RconStatus];
  message: [message: RemoteMessage];
  /** Emitted once per connection; the error is undefined when close() was called. */
  close: [error: RconError | undefined];
  /** Part of the answer to a command that already timed out, as it arrives (Source RCON). */
  late: [late: LateAnswer];
}

/**
 * One connection to a server's remote console, whatever it speaks. RconClient satisfies it as it is;
 * the other protocols implement it in their own folders. Errors are the classes of ../rcon/errors:
 * RconAuthError (wrong password, banned), RconConnectionError, RconTimeoutError, RconProtocolError,
 * RconRequestError.
 */
export interface RemoteConsole extends EventEmitter<RemoteConsoleEvents> {
  readonly status: RconStatus;
  readonly connected: boolean;
  readonly authenticated: boolean;
  /** `host:port`, never with a password in it (WebRCON carries it in its URL). */
  readonly address: string;
  /** performance.now() of the last bytes received; 0 before any. */
  readonly lastReceivedAt: number;
  /** The Source dialect found at login; undefined for the other protocols. */
  readonly dialect: DetectedDialect | undefined;
  /** Source RCON only: whether the server puts request ids on its answers (false: lockstep). */
  readonly echoesIds?: boolean | undefined;
  /** Connects and, when the options hold a password, logs in. */
  connect(): Promise<void>;
  /** Runs a command and resolves to its whole answer as text. */
  execute(command: string, options?: ExecuteOptions): Promise<string>;
  /** Throws the RconRequestError that execute() would give for a command it refuses to send. */
  checkCommand(command: string): void;
  /** Closes the connection; commands in flight fail with a connection error. */
  close(): Promise<void>;
  /**
   * Stop and restart reading from the server, while the output it goes to is not draining
   * (backpressure). Protocols over UDP cannot hold a server back and leave these out.
   */
  pauseReading?(): void;
  resumeReading?(): void;
}

/** What every protocol's client is built from; fields a protocol has no use for are ignored. */
export type RemoteConsoleOptions = RconClientOptions;
