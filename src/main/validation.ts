import { GAME_IDS } from '../shared/game-presets';
import {
  PROFILE_SETTINGS_DEFAULTS,
  PROFILE_SETTINGS_LIMITS,
  RECONNECT_MODES,
  type ProfileSettings,
} from '../shared/profile-settings';
import type {
  ConsoleProtocol,
  Dialect,
  OpenSessionRequest,
  PasswordChange,
  Profile,
  ProfileDraft,
  SaveProfileRequest,
  SaveLongAnswerRequest,
  SaveTextRequest,
  TextEncoding,
  TestConnectionRequest,
} from '../shared/api';
import { ValidationError } from './services/errors';

/**
 * Hand-written checks for everything that arrives from the renderer or from a file on disk.
 * Each parser takes `unknown`, rejects wrong types, missing fields, unknown extra fields and
 * oversized values with a message a user can act on, and returns a fresh, typed value.
 */

export const LIMITS = {
  id: 100,
  name: 100,
  host: 253,
  group: 100,
  quickCommands: 50,
  quickCommand: 1000,
  /** In characters; the engine also checks the encoded size against what servers accept. */
  command: 4096,
  password: 1024,
  profiles: 10_000,
  fileName: 200,
  /** In characters: the largest answer the engine accepts (64 MiB), with room for a console's lines around it. */
  savedText: 80 * 1024 * 1024,
} as const;

export const DIALECT_VALUES: readonly Dialect[] = ['auto', 'source', 'minecraft'];
export const ENCODING_VALUES: readonly TextEncoding[] = ['utf8', 'latin1'];

const ID_PATTERN = /^[A-Za-z0-9._-]+$/;
/** Host names, IPv4 and IPv6 literals (with an optional zone). Brackets are not used by the socket API. */
const HOST_PATTERN = /^[A-Za-z0-9._:%-]+$/;
const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000a-\u001f\u007f]/;

export type PlainRecord = Record<string, unknown>;

/** A plain object with only the allowed keys and all the required ones. */
export function expectRecord(
  value: unknown,
  label: string,
  allowed: readonly string[],
  required: readonly string[] = allowed,
): PlainRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError(`${label} must be an object.`);
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) {
    throw new ValidationError(`${label} must be a plain object.`);
  }
  const record = value as PlainRecord;
  const unknown = Object.keys(record).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    throw new ValidationError(`${label} has unknown field${unknown.length > 1 ? 's' : ''}: ${describeKeys(unknown)}.`);
  }
  const missing = required.filter((key) => !Object.prototype.hasOwnProperty.call(record, key));
  if (missing.length > 0) {
    throw new ValidationError(`${label} is missing ${describeKeys(missing)}.`);
  }
  return record;
}

export interface StringRules {
  min?: number;
  max: number;
  /** Trim before checking and return the trimmed text. */
  trim?: boolean;
  /** Allow line breaks and other control characters (tab is always allowed). */
  multiline?: boolean;
}

export function expectString(value: unknown, label: string, rules: StringRules): string {
  if (typeof value !== 'string') throw new ValidationError(`${label} must be text.`);
  // Checked before trimming so a huge string costs no more than this comparison.
  if (value.length > rules.max * 2 + 16)
    throw new ValidationError(`${label} is too long (at most ${rules.max} characters).`);
  const text = rules.trim ? value.trim() : value;
  const min = rules.min ?? 0;
  if (text.length < min) {
    throw new ValidationError(min === 1 ? `${label} is empty.` : `${label} must be at least ${min} characters long.`);
  }
  if (text.length > rules.max) throw new ValidationError(`${label} is too long (at most ${rules.max} characters).`);
  if (text.includes('\0')) throw new ValidationError(`${label} cannot contain a NUL character.`);
  if (!rules.multiline && CONTROL_CHARS.test(text)) {
    throw new ValidationError(`${label} must be one line without control characters.`);
  }
  return text;
}

