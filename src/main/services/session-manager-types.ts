import type { ConsoleProtocol, Profile, SessionEvent, SessionInfo } from '../../shared/api';
import type { GameId } from '../../shared/game-presets';
import type { ProfileSettings } from '../../shared/profile-settings';
import type { AuditRecord, CommandSource } from '../../shared/fleet';
import type { RconClientOptions } from '../rcon';
import type { RemoteConsole } from '../protocol/remote-console';
import type { ServerAddress } from './bound-secret';
import type { ReconnectSchedule } from './reconnect-schedule';

export interface SessionManagerEvents {
  event: [event: SessionEvent];
}

/** What the session manager needs from the profile store. */
export interface SessionProfileSource {
  /** Throws NotFoundError for an unknown id. */
  get(id: string): Promise<Profile>;
  /**
   * The saved password, or null; throws when the keychain cannot be read, and throws
   * CredentialBindingError when the password was saved for another address than `target`.
   */
  getPassword(id: string, target: ServerAddress): Promise<string | null>;
}

/** What the session manager needs from the history store. */
export interface SessionHistory {
  append(profileId: string, command: string): Promise<unknown>;
}

/** A command's answer, for callers in the main process; the renderer gets it as an output event. */
export interface SentCommand {
  text: string;
  durationMs: number;
}

/** Where every command sent is recorded (the audit log). */
export interface CommandAudit {
  record(record: AuditRecord): Promise<void>;
}

export interface SendOptions {
  /** Who sent it, for the audit log; a command typed in a console by default. */
  source?: CommandSource;
  /** False for commands the app sends for the user (player lists and actions): not worth recalling with Up. */
  keepInHistory?: boolean;
}

/** Builds the client of a profile's protocol; RconClient alone fits, for tests of Source RCON. */
export type RconClientFactory = (options: RconClientOptions, protocol: ConsoleProtocol) => RemoteConsole;

/**
 * Reconnect tuning for every session. Each profile's settings (shared/profile-settings.ts) choose
 * off / give up after a time / keep trying and the longest wait; these fill in what a profile does
 * not set, and let tests shrink the waits instead of sleeping for minutes.
 */
export interface ReconnectPolicy {
  /** Wait before the first attempt after a lost connection; doubles with each attempt. 1 s by default. */
  initialDelayMs: number;
  /** The longest wait, for profiles that do not set one. */
  maxDelayMs: number;
  /** When 'limited' reconnecting gives up, for profiles that do not set it. */
  giveUpMs: number;
  /** Attempts after one lost connection, in every mode; 0 turns reconnecting off. No limit by default. */
  maxAttempts: number;
}

/** Engine timeouts the manager passes to every client it creates (a profile's command timeout wins). */
export type SessionClientOptions = Pick<
  RconClientOptions,
  'connectTimeoutMs' | 'commandTimeoutMs' | 'quietPeriodMs' | 'detectTimeoutMs'
>;

export interface SessionManagerOptions {
  createClient?: RconClientFactory;
  reconnect?: Partial<ReconnectPolicy>;
  clientOptions?: SessionClientOptions;
  audit?: CommandAudit;
  /** How often chat is polled on games that do not push it (ARK's getchat). */
  chatPollIntervalMs?: number;
  /** Reports an audit record that could not be written (the command itself still runs). */
  onAuditError?: (error: unknown) => void;
  /** The clock of the reconnect give-up time; Date.now by default. */
  now?: () => number;
}

/** One open session as the manager keeps it (internal to session-manager.ts). */
export interface Session {
  info: SessionInfo;
  /** Given at open or reconnect; kept in memory only, for reconnecting. */
  givenPassword: string | undefined;
  /** The password of the current connection, so it can be masked in anything shown. */
  activePassword: string | undefined;
  client: RemoteConsole | undefined;
  /** Reconnect attempts since the connection was lost, and when to give up. */
  schedule: ReconnectSchedule;
  /** The profile's settings as of its last lookup (connect or retry), defaults filled in. */
  settings: ProfileSettings;
  retryTimer: NodeJS.Timeout | undefined;
  closed: boolean;
  /** Commands in a row that timed out while nothing at all came from the server. */
  silentTimeouts: number;
  /** `host:port` of the current connection, for the audit log. */
  address: string;
  /** The profile's game, for its command workarounds (see adaptCommand). */
  game: GameId | undefined;
  /** Commands echoed so far, and which one the output ends with (0: none), to tie answers to them. */
  echoes: number;
  lastEcho: number;
  /** The last answer longer than the console shows (masked), kept whole for saveLongAnswer. */
  longAnswer: string | undefined;
}
