import { randomUUID } from 'node:crypto';
import type { KeychainStatus, Profile, ProfileView, ProfilesLoadReport, SaveProfileRequest } from '../../shared/api';
import {
  LIMITS,
  expectArray,
  expectRecord,
  parseIdList,
  parsePasswordChange,
  parseProfile,
  parseProfileDraft,
} from '../validation';
import { moveAsideCorruptFile, readTextFileIfExists, writeFileAtomic } from './atomic-file';
import { decodeBoundSecret, encodeBoundSecret, formatAddress, sameAddress, type ServerAddress } from './bound-secret';
import {
  CredentialBindingError,
  NotFoundError,
  PasswordReentryRequiredError,
  StorageError,
  ValidationError,
} from './errors';
import { SecretStoreError, type SecretStore } from './secret-store';
import { SerialQueue } from './serial-queue';

export const PROFILES_FILE_VERSION = 1;
const MAX_PROBLEMS_SHOWN = 3;

export interface ProfilesFile {
  version: typeof PROFILES_FILE_VERSION;
  profiles: Profile[];
}

export interface ProfileStoreOptions {
  createId?: () => string;
  /** The clock for backup names. */
  now?: () => Date;
}

/**
 * The saved servers: a versioned JSON file in the user-data folder, with each password in the
 * keychain under the profile's id. The file never holds a password.
 *
 * Loading is lazy and happens once. A damaged file is moved aside as a backup before anything
 * else is written, the profiles that still validate are kept, and `loadReport()` says what
 * happened. A file that cannot be read at all (permissions) is left alone and saving is refused,
 * so it is never overwritten with an empty list.
 *
 * A saved password is bound to the host and port it was saved for (bound-secret.ts): the keychain
 * entry records them. Changing a profile's address while keeping its saved password is refused
 * (PasswordReentryRequiredError): the password has to be entered again for the new address. So
 * code running in the window cannot send a saved password to a server of its choosing by
 * retargeting a profile or a copy of one.
 *
 * Duplicating a profile copies its saved password to the copy's own keychain entry, bound to the
 * same address: a copy is usually edited into another server of the same cluster, and then asks
 * for the password again. When the keychain cannot be read the copy simply has no saved password.
 */
export class ProfileStore {
  private profiles: readonly Profile[] = [];
  private report: ProfilesLoadReport = { ok: true };
  /** Why saving is refused, when the file on disk could not be read. */
  private readOnlyReason: string | undefined;
  private loading: Promise<void> | undefined;
  private readonly queue = new SerialQueue();
  private readonly createId: () => string;
  private readonly now: () => Date;

  constructor(
    readonly filePath: string,
    private readonly secrets: SecretStore,
    options: ProfileStoreOptions = {},
  ) {
    this.createId = options.createId ?? randomUUID;
    this.now = options.now ?? (() => new Date());
  }

  /** Loads the file once; later calls return the same report. */
  async load(): Promise<ProfilesLoadReport> {
    this.loading ??= this.readFromDisk();
    await this.loading;
    return { ...this.report };
  }

  loadReport(): Promise<ProfilesLoadReport> {
    return this.load();
  }

  keychainStatus(): Promise<KeychainStatus> {
    return this.secrets.isAvailable();
  }

  async list(): Promise<ProfileView[]> {
    await this.load();
    return this.toViews(this.profiles);
  }

  /** Throws NotFoundError for an unknown id. */
  async get(id: string): Promise<Profile> {
    await this.load();
    const profile = this.find(id);
    return { ...profile, quickCommands: [...profile.quickCommands] };
  }

  async has(id: string): Promise<boolean> {
    await this.load();
    return this.profiles.some((profile) => profile.id === id);
  }

  /**
   * The saved password, for the session manager only: it must never reach the renderer.
   * Null when none is saved; keychain failures throw SecretStoreError.
   */
  async getPassword(id: string, target?: ServerAddress): Promise<string | null> {
    await this.load();
    const profile = this.find(id);
    if (!profile.rememberPassword) return null;
    const stored = await this.secrets.get(profile.id);
    if (stored === null) return null;
    const { password, boundTo } = decodeBoundSecret(stored);
    const savedFor = boundTo ?? profile;
    for (const address of [profile, target ?? profile]) {
      if (!sameAddress(savedFor, address)) {
        throw new CredentialBindingError(
          `The password saved for "${profile.name}" belongs to ${formatAddress(savedFor)}, not ${formatAddress(address)}: ` +
            'it is not sent anywhere else. Enter the password for the new address to connect.',
        );
      }
    }
    return password;
  }