export function expectInteger(value: unknown, label: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(`${label} must be a whole number from ${min} to ${max}.`);
  }
  return value;
}

export function expectBoolean(value: unknown, label: string): boolean {
  if (typeof value !== 'boolean') throw new ValidationError(`${label} must be true or false.`);
  return value;
}

export function expectOneOf<T extends string>(value: unknown, label: string, options: readonly T[]): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    throw new ValidationError(`${label} must be one of ${options.join(', ')}.`);
  }
  return value as T;
}

export function expectArray(value: unknown, label: string, maxItems: number): unknown[] {
  if (!Array.isArray(value)) throw new ValidationError(`${label} must be a list.`);
  if (value.length > maxItems) throw new ValidationError(`${label} has too many entries (at most ${maxItems}).`);
  return value;
}

/** Checks the number of arguments an API method got. */
export function expectArgs(args: unknown[], method: string, min: number, max: number = min): void {
  if (!Array.isArray(args) || args.length < min || args.length > max) {
    const wanted = min === max ? `${min} argument${min === 1 ? '' : 's'}` : `${min} to ${max} arguments`;
    throw new ValidationError(`${method} takes ${wanted}, got ${Array.isArray(args) ? args.length : 'none'}.`);
  }
}

export function parseId(value: unknown, label = 'The id'): string {
  const id = expectString(value, label, { min: 1, max: LIMITS.id });
  if (!ID_PATTERN.test(id)) throw new ValidationError(`${label} is not a valid id.`);
  return id;
}

export function parseIdList(value: unknown, label = 'The list of profile ids'): string[] {
  return expectArray(value, label, LIMITS.profiles).map((item, index) =>
    parseId(item, `${label}, entry ${index + 1},`),
  );
}

export function parseHost(value: unknown, label = 'Host'): string {
  const host = expectString(value, label, { min: 1, max: LIMITS.host, trim: true });
  if (!HOST_PATTERN.test(host)) {
    throw new ValidationError(
      `${label} must be a host name or IP address without spaces, such as play.example.com or 192.0.2.10.`,
    );
  }
  return host;
}

export function parseColor(value: unknown, label = 'Colour'): string {
  if (value === '') return '';
  if (typeof value !== 'string' || !COLOR_PATTERN.test(value)) {
    throw new ValidationError(`${label} must be a colour like #3b82f6, or empty for none.`);
  }
  return value.toLowerCase();
}

export function parseCommand(value: unknown, label = 'The command'): string {
  const command = expectString(value, label, { max: LIMITS.command });
  if (command.trim() === '') throw new ValidationError(`${label} is empty.`);
  return command;
}

export function parsePassword(value: unknown, label = 'The password'): string {
  return expectString(value, label, { min: 1, max: LIMITS.password });
}

const DRAFT_KEYS = [
  'name',
  'host',
  'port',
  'protocol',
  'dialect',
  'encoding',
  'group',
  'color',
  'quickCommands',
  'rememberPassword',
] as const satisfies readonly (keyof ProfileDraft)[];
/** Optional: profiles saved before games existed have none. */
const OPTIONAL_DRAFT_KEYS = ['game', 'queryPort', 'settings'] as const satisfies readonly (keyof ProfileDraft)[];
const PROFILE_KEYS = ['id', ...DRAFT_KEYS] as const satisfies readonly (keyof Profile)[];
/** `protocol` came later: a profile without it (an older file, an older caller) speaks Source RCON. */
const OPTIONAL_KEYS: readonly string[] = ['protocol'];
const REQUIRED_DRAFT_KEYS = DRAFT_KEYS.filter((key) => !OPTIONAL_KEYS.includes(key));
const REQUIRED_PROFILE_KEYS = PROFILE_KEYS.filter((key) => !OPTIONAL_KEYS.includes(key));
export const PROTOCOL_VALUES = ['rcon', 'webrcon', 'battleye', 'telnet'] as const satisfies readonly ConsoleProtocol[];

