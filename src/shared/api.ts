import type {
  AuditFilter,
  AuditRecord,
  ExportFormat,
  FleetEvent,
  FleetTarget,
  Macro,
  MacroDraft,
  ScheduleDraft,
  ScheduleView,
  ServerOutcome,
} from './fleet';
import type { PlayerActionRequest, PlayersView, ServerStatus } from './server-status';

/**
 * The one contract between the main process and the renderer. Main implements `RconDeskApi`
 * with ipcMain handlers, the preload exposes it on `window.rconDesk`, the renderer calls it.
 * Only plain data crosses it; a password goes one way (renderer to main) and never comes back.
 */

import type { GameId } from './game-presets';
import type { ProfileSettings } from './profile-settings';

export type Dialect = 'auto' | 'source' | 'minecraft';
export type TextEncoding = 'utf8' | 'latin1';
/** The remote console a server speaks: Source RCON, Rust WebRCON, BattlEye RCon (UDP), 7 Days to Die telnet. */
export type ConsoleProtocol = 'rcon' | 'webrcon' | 'battleye' | 'telnet';

/** A saved server, as stored in the profiles file. It never holds the password. */
export interface Profile {
  id: string;
  name: string;
  host: string;
  port: number;
  /** Absent in profiles files written before it existed: read as 'rcon'. */
  protocol: ConsoleProtocol;
  dialect: Dialect;
  encoding: TextEncoding;
  group: string;
  /** A CSS hex colour like `#3b82f6`, or '' for none. */
  color: string;
  quickCommands: string[];
  rememberPassword: boolean;
  /** The game the server runs, for its pacing and quirks (src/shared/game-presets.ts); absent for "other". */
  game?: GameId;
  /** The port its status is asked on (src/shared/query-target.ts); absent for the game's default. */
  queryPort?: number;
  /** Only what differs from PROFILE_SETTINGS_DEFAULTS (src/shared/profile-settings.ts); absent for none. */
  settings?: Partial<ProfileSettings>;
}

/** A profile as the renderer sees it: with whether a password is saved, never the password. */
export interface ProfileView extends Profile {
  hasSavedPassword: boolean;
}

export type ProfileDraft = Omit<Profile, 'id'>;

/** What to do with the saved password when a profile is saved. */
export type PasswordChange = { kind: 'keep' } | { kind: 'set'; password: string } | { kind: 'clear' };

export interface SaveProfileRequest {
  /** Absent to create a profile. */
  id?: string;
  profile: ProfileDraft;
  password: PasswordChange;
}

export interface KeychainStatus {
  available: boolean;
  /** Why not, in words for the user. */
  reason?: string;
}

/** How loading the profiles file went; a corrupt file is kept aside, never silently emptied. */
export interface ProfilesLoadReport {
  ok: boolean;
  problem?: string;
  backupPath?: string;
}

export type SessionStatus = 'connecting' | 'authenticating' | 'connected' | 'reconnecting' | 'disconnected' | 'error';

export interface SessionInfo {
  sessionId: string;
  profileId: string;
  title: string;
  status: SessionStatus;
  /** Why the session is in this status, in words (for error, reconnecting, disconnected). */
  reason?: string;
  /** What the server turned out to speak, once connected. */
  dialect?: 'source' | 'minecraft' | 'quiet';
}

/**
 * The reason of the last status of the sessions the app closes as it quits. The window keeps such
 * a tab marked as connected, so it reconnects when the app starts again.
 */
export const APP_QUIT_REASON = 'RCON Desk is quitting.';

/**
 * How a command went. The answer itself reaches the renderer once, as an `output` event (a long one
 * in parts, see `more`); a many-megabyte answer is not sent over the bridge a second time.
 */
export interface CommandResult {
  durationMs: number;
  /** Length of the answer in characters. */
  answerLength: number;
}

/** How much output was left out: characters (UTF-16 code units) and the line ends among them. */
export interface DroppedOutput {
  chars: number;
  lines: number;
}

export type OutputKind = 'command' | 'response' | 'server' | 'error' | 'info';