  /** Creates (no id) or updates a profile, and applies the password change. */
  save(request: SaveProfileRequest): Promise<ProfileView> {
    return this.mutate(async () => {
      const draft = parseProfileDraft(request.profile);
      const change = parsePasswordChange(request.password);
      const existing = request.id === undefined ? undefined : this.find(request.id);
      const profile: Profile = { id: existing?.id ?? this.newId(), ...draft };
      const next = existing
        ? this.profiles.map((candidate) => (candidate.id === profile.id ? profile : candidate))
        : [...this.profiles, profile];
      this.checkCount(next);

      const storePassword = profile.rememberPassword && change.kind === 'set' ? change.password : undefined;
      const removePassword = !profile.rememberPassword || change.kind === 'clear';
      if (existing && !sameAddress(existing, profile) && profile.rememberPassword && change.kind === 'keep') {
        if ((await this.secrets.get(profile.id).catch(() => null)) !== null) {
          throw new PasswordReentryRequiredError(
            `The address changed from ${formatAddress(existing)} to ${formatAddress(profile)}: ` +
              'enter the password again (a saved password only ever goes to the server it was saved for), ' +
              'or clear it.',
          );
        }
      }
      if (storePassword !== undefined) {
        const status = await this.secrets.isAvailable();
        if (!status.available) {
          throw new SecretStoreError(
            `The password cannot be saved: ${status.reason ?? 'the keychain is unavailable.'} ` +
              'Untick "Remember password" and enter it when you connect.',
          );
        }
        const restore = existing ? await this.secrets.get(profile.id).catch(() => null) : null;
        await this.secrets.set(profile.id, encodeBoundSecret(storePassword, profile));
        try {
          await this.writeProfiles(next);
        } catch (error) {
          // Undo the keychain half so the profile and its password stay consistent.
          await (restore === null ? this.secrets.delete(profile.id) : this.secrets.set(profile.id, restore)).catch(
            () => undefined,
          );
          throw error;
        }
      } else {
        await this.writeProfiles(next);
        if (removePassword) {
          await this.removePassword(profile.id, 'The profile was saved, but its saved password could not be removed');
        }
      }
      return this.toView(profile);
    });
  }

  /** Copies a profile (and its saved password, see the class comment) right after the original. */
  duplicate(id: string): Promise<ProfileView> {
    return this.mutate(async () => {
      const source = this.find(id);
      const copy: Profile = {
        ...source,
        id: this.newId(),
        name: this.copyName(source.name),
        quickCommands: [...source.quickCommands],
      };
      const index = this.profiles.indexOf(source);
      const next = [...this.profiles.slice(0, index + 1), copy, ...this.profiles.slice(index + 1)];
      this.checkCount(next);

      let copiedPassword = false;
      if (source.rememberPassword) {
        try {
          const stored = await this.secrets.get(source.id);
          const { password, boundTo } =
            stored === null ? { password: null, boundTo: undefined } : decodeBoundSecret(stored);
          // Only a password that belongs to this address is copied, bound to it again.
          if (password !== null && sameAddress(boundTo ?? source, copy)) {
            await this.secrets.set(copy.id, encodeBoundSecret(password, copy));
            copiedPassword = true;
          }
        } catch {
          // The copy is still useful without the password; hasSavedPassword tells the user.
        }
      }
      try {
        await this.writeProfiles(next);
      } catch (error) {
        if (copiedPassword) await this.secrets.delete(copy.id).catch(() => undefined);
        throw error;
      }
      return this.toView(copy);
    });
  }

