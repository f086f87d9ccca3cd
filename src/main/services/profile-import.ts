import { isIPv6 } from 'node:net';
import { load as loadYaml } from 'js-yaml';
import type {
  ConsoleProtocol,
  Profile,
  ProfileDraft,
  ProfileImportFormat,
  ProfileImportReport,
  ProfileView,
} from '../../shared/api';
import { profileDraft } from '../../shared/profile-defaults';
import { parseProfileDraft } from '../validation';
import { StorageError, ValidationError } from './errors';
import { errorMessage } from './session-text';
import type { ProfileStore } from './profile-store';

/**
 * Importing saved servers from other RCON tools' files, and exporting ours without passwords.
 *
 * - gorcon rcon-cli: `rcon.yaml` (or `.json`), whose top-level keys are environment names, each
 *   with `address` (host:port), `password` and `type` ('' or 'rcon', 'telnet' for 7 Days to Die, 'web'
 *   for Rust's WebRCON), each imported with its protocol.
 * - ARRCON: its `.hosts` file, INI sections named after the target with `hostname`, `port` and
 *   `password` (older releases wrote `sHost`, `sPort`, `sPass`).
 * - RCON Desk's own export: `{ "format": "rcon-desk-profiles", "profiles": [...] }`.
 */

export type ImportFormat = ProfileImportFormat;

export interface ImportEntry {
  name: string;
  host: string;
  port: number;
  /** Absent when the file has none for this entry. */
  password?: string;
  /** Further settings, from RCON Desk's own export. */
  settings?: Partial<ProfileDraft>;
}

export interface ImportPlan {
  format: ImportFormat;
  entries: ImportEntry[];
  /** Entries that cannot be imported, with the reason. */
  skipped: { name: string; reason: string }[];
}

export type ImportReport = ProfileImportReport;

export const EXPORT_FORMAT = 'rcon-desk-profiles';
export const MAX_IMPORT_BYTES = 1024 * 1024;
const MAX_ENTRIES = 1000;

/** Reads a file's text as one of the known formats, chosen by its name and then by its content. */
export function parseImportFile(fileName: string, text: string): ImportPlan {
  if (Buffer.byteLength(text) > MAX_IMPORT_BYTES) {
    throw new ValidationError(`${fileName} is larger than 1 MiB: that is not a list of servers.`);
  }
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.hosts') || lower.endsWith('.ini')) return parseArrconHosts(text);
  if (lower.endsWith('.json')) {
    const value = parseJson(text, fileName);
    return isRconDeskExport(value) ? parseRconDeskExport(value) : parseRconCliConfig(value);
  }
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return parseRconCliConfig(parseYaml(text, fileName));
  throw new ValidationError(
    `${fileName}: unknown kind of file. Import reads gorcon rcon-cli's rcon.yaml (or .json), ` +
      "ARRCON's .hosts file and RCON Desk's own export (.json).",
  );
}

/** rcon-cli's `type`, empty for its default, as the protocol RCON Desk speaks to that server. */
const RCON_CLI_PROTOCOLS: Partial<Record<string, ConsoleProtocol>> = {
  '': 'rcon',
  rcon: 'rcon',
  web: 'webrcon',
  telnet: 'telnet',
};

export function parseRconCliConfig(value: unknown): ImportPlan {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError('The rcon-cli file must map environment names to their settings.');
  }
  const plan: ImportPlan = { format: 'rcon-cli', entries: [], skipped: [] };
  for (const [name, settings] of Object.entries(value as Record<string, unknown>).slice(0, MAX_ENTRIES)) {
    const s = (typeof settings === 'object' && settings !== null ? settings : {}) as Record<string, unknown>;
    const type = typeof s['type'] === 'string' ? s['type'] : '';
    const protocol = RCON_CLI_PROTOCOLS[type];
    if (!protocol) {
      plan.skipped.push({
        name,
        reason: `its type "${type}" is none of rcon-cli's: rcon, web (Rust) or telnet (7 Days to Die)`,
      });
      continue;
    }
    if (typeof s['address'] !== 'string' || s['address'].trim() === '') {
      plan.skipped.push({ name, reason: 'it has no address' });
      continue;
    }
    addEntry(plan, name, s['address'], undefined, s['password'], protocol === 'rcon' ? undefined : { protocol });
  }
  return plan;
}