export type SessionEvent =
  | {
      type: 'status';
      session: SessionInfo;
      /** While reconnecting: the wait before the next attempt, and which attempt it is (1 for the first). */
      retryInMs?: number;
      attempt?: number;
    }
  | {
      type: 'output';
      sessionId: string;
      kind: OutputKind;
      text: string;
      at: number;
      /**
       * The text goes on in a later output event. Two cases:
       * - with `stream`: a long command answer told while it arrives (the main process's own
       *   SessionManager events too): every part carries the same `stream` id, all but the last
       *   have `more`, and other output of the session (server messages, a command typed meanwhile)
       *   may come between them. Each part ends at a line end where the server's text allows, and
       *   the parts joined are the whole answer exactly once, as one event would have carried it:
       *   a transcript writes each part as it comes. The command's result (CommandResult) comes
       *   after the last part. A command that fails mid-answer ends its stream with a last part
       *   (possibly empty) before its error line.
       * - without `stream`: only on the way to the window, an output cut into consecutive parts
       *   (shared/output-parts.ts); the next output event of the session continues it.
       */
      more?: boolean;
      /** Names the parts of one streamed answer (see `more`). */
      stream?: string;
      /**
       * Output left out just before this text on the way to the window, because it came faster
       * than the window took it (main/session-event-forwarder.ts): server messages beyond what the
       * scrollback holds, or the start of a streamed answer beyond what the console shows (the
       * main process keeps that answer whole: saveLongAnswer). Transcripts have it all.
       */
      dropped?: DroppedOutput;
    };

export interface OpenSessionRequest {
  profileId: string;
  /** Asked for at connect time when none is saved or the keychain is unavailable; not stored. */
  password?: string;
}

/** A server to check from the profile editor, saved or not. */
export interface TestConnectionRequest {
  host: string;
  port: number;
  /** As typed in the editor; when absent, the saved password of `profileId`, if any. Never sent back. */
  password?: string;
  profileId?: string;
}

/** One step of a connection test, said in words (the engine's `diagnose`). */
export interface ConnectionTestStep {
  id: 'reachable' | 'speaks-rcon' | 'login' | 'dialect' | 'ids' | 'end-marker' | 'round-trip';
  verdict: 'ok' | 'warning' | 'failed' | 'skipped';
  text: string;
}

export interface ConnectionTestResult {
  steps: ConnectionTestStep[];
  /** What to change, when a step failed. */
  fix?: string;
}

/** Text to save to a file the user picks in a save dialog (a cut answer, a whole console). */
export interface SaveTextRequest {
  /** File name offered in the dialog, without folders. */
  suggestedName: string;
  text: string;
}

export interface SaveLongAnswerRequest {
  sessionId: string;
  /** File name offered in the dialog, without folders. */
  suggestedName: string;
}

export interface SaveTextResult {
  /** False when the user cancelled the dialog. */
  saved: boolean;
  /** Where the file was written, when saved. */
  path?: string;
}

/** The kinds of file "Import servers…" (and `rcon --import`) reads. */
export type ProfileImportFormat = 'rcon-cli' | 'arrcon' | 'rcon-desk';

/** What an import did. It never carries a password: only whether each one was kept in the keychain. */
export interface ProfileImportReport {
  format: ProfileImportFormat;
  imported: { name: string; passwordSaved: boolean }[];
  /** Entries not imported, with the reason in words. */
  skipped: { name: string; reason: string }[];
  /** Set when the file had passwords that could not be kept, e.g. with no keychain. */
  passwordProblem?: string;
  /**
   * Set when importing stopped part-way (the profiles file could not be written): the servers
   * listed as imported are saved, the rest of the file was not imported.
   */
  interrupted?: string;
}

export interface ImportProfilesResult extends ProfileImportReport {
  /** The file read, without its folders. */
  fileName: string;
}

export interface ExportProfilesResult {
  /** False when the user cancelled the dialog. */
  saved: boolean;
  path?: string;
  /** How many servers the file holds. */
  count: number;
}

export interface RconDeskApi {
  listProfiles(): Promise<ProfileView[]>;
  profilesLoadReport(): Promise<ProfilesLoadReport>;
  saveProfile(request: SaveProfileRequest): Promise<ProfileView>;
  duplicateProfile(id: string): Promise<ProfileView>;
  deleteProfile(id: string): Promise<void>;
  reorderProfiles(ids: string[]): Promise<ProfileView[]>;
  keychainStatus(): Promise<KeychainStatus>;
  /**
   * Asks for a file (an open dialog in the main process) and imports its servers: gorcon rcon-cli's
   * rcon.yaml or .json, ARRCON's .hosts, or RCON Desk's own export. Null when the user cancelled.
   */
  importProfiles(): Promise<ImportProfilesResult | null>;
  /** Asks where to save (a save dialog in the main process) and writes every server, without passwords. */
  exportProfiles(): Promise<ExportProfilesResult>;
  /** Checks a server step by step; logs in at most once, and not at all without a password. */
  testConnection(request: TestConnectionRequest): Promise<ConnectionTestResult>;