  /** Deletes a profile and its keychain entry; the entry goes first, so a failure leaves no orphaned password. */
  delete(id: string): Promise<void> {
    return this.mutate(async () => {
      const profile = this.find(id);
      await this.removePassword(profile.id, 'The profile was not deleted: its saved password could not be removed');
      await this.writeProfiles(this.profiles.filter((candidate) => candidate !== profile));
    });
  }

  /** Puts the profiles in the given order; `ids` must name every profile exactly once. */
  reorder(ids: readonly string[]): Promise<ProfileView[]> {
    return this.mutate(async () => {
      const order = parseIdList(ids);
      const byId = new Map(this.profiles.map((profile) => [profile.id, profile]));
      const seen = new Set<string>();
      const next: Profile[] = [];
      for (const id of order) {
        const profile = byId.get(id);
        if (!profile)
          throw new NotFoundError(`There is no profile with the id "${id}"; reload the list and try again.`);
        if (seen.has(id)) throw new ValidationError(`The new order names the profile "${profile.name}" twice.`);
        seen.add(id);
        next.push(profile);
      }
      if (next.length !== this.profiles.length) {
        throw new ValidationError(
          `The new order names ${next.length} of ${this.profiles.length} profiles; it must name every profile once.`,
        );
      }
      await this.writeProfiles(next);
      return this.toViews(next);
    });
  }

