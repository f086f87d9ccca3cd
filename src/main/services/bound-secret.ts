/**
 * A saved password together with the server it was saved for. Stored as the keychain entry's
 * secret, so the address travels with the password and cannot be changed apart from it: a
 * profile retargeted (or duplicated and retargeted) by code in the window does not carry the
 * password to the new address, and the session manager checks the address again at connect.
 */
export interface ServerAddress {
  host: string;
  port: number;
}

export interface BoundSecret {
  password: string;
  /** Undefined for an entry saved before passwords were bound (see decodeBoundSecret). */
  boundTo: ServerAddress | undefined;
}

/** Marks the JSON form, so that a plain password that happens to be JSON is not mistaken for it. */
const FORMAT = 'rcon-desk/bound-password/1';

interface StoredForm {
  format: typeof FORMAT;
  host: string;
  port: number;
  password: string;
}

export function encodeBoundSecret(password: string, address: ServerAddress): string {
  const stored: StoredForm = { format: FORMAT, host: address.host, port: address.port, password };
  return JSON.stringify(stored);
}

/**
 * Reads an entry. Entries from before binding hold the bare password: they are taken as bound to
 * the profile's address (the caller decides), which is all that version could have meant.
 */
export function decodeBoundSecret(stored: string): BoundSecret {
  if (stored.startsWith('{')) {
    try {
      const value = JSON.parse(stored) as Partial<StoredForm>;
      if (
        value.format === FORMAT &&
        typeof value.host === 'string' &&
        typeof value.port === 'number' &&
        typeof value.password === 'string'
      ) {
        return { password: value.password, boundTo: { host: value.host, port: value.port } };
      }
    } catch {
      // Not ours: a legacy password that starts with a brace.
    }
  }
  return { password: stored, boundTo: undefined };
}

/** Host names compare without case; IPv6 literals and ports exactly. */
export function sameAddress(a: ServerAddress, b: ServerAddress): boolean {
  return a.port === b.port && a.host.trim().toLowerCase() === b.host.trim().toLowerCase();
}

export function formatAddress(address: ServerAddress): string {
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}