  openSession(request: OpenSessionRequest): Promise<SessionInfo>;
  listSessions(): Promise<SessionInfo[]>;
  sendCommand(sessionId: string, command: string): Promise<CommandResult>;
  /**
   * Reconnects a session that is disconnected or failed; a password may be given after a login failure.
   * While it waits to retry, makes the next attempt at once ("Reconnect now"); if that fails, the waiting goes on.
   */
  reconnectSession(sessionId: string, password?: string): Promise<SessionInfo>;
  closeSession(sessionId: string): Promise<void>;
  /** Which session's console the window shows (null for none): its drops are not worth a desktop notification. */
  setForegroundSession(sessionId: string | null): Promise<void>;

  getHistory(profileId: string): Promise<string[]>;
  /** The folder a server's automatic transcripts go to (see its "Automatic transcript" setting). */
  transcriptFolder(profileId: string): Promise<string>;

  /**
   * Sends one command to every server of the target at once. Each server's outcome also arrives
   * as a `broadcast-outcome` fleet event under `broadcastId` as soon as it is known.
   */
  broadcast(request: BroadcastRequest): Promise<ServerOutcome[]>;
  listMacros(): Promise<Macro[]>;
  saveMacro(macro: MacroDraft): Promise<Macro>;
  deleteMacro(id: string): Promise<void>;
  /** Starts a macro; its progress arrives as `macro-progress` fleet events under the returned run id. */
  startMacro(request: StartMacroRequest): Promise<{ runId: string }>;
  cancelMacro(runId: string): Promise<void>;
  listSchedules(): Promise<ScheduleView[]>;
  saveSchedule(schedule: ScheduleDraft): Promise<ScheduleView>;
  deleteSchedule(id: string): Promise<void>;
  /** The audit log's records that match, newest first. */
  readAudit(filter: AuditFilter): Promise<{ records: AuditRecord[]; unreadableLines: number }>;
  /** Asks where to save, then writes the matching records; null when the user cancelled. */
  exportAudit(request: { format: ExportFormat; filter: AuditFilter }): Promise<string | null>;
  /** Asks where to save (a save dialog in the main process) and writes the text there. */
  saveText(request: SaveTextRequest): Promise<SaveTextResult>;
  /**
   * Saves the whole of the session's last answer too long for the console (ANSWER_LINES_SHOWN),
   * which the main process keeps while the session is open: the window only ever has its end.
   */
  saveLongAnswer(request: SaveLongAnswerRequest): Promise<SaveTextResult>;

  /**
   * A saved server's status from its query port (no password). The renderer polls it while the
   * window is visible (document.visibilityState); main keeps no timer of its own.
   */
  serverStatus(profileId: string): Promise<ServerStatus>;
  /** The players of an open session: the query's list merged with the game's RCON list command. */
  listPlayers(sessionId: string): Promise<PlayersView>;
  /** Kicks, bans or messages a player with the game's commands over the session; returns them as sent. */
  playerAction(request: PlayerActionRequest): Promise<{ commands: string[] }>;

  /** Subscribes to session events; returns the unsubscribe function. */
  onSessionEvent(listener: (event: SessionEvent) => void): () => void;
  /** Subscribes to broadcast, macro and schedule events; returns the unsubscribe function. */
  onFleetEvent(listener: (event: FleetEvent) => void): () => void;
  /**
   * Subscribes to requests to show a session's console, e.g. the user clicked its desktop
   * notification; returns the unsubscribe function.
   */
  onShowSession(listener: (request: ShowSessionRequest) => void): () => void;
}

/** Show this session's console tab (SHOW_SESSION_CHANNEL). */
export interface ShowSessionRequest {
  sessionId: string;
}

export interface BroadcastRequest {
  /** Chosen by the renderer, to match the outcome events to this broadcast. */
  broadcastId: string;
  target: FleetTarget;
  command: string;
  /** Profiles of the target the user opted out. */
  exclude: string[];
}

export interface StartMacroRequest {
  macroId: string;
  target: FleetTarget;
}

