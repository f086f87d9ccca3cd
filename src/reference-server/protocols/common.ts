import { deterministicBytes, MAX_BYTES_ANSWER, MAX_SLEEP_MS, parseCommandLine } from '../commands';
import type { ListeningAddress } from '../server';

export type OtherProtocol = 'webrcon' | 'battleye' | 'telnet';
export const OTHER_PROTOCOLS: readonly OtherProtocol[] = ['webrcon', 'battleye', 'telnet'];

/** Misbehaviour on purpose, for the personalities of the other protocols. */
export interface ProtocolFaults {
  /** Close the connection instead of answering a login (a closed upgrade for WebRCON). */
  closeOnLogin?: boolean;
  /** Answer this many commands per connection, then close the socket when the next one arrives. */
  closeAfterCommands?: number;
  /** BattlEye: send every Nth packet with a wrong CRC32 (the client must drop it and ask again). */
  badCrcEvery?: number;
  /** BattlEye: lose every Nth packet the client sends (as UDP may). */
  dropEvery?: number;
  /** BattlEye: stop answering after this many packets from a client (a server gone silent). */
  silentAfterPackets?: number;
}

export interface ProtocolServerOptions {
  host?: string;
  port?: number;
  password?: string;
  /** Period of pushed console or chat lines; 0 or undefined disables the timer. */
  broadcastIntervalMs?: number;
  faults?: ProtocolFaults;
}

/** A reference server of one of the non-Source protocols. */
export interface ProtocolServer {
  listen(): Promise<ListeningAddress>;
  close(): Promise<void>;
  readonly port: number;
  /** Pushes a console line to every logged-in client. */
  broadcast(text: string): void;
  /** Pushes a chat line from a player to every logged-in client. */
  chat(user: string, message: string): void;
  readonly stats: ProtocolServerStats;
}

export interface ProtocolServerStats {
  logins: number;
  failedLogins: number;
  commands: number;
  /** Every command line received, the keepalives included, in order. */
  received: string[];
}

export function newStats(): ProtocolServerStats {
  return { logins: 0, failedLogins: 0, commands: 0, received: [] };
}

export interface CommandEnvironment {
  protocol: OtherProtocol;
  chat(user: string, message: string): void;
  sleep(ms: number): Promise<void>;
}

/** The commands every personality answers; enough to exercise each protocol. */
export async function runProtocolCommand(line: string, env: CommandEnvironment): Promise<string> {
  const { name, args } = parseCommandLine(line);
  switch (name) {
    case 'echo':
      return args;
    case 'bytes': {
      const count = Number(args.trim());
      if (args.trim() === '' || !Number.isInteger(count) || count < 0 || count > MAX_BYTES_ANSWER) {
        return `Usage: bytes <count from 0 to ${MAX_BYTES_ANSWER}>`;
      }
      return deterministicBytes(count);
    }
    case 'sleep': {
      const ms = Number(args.trim());
      if (args.trim() === '' || !Number.isInteger(ms) || ms < 0 || ms > MAX_SLEEP_MS) {
        return `Usage: sleep <milliseconds from 0 to ${MAX_SLEEP_MS}>`;
      }
      await env.sleep(ms);
      return `Slept ${ms} ms`;
    }
    case 'say':
      env.chat('SERVER', args);
      return env.protocol === 'telnet' ? `Message to all players: ${args}` : '';
    case 'players':
    case 'playerlist':
    case 'lp':
    case 'listplayers':
      return playerList(env.protocol);
    case 'version':
      return `RCON Desk reference ${env.protocol} server`;
    case '':
      return '';
    default:
      return env.protocol === 'telnet'
        ? `*** ERROR: unknown command '${name}'`
        : env.protocol === 'battleye'
          ? 'Unknown command'
          : `Command not found: ${name}`;
  }
}

function playerList(protocol: OtherProtocol): string {
  if (protocol === 'telnet') {
    return '1. id=171, Alex, pos=(-10.5, 61.0, 22.3), health=100\n2. id=172, Steve, pos=(3.0, 62.0, -8.1), health=87\nTotal of 2 in the game';
  }
  if (protocol === 'battleye') {
    return 'Players on server:\n[#] [IP Address]:[Port] [Ping] [GUID] [Name]\n--------------------------------------------------\n0   127.0.0.1:2304        16   0123456789abcdef0123456789abcdef(OK) Alex\n1   127.0.0.1:2305        31   fedcba9876543210fedcba9876543210(OK) Steve\n(2 players in total)';
  }
  return 'SteamID           DisplayName  Ping\n76561198000000001 Alex         16\n76561198000000002 Steve        31';
}

/**
 * The periodic pushes every personality makes when `broadcastIntervalMs` is set: a chat line and a
 * console line in turn, so clients see both kinds of unsolicited traffic.
 */
export class PushTimer {
  private timer: NodeJS.Timeout | undefined;
  private pushed = 0;

  /** `consoleLine` words the game's own console line for push number n. */
  start(
    server: Pick<ProtocolServer, 'broadcast' | 'chat'>,
    intervalMs: number | undefined,
    consoleLine: (n: number) => string,
  ): void {
    if (!intervalMs || intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      this.pushed += 1;
      if (this.pushed % 2 === 0) server.chat('Alex', `hello #${this.pushed}`);
      else server.broadcast(consoleLine(this.pushed));
    }, intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