export function parseArrconHosts(text: string): ImportPlan {
  const plan: ImportPlan = { format: 'arrcon', entries: [], skipped: [] };
  const sections: { name: string; keys: Map<string, string> }[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      sections.push({ name: (header[1] ?? '').trim(), keys: new Map() });
      continue;
    }
    const pair = /^([^=]+)=(.*)$/.exec(line);
    const section = sections[sections.length - 1];
    if (!pair || !section)
      throw new ValidationError(`Line ${index + 1} of the hosts file is not "[name]" or "key = value".`);
    section.keys.set((pair[1] ?? '').trim().toLowerCase(), (pair[2] ?? '').trim());
  }
  for (const { name, keys } of sections.slice(0, MAX_ENTRIES)) {
    const host = keys.get('hostname') ?? keys.get('shost');
    if (host === undefined || host === '') {
      plan.skipped.push({ name, reason: 'it has no hostname' });
      continue;
    }
    addEntry(
      plan,
      name,
      host,
      keys.get('port') ?? keys.get('sport') ?? '27015',
      keys.get('password') ?? keys.get('spass'),
    );
  }
  return plan;
}

/** Our own export: no passwords, so every entry is imported without one. */
function parseRconDeskExport(value: { profiles: unknown[] }): ImportPlan {
  const plan: ImportPlan = { format: 'rcon-desk', entries: [], skipped: [] };
  for (const [index, item] of value.profiles.slice(0, MAX_ENTRIES).entries()) {
    const candidate = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const label = typeof candidate['name'] === 'string' ? candidate['name'] : `entry ${index + 1}`;
    try {
      const { name, host, port, ...settings } = parseProfileDraft({ ...candidate, rememberPassword: true });
      plan.entries.push({ name, host, port, settings });
    } catch (error) {
      plan.skipped.push({ name: label, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return plan;
}

/** Adds an entry from `address` (host[:port], or host alone with `port` apart), or says why not. */
function addEntry(
  plan: ImportPlan,
  name: string,
  address: string,
  port: string | undefined,
  password: unknown,
  settings?: Partial<ProfileDraft>,
): void {
  const parsed = splitAddress(address.trim(), port);
  if (typeof parsed === 'string') {
    plan.skipped.push({ name, reason: parsed });
    return;
  }
  const entry: ImportEntry = { name: name.trim().slice(0, 100) || parsed.host, ...parsed };
  if (typeof password === 'string' && password !== '') entry.password = password;
  if (settings) entry.settings = settings;
  plan.entries.push(entry);
}

function splitAddress(address: string, separatePort: string | undefined): { host: string; port: number } | string {
  let host = address;
  let port = separatePort;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(address);
  if (bracketed) {
    host = bracketed[1] ?? '';
    port = bracketed[2] ?? port;
  } else if (!isIPv6(address) && address.includes(':')) {
    const at = address.lastIndexOf(':');
    host = address.slice(0, at);
    port = address.slice(at + 1);
  }
  if (host === '' || /\s/.test(host)) return `"${address}" is not a host name or address`;
  if (port === undefined) return `"${address}" has no port`;
  const number = Number(port);
  if (!/^\d{1,5}$/.test(port) || number < 1 || number > 65535) return `"${port}" is not a port from 1 to 65535`;
  return { host, port: number };
}

function isRconDeskExport(value: unknown): value is { profiles: unknown[] } {
  const v = value as { format?: unknown; profiles?: unknown } | null;
  return typeof v === 'object' && v !== null && v.format === EXPORT_FORMAT && Array.isArray(v.profiles);
}

function parseJson(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ValidationError(`${fileName} is not valid JSON: ${error instanceof Error ? error.message : error}`);
  }
}

function parseYaml(text: string, fileName: string): unknown {
  try {
    // js-yaml's default schema builds plain data only (no functions or classes).
    return loadYaml(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ValidationError(`${fileName} is not valid YAML: ${reason}`);
  }
}

/**
 * Saves a plan's entries as new profiles, passwords in the keychain. A name already in use gets
 * a number; an entry whose name, host and port are all already saved is skipped. Without a
 * keychain the profiles are still saved, without their passwords, and the report says so.
 *
 * Nothing is lost part-way: a keychain that fails on one password leaves that server and the rest
 * saved without theirs (said in `passwordProblem`); a profiles file that cannot be written stops
 * the import, and the report lists what was saved before and says where it stopped (`interrupted`).
 */
export async function importProfiles(store: ProfileStore, plan: ImportPlan): Promise<ImportReport> {
  const report: ImportReport = { format: plan.format, imported: [], skipped: [...plan.skipped] };
  const keychain = await store.keychainStatus();
  let keychainFailure: string | undefined;
  const existing: Profile[] = await store.list();
  const save = (entry: ImportEntry, name: string, password: string | undefined) =>
    store.save({
      profile: profileDraft({ ...entry.settings, name, host: entry.host, port: entry.port }),
      password: password !== undefined ? { kind: 'set', password } : { kind: 'keep' },
    });
  for (const entry of plan.entries) {
    if (existing.some((p) => p.name === entry.name && p.host === entry.host && p.port === entry.port)) {
      report.skipped.push({ name: entry.name, reason: 'it is already saved' });
      continue;
    }
    const name = uniqueName(entry.name, existing);
    let keep = entry.password !== undefined && keychain.available && keychainFailure === undefined;
    let saved: Profile;
    try {
      try {
        saved = await save(entry, name, keep ? entry.password : undefined);
      } catch (error) {
        if (!keep || error instanceof StorageError || error instanceof ValidationError) throw error;
        // The keychain failed on this password: this server and the rest go without theirs.
        keychainFailure = errorMessage(error);
        keep = false;
        saved = await save(entry, name, undefined);
      }
    } catch (error) {
      if (error instanceof ValidationError) {
        report.skipped.push({ name: entry.name, reason: errorMessage(error) });
        continue;
      }
      report.interrupted =
        `Importing stopped at “${name}”: ${sentence(errorMessage(error))} ` +
        'The servers listed as imported are saved; the rest of the file was not imported.';
      break;
    }
    existing.push(saved);
    report.imported.push({ name, passwordSaved: keep });
  }
  if (!keychain.available && plan.entries.some((e) => e.password !== undefined)) {
    report.passwordProblem = `The passwords were not saved: ${keychain.reason ?? 'there is no keychain.'} You will be asked for them when you connect.`;
  } else if (keychainFailure !== undefined) {
    report.passwordProblem = `Some passwords were not saved: the keychain failed (${keychainFailure}). You will be asked for them when you connect.`;
  }
  return report;
}

/** Ends a message with a full stop, so another sentence can follow it. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** The profiles as a file for another machine: everything but the ids and the passwords. */
export function exportProfiles(profiles: readonly ProfileView[]): string {
  // Every setting but the id, the keychain flags and (never stored here anyway) the password.
  const list = profiles.map((profile) => {
    const { id: _id, hasSavedPassword: _saved, rememberPassword: _remember, ...settings } = profile;
    return settings;
  });
  return `${JSON.stringify({ format: EXPORT_FORMAT, version: 1, profiles: list }, null, 2)}\n`;
}

function uniqueName(name: string, existing: readonly Profile[]): string {
  if (!existing.some((p) => p.name === name)) return name;
  for (let n = 2; ; n += 1) {
    const candidate = `${name} (${n})`;
    if (!existing.some((p) => p.name === candidate)) return candidate;
  }
}
