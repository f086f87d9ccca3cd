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
}