  private mutate<T>(task: () => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      await this.load();
      if (this.readOnlyReason !== undefined) throw new StorageError(this.readOnlyReason);
      return task();
    });
  }

  private find(id: string): Profile {
    const profile = this.profiles.find((candidate) => candidate.id === id);
    if (!profile) throw new NotFoundError('That profile does not exist (any more); reload the list and try again.');
    return profile;
  }

  private newId(): string {
    const id = this.createId();
    if (this.profiles.some((profile) => profile.id === id)) {
      throw new StorageError('Could not create a unique id for the profile; try again.');
    }
    return id;
  }

  private checkCount(profiles: readonly Profile[]): void {
    if (profiles.length > LIMITS.profiles) {
      throw new ValidationError(`There can be at most ${LIMITS.profiles} profiles.`);
    }
  }

  private copyName(name: string): string {
    const taken = new Set(this.profiles.map((profile) => profile.name));
    for (let n = 1; ; n += 1) {
      const suffix = n === 1 ? ' (copy)' : ` (copy ${n})`;
      const candidate = name.slice(0, LIMITS.name - suffix.length) + suffix;
      if (!taken.has(candidate)) return candidate;
    }
  }

  /**
   * Removes a keychain entry. When the keychain is unavailable nothing in it can be read either,
   * so the entry is left for later rather than blocking the user; when it is available, a
   * failure is reported.
   */
  private async removePassword(id: string, failurePrefix: string): Promise<void> {
    try {
      await this.secrets.delete(id);
    } catch (error) {
      const status = await this.secrets.isAvailable();
      if (!status.available) return;
      const detail = error instanceof Error ? error.message : String(error);
      throw new SecretStoreError(`${failurePrefix}: ${detail}`, { cause: error });
    }
  }

  private async writeProfiles(profiles: readonly Profile[]): Promise<void> {
    const file: ProfilesFile = { version: PROFILES_FILE_VERSION, profiles: [...profiles] };
    try {
      await writeFileAtomic(this.filePath, `${JSON.stringify(file, null, 2)}\n`);
    } catch (error) {
      throw new StorageError(`The profiles could not be saved to ${this.filePath}: ${describeIoError(error)}`, {
        cause: error,
      });
    }
    this.profiles = profiles;
  }

  private async toViews(profiles: readonly Profile[]): Promise<ProfileView[]> {
    const views: ProfileView[] = [];
    // One failing lookup means the keychain is unreachable; asking again per profile would only be slow.
    let keychainWorks = true;
    for (const profile of profiles) {
      let hasSavedPassword = false;
      if (keychainWorks) {
        try {
          const stored = await this.secrets.get(profile.id);
          // A password bound to another address is of no use for this one.
          hasSavedPassword = stored !== null && sameAddress(decodeBoundSecret(stored).boundTo ?? profile, profile);
        } catch {
          keychainWorks = false;
        }
      }
      views.push(viewOf(profile, hasSavedPassword));
    }
    return views;
  }

  private async toView(profile: Profile): Promise<ProfileView> {
    const [view] = await this.toViews([profile]);
    return view ?? viewOf(profile, false);
  }

  private async readFromDisk(): Promise<void> {
    let text: string | undefined;
    try {
      text = await readTextFileIfExists(this.filePath);
    } catch (error) {
      this.readOnlyReason =
        `The profiles file ${this.filePath} could not be read (${describeIoError(error)}), ` +
        'so changes are not saved until it can be: fix its permissions and restart RCON Desk.';
      this.report = { ok: false, problem: this.readOnlyReason };
      return;
    }
    if (text === undefined) return;

    const parsed = parseProfilesFile(text);
    this.profiles = parsed.profiles;
    if (parsed.problems.length === 0) return;

    let backupPath: string;
    try {
      backupPath = await moveAsideCorruptFile(this.filePath, this.now());
    } catch (error) {
      this.readOnlyReason =
        `The profiles file ${this.filePath} is damaged and could not be backed up (${describeIoError(error)}), ` +
        'so it is not overwritten: changes are not saved until this is fixed.';
      this.report = { ok: false, problem: `${describeProblems(parsed)} ${this.readOnlyReason}` };
      return;
    }
    this.report = {
      ok: false,
      problem: `${describeProblems(parsed)} The original file was kept as ${backupPath}.`,
      backupPath,
    };
    if (parsed.profiles.length > 0) {
      try {
        await this.writeProfiles(parsed.profiles);
      } catch (error) {
        // The profiles are still in memory and in the backup; the next save tries again.
        this.report.problem += ` Saving the readable profiles failed: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
  }
}

interface ParsedProfilesFile {
  profiles: Profile[];
  /** Set when nothing at all could be read (bad JSON, wrong shape or version). */
  fatal?: string;
  problems: string[];
  total: number;
}

/** Validates the file field by field; profiles that fail are left out and described. */
export function parseProfilesFile(text: string): ParsedProfilesFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const fatal = `it is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
    return { profiles: [], fatal, problems: [fatal], total: 0 };
  }
  let entries: unknown[];
  try {
    const record = expectRecord(data, 'The file', ['version', 'profiles']);
    if (typeof record.version === 'number' && record.version > PROFILES_FILE_VERSION) {
      throw new ValidationError(
        `it was written by a newer version of RCON Desk (file version ${record.version}, this one reads ${PROFILES_FILE_VERSION})`,
      );
    }
    if (record.version !== PROFILES_FILE_VERSION) {
      throw new ValidationError(`its version is ${JSON.stringify(record.version)}, expected ${PROFILES_FILE_VERSION}`);
    }
    entries = expectArray(record.profiles, 'The list of profiles', LIMITS.profiles);
  } catch (error) {
    const fatal = error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
    return { profiles: [], fatal, problems: [fatal], total: 0 };
  }

  const profiles: Profile[] = [];
  const problems: string[] = [];
  const ids = new Set<string>();
  entries.forEach((entry, index) => {
    try {
      const profile = parseProfile(entry, `Profile ${index + 1}: `);
      if (ids.has(profile.id))
        throw new ValidationError(`Profile ${index + 1}: its id is already used by another profile.`);
      ids.add(profile.id);
      profiles.push(profile);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  });
  return { profiles, problems, total: entries.length };
}

function describeProblems(parsed: ParsedProfilesFile): string {
  if (parsed.fatal !== undefined) return `The profiles file could not be read: ${parsed.fatal}.`;
  const shown = parsed.problems.slice(0, MAX_PROBLEMS_SHOWN).join(' ');
  const more =
    parsed.problems.length > MAX_PROBLEMS_SHOWN ? ` (and ${parsed.problems.length - MAX_PROBLEMS_SHOWN} more)` : '';
  const dropped = parsed.total - parsed.profiles.length;
  return `${dropped} of ${parsed.total} saved profiles could not be read and were left out. ${shown}${more}`;
}

function viewOf(profile: Profile, hasSavedPassword: boolean): ProfileView {
  return { ...profile, quickCommands: [...profile.quickCommands], hasSavedPassword };
}

function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${code}: ${message}` : message;
}
