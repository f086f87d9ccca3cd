import type { Profile } from '../../shared/api';
import type { ServerAddress } from './bound-secret';
import { PasswordRefusedError, PasswordRequiredError } from './errors';
import { BAN_WARNING } from './session-text';

/** A password and the only address it may be sent to: the profile's when it was looked up. */
export interface Credential {
  password: string;
  target: ServerAddress;
}

/**
 * What the app learned about each server's password while it runs, in memory only (never saved):
 * the password the server refused last, so it is never sent again until the user types one, and
 * the password the user typed that the server accepted, so a second tab does not ask again (the
 * only place it is kept when there is no keychain).
 */
export class LoginMemory {
  private readonly refusedPasswords = new Map<string, string>();
  private readonly acceptedPasswords = new Map<string, string>();

  /** The server accepted this password; a typed one is kept for the next tab of the server. */
  accepted(profileId: string, password: string, typed: boolean): void {
    if (this.refusedPasswords.get(profileId) === password) this.refusedPasswords.delete(profileId);
    if (typed) this.acceptedPasswords.set(profileId, password);
  }

  /** The server refused this password. */
  refused(profileId: string, password: string): void {
    this.refusedPasswords.set(profileId, password);
    if (this.acceptedPasswords.get(profileId) === password) this.acceptedPasswords.delete(profileId);
  }

  isRefused(profileId: string, password: string): boolean {
    return this.refusedPasswords.get(profileId) === password;
  }

  /** A typed password the server accepted during this run, if any. */
  typed(profileId: string): string | undefined {
    return this.acceptedPasswords.get(profileId);
  }

  /** The saved password changed, or the server was deleted: start over. */
  forget(profileId: string): void {
    this.refusedPasswords.delete(profileId);
    this.acceptedPasswords.delete(profileId);
  }

  /**
   * The password to log in with, and the only address it may go to: one typed just now; else the
   * session's earlier one, one typed for another tab of the server, or the saved one (bound to its
   * address, read through `saved`), whichever the server has not refused.
   */
  async choose(
    profile: Profile,
    typed: string | undefined,
    earlier: string | undefined,
    saved: (target: ServerAddress) => Promise<string | null>,
  ): Promise<Credential> {
    const target = { host: profile.host, port: profile.port };
    if (typed !== undefined) return { password: typed, target };
    for (const candidate of [earlier, this.typed(profile.id)]) {
      if (candidate !== undefined && !this.isRefused(profile.id, candidate)) return { password: candidate, target };
    }
    const stored = await saved(target);
    if (stored !== null && !this.isRefused(profile.id, stored)) return { password: stored, target };
    if (stored === null && earlier === undefined) {
      throw new PasswordRequiredError(`No password is saved for "${profile.name}": enter it to connect.`);
    }
    throw new PasswordRefusedError(
      `The server refused the password of "${profile.name}", so it is not sent again: enter the password to connect. ${BAN_WARNING}`,
    );
  }
}
