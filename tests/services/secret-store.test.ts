import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KeytarSecretStore,
  SecretStoreError,
  describeKeychainError,
  type KeytarModule,
} from '../../src/main/services/secret-store';
import { TestKeychain, describeKeychain } from './helpers';

describeKeychain('KeytarSecretStore against the real keychain', () => {
  const keychain = new TestKeychain();
  const store = keychain.store;

  beforeAll(() => keychain.require());
  afterAll(() => keychain.cleanup());

  it('reports the keychain as available', async () => {
    expect(await store.isAvailable()).toEqual({ available: true });
    // The probe cleans up after itself.
    expect(await keychain.entries()).toEqual([]);
  });

  it('stores, reads, replaces and deletes a secret', async () => {
    expect(await store.get('profile-a')).toBeNull();
    await store.set('profile-a', 'hunter2 with spaces and ünïcode');
    expect(await store.get('profile-a')).toBe('hunter2 with spaces and ünïcode');
    await store.set('profile-a', 'second');
    expect(await store.get('profile-a')).toBe('second');
    expect(await store.delete('profile-a')).toBe(true);
    expect(await store.get('profile-a')).toBeNull();
    expect(await store.delete('profile-a')).toBe(false);
  });

  it('keeps entries of different service names apart', async () => {
    const other = new TestKeychain();
    await other.require();
    try {
      await store.set('shared-account', 'mine');
      expect(await other.store.get('shared-account')).toBeNull();
    } finally {
      await store.delete('shared-account');
      await other.cleanup();
    }
  });

  it('refuses empty secrets and bad account names with a SecretStoreError', async () => {
    await expect(store.set('profile-b', '')).rejects.toBeInstanceOf(SecretStoreError);
    await expect(store.get('')).rejects.toBeInstanceOf(SecretStoreError);
    await expect(store.set('x'.repeat(201), 'secret')).rejects.toBeInstanceOf(SecretStoreError);
  });
});

describe('KeytarSecretStore failures', () => {
  it('reports a keytar that failed to load as unavailable, in words', async () => {
    const store = new KeytarSecretStore(() => {
      throw new Error('libsecret-1.so.0: cannot open shared object file');
    }, 'rcon-desk-test-unused');
    const status = await store.isAvailable();
    expect(status.available).toBe(false);
    expect(status.reason).toMatch(/keychain library \(keytar\) could not be loaded.*libsecret/);
    await expect(store.get('a')).rejects.toBeInstanceOf(SecretStoreError);
  });

  // A fake keytar here: the point is the timer around a call that never settles.
  it('gives up on a keychain that does not answer', async () => {
    const hanging: KeytarModule = {
      getPassword: () => new Promise(() => undefined),
      setPassword: () => new Promise(() => undefined),
      deletePassword: () => new Promise(() => undefined),
    };
    const store = new KeytarSecretStore(hanging, 'rcon-desk-test-unused', { timeoutMs: 50 });
    const status = await store.isAvailable();
    expect(status).toEqual({ available: false, reason: expect.stringMatching(/did not answer/) });
    await expect(store.get('a')).rejects.toThrow(/did not answer/);
  });

  it('turns what libsecret says into words a user can act on', () => {
    expect(describeKeychainError(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')).message).toMatch(
      /no desktop session bus/,
    );
    expect(
      describeKeychainError(new Error('The name org.freedesktop.secrets was not provided by any .service files'))
        .message,
    ).toMatch(/No keychain service is running/);
    expect(describeKeychainError(new Error('Cannot create an item in a locked collection')).message).toMatch(
      /locked: unlock it/,
    );
    expect(describeKeychainError(new Error('Something odd')).message).toBe('The keychain failed: Something odd.');
  });

  it('sees a locked keychain as unavailable although reads still work', async () => {
    // GNOME Keyring answers reads of a locked collection with "nothing there" and refuses writes.
    const locked: KeytarModule = {
      getPassword: async () => null,
      setPassword: async () => {
        throw new Error('Cannot create an item in a locked collection');
      },
      deletePassword: async () => false,
    };
    const status = await new KeytarSecretStore(locked, 'rcon-desk-test-unused').isAvailable();
    expect(status).toEqual({ available: false, reason: 'The keychain is locked: unlock it and try again.' });
  });
});
