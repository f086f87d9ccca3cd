import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as keytar from 'keytar';
import { describe } from 'vitest';
import type { Profile, ProfileDraft } from '../../src/shared/api';
import { NotFoundError } from '../../src/main/services/errors';
import { KeytarSecretStore, type SecretStore } from '../../src/main/services/secret-store';
import type { SessionProfileSource } from '../../src/main/services/session-manager';
import { profileDraft } from '../../src/shared/profile-defaults';

/**
 * Keychain tests run against the real OS keychain. Where there is none they fail with a message
 * saying how to get one; RCON_DESK_SKIP_KEYCHAIN_TESTS=1 skips them instead, on purpose.
 */
export const SKIP_KEYCHAIN_TESTS = process.env['RCON_DESK_SKIP_KEYCHAIN_TESTS'] === '1';

export const describeKeychain = (name: string, body: () => void): void => {
  if (SKIP_KEYCHAIN_TESTS) describe.skip(`${name} (skipped: RCON_DESK_SKIP_KEYCHAIN_TESTS=1)`, body);
  else describe(name, body);
};

/** A keychain store under a service name of its own, so tests never touch the app's entries. */
export class TestKeychain {
  readonly serviceName = `rcon-desk-test-${randomUUID()}`;
  readonly store = new KeytarSecretStore(keytar, this.serviceName);
  private reachable = false;

  /** Throws a clear error when no keychain can be reached; call it in beforeAll. */
  async require(): Promise<void> {
    const status = await this.store.isAvailable();
    if (!status.available) {
      throw new Error(
        `The keychain is unreachable: ${status.reason} Run the tests inside a secret service, e.g. ` +
          `dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx vitest run', ` +
          'or set RCON_DESK_SKIP_KEYCHAIN_TESTS=1 to skip the keychain tests.',
      );
    }
    this.reachable = true;
  }

  /** Every entry left under this test's service name. */
  async entries(): Promise<{ account: string; password: string }[]> {
    return keytar.findCredentials(this.serviceName);
  }

  async cleanup(): Promise<void> {
    // Without a keychain there is nothing to clean, and require() has already said why.
    if (!this.reachable) return;
    for (const { account } of await this.entries()) await keytar.deletePassword(this.serviceName, account);
  }
}

/**
 * A SecretStore in memory, for tests about something else (argument checks, the demo profile):
 * the real keychain behaviour is covered by the keychain tests.
 */
export class MemorySecretStore implements SecretStore {
  readonly secrets = new Map<string, string>();
  available = true;

  async isAvailable(): Promise<{ available: boolean; reason?: string }> {
    return this.available ? { available: true } : { available: false, reason: 'No keychain in this test.' };
  }

  async get(account: string): Promise<string | null> {
    this.check();
    return this.secrets.get(account) ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    this.check();
    this.secrets.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    this.check();
    return this.secrets.delete(account);
  }

  private check(): void {
    if (!this.available) throw new Error('No keychain in this test.');
  }
}

/** Profiles and passwords in memory, for the session manager tests. */
export class MemoryProfiles implements SessionProfileSource {
  readonly profiles = new Map<string, Profile>();
  readonly passwords = new Map<string, string>();

  add(draft: Partial<ProfileDraft> & { port: number }, password?: string): Profile {
    const profile: Profile = { ...draftDefaults(), ...draft, id: randomUUID() };
    this.profiles.set(profile.id, profile);
    if (password !== undefined) this.passwords.set(profile.id, password);
    return profile;
  }

  async get(id: string): Promise<Profile> {
    const profile = this.profiles.get(id);
    if (!profile) throw new NotFoundError('No such profile.');
    return profile;
  }

  async getPassword(id: string): Promise<string | null> {
    return this.passwords.get(id) ?? null;
  }

  async list(): Promise<Profile[]> {
    return [...this.profiles.values()];
  }
}

export function draftDefaults(): ProfileDraft {
  return profileDraft({ name: 'Test server', host: '127.0.0.1', port: 27015 });
}

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'rcon-desk-test-'));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Names and contents of every file in a folder (one level), to prove that nothing changed. */
export async function snapshotDir(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    result[name] = (await stat(path)).isDirectory() ? '<dir>' : await readFile(path, 'utf8');
  }
  return result;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until the condition holds, failing with `what` after the timeout. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}.`);
    await delay(5);
  }
}