/** The invoke channels, one per request method of the API. */
export const INVOKE_CHANNELS = {
  listProfiles: 'profiles:list',
  profilesLoadReport: 'profiles:load-report',
  saveProfile: 'profiles:save',
  duplicateProfile: 'profiles:duplicate',
  deleteProfile: 'profiles:delete',
  reorderProfiles: 'profiles:reorder',
  keychainStatus: 'keychain:status',
  importProfiles: 'profiles:import',
  exportProfiles: 'profiles:export',
  testConnection: 'connection:test',
  openSession: 'sessions:open',
  listSessions: 'sessions:list',
  sendCommand: 'sessions:send',
  reconnectSession: 'sessions:reconnect',
  closeSession: 'sessions:close',
  setForegroundSession: 'sessions:foreground',
  getHistory: 'history:get',
  transcriptFolder: 'transcripts:folder',
  broadcast: 'fleet:broadcast',
  listMacros: 'fleet:macros:list',
  saveMacro: 'fleet:macros:save',
  deleteMacro: 'fleet:macros:delete',
  startMacro: 'fleet:macros:start',
  cancelMacro: 'fleet:macros:cancel',
  listSchedules: 'fleet:schedules:list',
  saveSchedule: 'fleet:schedules:save',
  deleteSchedule: 'fleet:schedules:delete',
  readAudit: 'audit:read',
  exportAudit: 'audit:export',
  serverStatus: 'status:server',
  listPlayers: 'players:list',
  playerAction: 'players:action',
  saveText: 'files:save-text',
  saveLongAnswer: 'files:save-long-answer',
} as const satisfies Record<Exclude<keyof RconDeskApi, 'onSessionEvent' | 'onFleetEvent' | 'onShowSession'>, string>;

export type InvokeMethod = keyof typeof INVOKE_CHANNELS;

/** Main pushes every SessionEvent on this channel. */
export const SESSION_EVENT_CHANNEL = 'sessions:event';

/**
 * The bridge (not the page) invokes this with an OutputReceipt for each output event it handed
 * to the page, and with `chars: 0` when the page starts listening: the main process's flow
 * control (main/session-event-forwarder.ts). Not part of RconDeskApi.
 */
export const OUTPUT_RECEIVED_CHANNEL = 'sessions:output-received';

export interface OutputReceipt {
  /** Names the page load the bridge belongs to: a new one means the window was loaded anew. */
  page: string;
  /** Length of the output event's text (UTF-16 code units). */
  chars: number;
}

/** Main pushes every FleetEvent on this channel. */
export const FLEET_EVENT_CHANNEL = 'fleet:event';

/** Main pushes a ShowSessionRequest on this channel when the window should show a console. */
export const SHOW_SESSION_CHANNEL = 'sessions:show';

/** The name of the API object on `window`. */
export const API_GLOBAL = 'rconDesk';

/** An error as it crosses the bridge: Electron keeps only the message, so the kind travels in it. */
export interface ApiErrorShape {
  kind:
    'validation' | 'not-found' | 'auth' | 'banned' | 'connection' | 'timeout' | 'protocol' | 'keychain' | 'internal';
  message: string;
}

/** What every invoke handler returns: Electron flattens thrown errors to a string, so errors travel as data. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

/** Thrown in the renderer when a call fails; `kind` says what went wrong, `message` says it in words. */
export class ApiError extends Error {
  readonly kind: ApiErrorShape['kind'];

  constructor(shape: ApiErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.kind = shape.kind;
  }
}

/** Every ApiErrorShape kind, for checks at runtime. */
export const API_ERROR_KINDS = [
  'validation',
  'not-found',
  'auth',
  'banned',
  'connection',
  'timeout',
  'protocol',
  'keychain',
  'internal',
] as const satisfies readonly ApiErrorShape['kind'][];

/**
 * What a failed API call threw, as an ApiError. Through contextBridge a rejection arrives as a
 * plain `{ name: 'ApiError', kind, message }` object (contextBridge would strip `kind` off an
 * Error), so renderer code should read failures through this, or check `kind` and `message`.
 */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const candidate = (typeof error === 'object' && error !== null ? error : {}) as { kind?: unknown; message?: unknown };
  const message = typeof candidate.message === 'string' ? candidate.message : String(error);
  const kind = (API_ERROR_KINDS as readonly unknown[]).includes(candidate.kind)
    ? (candidate.kind as ApiErrorShape['kind'])
    : 'internal';
  return new ApiError({ kind, message });
}
