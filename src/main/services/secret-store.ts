import type { KeychainStatus } from '../../shared/api';

/** Where passwords live: the OS keychain in the app, by account (a profile id). */
export interface SecretStore {
  isAvailable(): Promise<KeychainStatus>;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** Resolves to whether there was something to delete. */
  delete(account: string): Promise<boolean>;
}

/** The part of the keytar module this store uses; injected so tests can use their own service name. */
export interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** A keychain failure, in words; it never contains the secret. */
export class SecretStoreError extends Error {
  readonly kind = 'keychain';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SecretStoreError';
  }
}

export const DEFAULT_SERVICE_NAME = 'RCON Desk';
const PROBE_ACCOUNT = '__rcon-desk-probe__';
const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_ACCOUNT_LENGTH = 200;
const MAX_SECRET_LENGTH = 4096;

export interface KeytarSecretStoreOptions {
  /** How long one keychain call may take before it counts as "not answering". */
  timeoutMs?: number;
}

/**
 * Passwords in the OS keychain through keytar. keytar is a native module that can fail to load,
 * so it may be given as a loader: a load failure then becomes "keychain unavailable" instead of
 * an app that does not start.
 */
export class KeytarSecretStore implements SecretStore {
  private keytar: KeytarModule | undefined;
  private loadError: SecretStoreError | undefined;
  private readonly timeoutMs: number;

  constructor(
    keytar: KeytarModule | (() => KeytarModule),
    readonly serviceName: string = DEFAULT_SERVICE_NAME,
    options: KeytarSecretStoreOptions = {},
  ) {
    if (typeof keytar === 'function') {
      try {
        this.keytar = keytar();
      } catch (error) {
        this.loadError = new SecretStoreError(
          `The keychain library (keytar) could not be loaded, so passwords cannot be saved: ${errorText(error)}`,
          { cause: error },
        );
      }
    } else {
      this.keytar = keytar;
    }
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /**
   * Probes with a read and then a write: a locked GNOME keyring answers reads with "nothing there"
   * and only refuses writes, so a read alone would call a locked keychain available.
   */
  async isAvailable(): Promise<KeychainStatus> {
    try {
      const keytar = this.module();
      await this.call(() => keytar.getPassword(this.serviceName, PROBE_ACCOUNT));
      await this.call(() => keytar.setPassword(this.serviceName, PROBE_ACCOUNT, 'probe'));
      await this.call(() => keytar.deletePassword(this.serviceName, PROBE_ACCOUNT));
      return { available: true };
    } catch (error) {
      return { available: false, reason: error instanceof Error ? error.message : String(error) };
    }
  }

  async get(account: string): Promise<string | null> {
    checkAccount(account);
    const keytar = this.module();
    return this.call(() => keytar.getPassword(this.serviceName, account));
  }

  async set(account: string, secret: string): Promise<void> {
    checkAccount(account);
    if (typeof secret !== 'string' || secret.length === 0 || secret.length > MAX_SECRET_LENGTH) {
      throw new SecretStoreError(`A password to save must be 1 to ${MAX_SECRET_LENGTH} characters long.`);
    }
    const keytar = this.module();
    await this.call(() => keytar.setPassword(this.serviceName, account, secret));
  }

  async delete(account: string): Promise<boolean> {
    checkAccount(account);
    const keytar = this.module();
    return this.call(() => keytar.deletePassword(this.serviceName, account));
  }

  private module(): KeytarModule {
    if (this.keytar) return this.keytar;
    throw this.loadError ?? new SecretStoreError('The keychain library is not loaded.');
  }

  private call<T>(operation: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new SecretStoreError(
              `The keychain did not answer within ${Math.round(this.timeoutMs / 1000)} s; it may be waiting for an unlock prompt.`,
            ),
          ),
        this.timeoutMs,
      );
      let pending: Promise<T>;
      try {
        pending = operation();
      } catch (error) {
        pending = Promise.reject(error);
      }
      pending.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(describeKeychainError(error));
        },
      );
    });
  }
}

function checkAccount(account: string): void {
  if (typeof account !== 'string' || account.length === 0 || account.length > MAX_ACCOUNT_LENGTH) {
    throw new SecretStoreError('Keychain entries need an account name of 1 to 200 characters.');
  }
}

/** Turns what libsecret, Keychain Services or the Credential Manager say into something a user can act on. */
export function describeKeychainError(error: unknown): SecretStoreError {
  if (error instanceof SecretStoreError) return error;
  const text = errorText(error);
  const lower = text.toLowerCase();
  if (
    lower.includes('autolaunch d-bus') ||
    lower.includes('dbus_session_bus_address') ||
    lower.includes('cannot connect to the d-bus') ||
    lower.includes('failed to connect to socket')
  ) {
    return new SecretStoreError(
      'No keychain is reachable: there is no desktop session bus (D-Bus). Log in to a desktop session, or enter passwords when you connect.',
      { cause: error },
    );
  }
  if (
    lower.includes('org.freedesktop.secrets') ||
    lower.includes('serviceunknown') ||
    lower.includes('no such secret service') ||
    lower.includes('was not provided by any .service files')
  ) {
    return new SecretStoreError(
      'No keychain service is running (on Linux, install and start GNOME Keyring or KWallet), so passwords cannot be saved.',
      { cause: error },
    );
  }
  if (lower.includes('locked') || lower.includes('user canceled') || lower.includes('user cancelled')) {
    return new SecretStoreError('The keychain is locked: unlock it and try again.', { cause: error });
  }
  return new SecretStoreError(`The keychain failed: ${text}`, { cause: error });
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().replace(/\.$/, '') + '.';
}