/** `where` prefixes every message, e.g. "Profile 3: ", so a message about a file names the record. */
export function parseProfileDraft(value: unknown, where = ''): ProfileDraft {
  const record = expectRecord(
    value,
    `${where}The profile`,
    [...DRAFT_KEYS, ...OPTIONAL_DRAFT_KEYS],
    REQUIRED_DRAFT_KEYS,
  );
  return parseDraftFields(record, where);
}

export function parseProfile(value: unknown, where = ''): Profile {
  const record = expectRecord(
    value,
    `${where}The profile`,
    [...PROFILE_KEYS, ...OPTIONAL_DRAFT_KEYS],
    REQUIRED_PROFILE_KEYS,
  );
  return { id: parseId(record.id, `${where}The profile id`), ...parseDraftFields(record, where) };
}

function parseDraftFields(record: PlainRecord, where: string): ProfileDraft {
  const quickCommands = expectArray(record.quickCommands, `${where}Quick commands`, LIMITS.quickCommands).map(
    (item, index) =>
      expectString(item, `${where}Quick command ${index + 1}`, { min: 1, max: LIMITS.quickCommand, trim: true }),
  );
  const game = record.game === undefined ? undefined : expectOneOf(record.game, `${where}Game`, GAME_IDS);
  const queryPort =
    record.queryPort === undefined ? undefined : expectInteger(record.queryPort, `${where}Query port`, 1, 65535);
  const settings = record.settings === undefined ? undefined : parseProfileSettings(record.settings, where);
  return {
    ...(game ? { game } : {}),
    ...(queryPort !== undefined ? { queryPort } : {}),
    ...(settings && Object.keys(settings).length > 0 ? { settings } : {}),
    name: expectString(record.name, `${where}Name`, { min: 1, max: LIMITS.name, trim: true }),
    host: parseHost(record.host, `${where}Host`),
    port: expectInteger(record.port, `${where}Port`, 1, 65535),
    protocol:
      record.protocol === undefined ? 'rcon' : expectOneOf(record.protocol, `${where}Protocol`, PROTOCOL_VALUES),
    dialect: expectOneOf(record.dialect, `${where}Dialect`, DIALECT_VALUES),
    encoding: expectOneOf(record.encoding, `${where}Encoding`, ENCODING_VALUES),
    group: expectString(record.group, `${where}Group`, { max: LIMITS.group, trim: true }),
    color: parseColor(record.color, `${where}Colour`),
    quickCommands,
    rememberPassword: expectBoolean(record.rememberPassword, `${where}Remember password`),
  };
}

const SETTINGS_KEYS = Object.keys(PROFILE_SETTINGS_DEFAULTS) as (keyof ProfileSettings)[];

/** Every field optional: a profile keeps only what differs from the defaults. */
export function parseProfileSettings(value: unknown, where = ''): Partial<ProfileSettings> {
  const record = expectRecord(value, `${where}The server settings`, SETTINGS_KEYS, []);
  const settings: Partial<ProfileSettings> = {};
  const duration = (key: keyof typeof PROFILE_SETTINGS_LIMITS, label: string): number | undefined => {
    if (record[key] === undefined) return undefined;
    const { min, max } = PROFILE_SETTINGS_LIMITS[key];
    return expectInteger(record[key], `${where}${label}`, min, max);
  };
  const commandTimeoutMs = duration('commandTimeoutMs', 'Command timeout (ms)');
  if (commandTimeoutMs !== undefined) settings.commandTimeoutMs = commandTimeoutMs;
  const reconnectGiveUpMs = duration('reconnectGiveUpMs', 'Give up reconnecting after (ms)');
  if (reconnectGiveUpMs !== undefined) settings.reconnectGiveUpMs = reconnectGiveUpMs;
  const reconnectMaxDelayMs = duration('reconnectMaxDelayMs', 'Longest wait between attempts (ms)');
  if (reconnectMaxDelayMs !== undefined) settings.reconnectMaxDelayMs = reconnectMaxDelayMs;
  if (record.reconnect !== undefined) {
    settings.reconnect = expectOneOf(record.reconnect, `${where}Reconnect`, RECONNECT_MODES);
  }
  const flags = {
    confirmDestructive: 'Confirm destructive commands',
    notifyOnDrop: 'Notify when the server drops',
    autoTranscript: 'Automatic transcript',
  } as const;
  for (const [key, label] of Object.entries(flags) as [keyof typeof flags, string][]) {
    if (record[key] !== undefined) settings[key] = expectBoolean(record[key], `${where}${label}`);
  }
  return settings;
}

