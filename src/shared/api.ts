/**
 * The one contract between the main process and the renderer. Main implements `RconDeskApi`
 * with ipcMain handlers, the preload exposes it on `window.rconDesk`, the renderer calls it.
 * Only plain data crosses it; a password goes one way (renderer to main) and never comes back.
 */

export type Dialect = 'auto' | 'source' | 'minecraft';
export type TextEncoding = 'utf8' | 'latin1';

/** A saved server, as stored in the profiles file. It never holds the password. */
export interface Profile {
  id: string;
  name: string;
  host: string;
  port: number;
  dialect: Dialect;
  encoding: TextEncoding;
  group: string;
  /** A CSS hex colour like `#3b82f6`, or '' for none. */
  color: string;
  quickCommands: string[];
  rememberPassword: boolean;
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
 * How a command went. The answer itself reaches the renderer once, as an `output` event; a
 * many-megabyte answer is not sent over the bridge a second time.
 */
export interface CommandResult {
  durationMs: number;
  /** Length of the answer in characters. */
  answerLength: number;
}

export type OutputKind = 'command' | 'response' | 'server' | 'error' | 'info';

export type SessionEvent =
  | { type: 'status'; session: SessionInfo; retryInMs?: number }
  | { type: 'output'; sessionId: string; kind: OutputKind; text: string; at: number };

export interface OpenSessionRequest {
  profileId: string;
  /** Asked for at connect time when none is saved or the keychain is unavailable; not stored. */
  password?: string;
}

/** Text to save to a file the user picks in a save dialog (a cut answer, a whole console). */
export interface SaveTextRequest {
  /** File name offered in the dialog, without folders. */
  suggestedName: string;
  text: string;
}

export interface SaveTextResult {
  /** False when the user cancelled the dialog. */
  saved: boolean;
  /** Where the file was written, when saved. */
  path?: string;
}

export interface RconDeskApi {
  listProfiles(): Promise<ProfileView[]>;
  profilesLoadReport(): Promise<ProfilesLoadReport>;
  saveProfile(request: SaveProfileRequest): Promise<ProfileView>;
  duplicateProfile(id: string): Promise<ProfileView>;
  deleteProfile(id: string): Promise<void>;
  reorderProfiles(ids: string[]): Promise<ProfileView[]>;
  keychainStatus(): Promise<KeychainStatus>;

  openSession(request: OpenSessionRequest): Promise<SessionInfo>;
  listSessions(): Promise<SessionInfo[]>;
  sendCommand(sessionId: string, command: string): Promise<CommandResult>;
  /** Reconnects a session that is disconnected or failed; a password may be given after a login failure. */
  reconnectSession(sessionId: string, password?: string): Promise<SessionInfo>;
  closeSession(sessionId: string): Promise<void>;

  getHistory(profileId: string): Promise<string[]>;

  /** Asks where to save (a save dialog in the main process) and writes the text there. */
  saveText(request: SaveTextRequest): Promise<SaveTextResult>;

  /** Subscribes to session events; returns the unsubscribe function. */
  onSessionEvent(listener: (event: SessionEvent) => void): () => void;
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
  openSession: 'sessions:open',
  listSessions: 'sessions:list',
  sendCommand: 'sessions:send',
  reconnectSession: 'sessions:reconnect',
  closeSession: 'sessions:close',
  getHistory: 'history:get',
  saveText: 'files:save-text',
} as const satisfies Record<Exclude<keyof RconDeskApi, 'onSessionEvent'>, string>;

export type InvokeMethod = keyof typeof INVOKE_CHANNELS;

/** Main pushes every SessionEvent on this channel. */
export const SESSION_EVENT_CHANNEL = 'sessions:event';

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