export function parsePasswordChange(value: unknown): PasswordChange {
  const record = expectRecord(value, 'The password change', ['kind', 'password'], ['kind']);
  const kind = expectOneOf(record.kind, 'The password change kind', ['keep', 'set', 'clear'] as const);
  if (kind === 'set') {
    if (!('password' in record)) throw new ValidationError('The password change is missing "password".');
    return { kind, password: parsePassword(record.password) };
  }
  if ('password' in record) {
    throw new ValidationError(`A password can only be given with the password change "set", not "${kind}".`);
  }
  return { kind };
}

export function parseSaveProfileRequest(value: unknown): SaveProfileRequest {
  const record = expectRecord(value, 'The save request', ['id', 'profile', 'password'], ['profile', 'password']);
  const request: SaveProfileRequest = {
    profile: parseProfileDraft(record.profile),
    password: parsePasswordChange(record.password),
  };
  if ('id' in record && record.id !== undefined) request.id = parseId(record.id, 'The profile id');
  return request;
}

export function parseTestConnectionRequest(value: unknown): TestConnectionRequest {
  const record = expectRecord(
    value,
    'The connection test',
    ['host', 'port', 'password', 'profileId'],
    ['host', 'port'],
  );
  const request: TestConnectionRequest = {
    host: parseHost(record.host, 'Host'),
    port: expectInteger(record.port, 'Port', 1, 65535),
  };
  if (record.password !== undefined) request.password = parsePassword(record.password);
  if (record.profileId !== undefined) request.profileId = parseId(record.profileId, 'The profile id');
  return request;
}

export function parseOpenSessionRequest(value: unknown): OpenSessionRequest {
  const record = expectRecord(value, 'The open request', ['profileId', 'password'], ['profileId']);
  const request: OpenSessionRequest = { profileId: parseId(record.profileId, 'The profile id') };
  if ('password' in record && record.password !== undefined) request.password = parsePassword(record.password);
  return request;
}

export function parseOptionalPassword(value: unknown): string | undefined {
  return value === undefined ? undefined : parsePassword(value);
}

export function parseSaveTextRequest(value: unknown): SaveTextRequest {
  const record = expectRecord(value, 'The save request', ['suggestedName', 'text']);
  const suggestedName = parseFileName(record.suggestedName);
  const text = expectString(record.text, 'The text to save', { max: LIMITS.savedText, multiline: true });
  return { suggestedName, text };
}

export function parseSaveLongAnswerRequest(value: unknown): SaveLongAnswerRequest {
  const record = expectRecord(value, 'The save request', ['sessionId', 'suggestedName']);
  return { sessionId: parseId(record.sessionId, 'The session id'), suggestedName: parseFileName(record.suggestedName) };
}

/** A file name offered in a save dialog: no folders. */
function parseFileName(value: unknown): string {
  const name = expectString(value, 'The file name', { min: 1, max: LIMITS.fileName });
  if (/[/\\]/.test(name) || name === '.' || name === '..') {
    throw new ValidationError('The file name cannot name a folder.');
  }
  return name;
}

function describeKeys(keys: readonly string[]): string {
  const shown = keys.slice(0, 5).map((key) => JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key));
  return shown.join(', ') + (keys.length > 5 ? ` and ${keys.length - 5} more` : '');
}
