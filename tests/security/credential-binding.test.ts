import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import type { ApiResult, ProfileView } from '../../src/shared/api';
import { createApiHandlers, type ApiHandlers } from '../../src/main/api-handlers';
import { createAppServices } from '../../src/main/app-services';
import { HistoryStore } from '../../src/main/services/history-store';
import { ProfileStore } from '../../src/main/services/profile-store';
import { SessionManager } from '../../src/main/services/session-manager';
import { ReferenceServer } from '../../src/reference-server/server';
import { TestKeychain, describeKeychain, draftDefaults, removeDir, tempDir, waitFor } from '../services/helpers';

/**
 * Issue 10: code running in the window duplicated a profile, pointed the copy at its own server
 * and opened a session, and its server received the real password. These tests replay that
 * through the real API handlers, the real keychain and two reference servers, and count the
 * logins each server received.
 */

const REAL_PASSWORD = 'the-real-rcon-password';

function value<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`Expected success, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

describeKeychain('a saved password goes only to the server it was saved for', () => {
  const keychain = new TestKeychain();
  let dir: string;
  let realServer: ReferenceServer;
  let attacker: ReferenceServer;
  let profiles: ProfileStore;
  let sessions: SessionManager;
  let handlers: ApiHandlers;
  let original: ProfileView;

  beforeAll(() => keychain.require());
  beforeEach(async () => {
    dir = await tempDir();
    realServer = new ReferenceServer({ password: REAL_PASSWORD, broadcastIntervalMs: 0 });
    // The attacker's server accepts any password it is sent, to be sure nothing is held back by a refusal.
    attacker = new ReferenceServer({ password: REAL_PASSWORD, broadcastIntervalMs: 0 });
    await realServer.listen();
    await attacker.listen();
    const services = createAppServices({
      dataDir: dir,
      secrets: keychain.store,
      choosePath: async () => undefined,
      sessions: { reconnect: { maxAttempts: 0 } },
    });
    ({ profiles, sessions } = services);
    handlers = createApiHandlers(services);
    original = value(
      await handlers.saveProfile([
        {
          profile: { ...draftDefaults(), name: 'Production', port: realServer.port },
          password: { kind: 'set', password: REAL_PASSWORD },
        },
      ]),
    );
  });
  afterEach(async () => {
    await sessions.closeAll();
    await realServer.close();
    await attacker.close();
    await keychain.cleanup();
    await removeDir(dir);
  });
  afterAll(() => keychain.cleanup());

  it('duplicate, retarget with the saved password kept: refused, and the copy cannot log in anywhere else', async () => {
    const copy = value(await handlers.duplicateProfile([original.id]));
    expect(copy.hasSavedPassword).toBe(true);

    const retarget = await handlers.saveProfile([
      {
        id: copy.id,
        profile: { ...draftDefaults(), name: copy.name, port: attacker.port },
        password: { kind: 'keep' },
      },
    ]);
    expect(retarget.ok).toBe(false);
    if (!retarget.ok) {
      expect(retarget.error.kind).toBe('validation');
      expect(retarget.error.message).toMatch(/enter the password again/);
    }

    // The copy still points at the real server; opening it there is fine, and only there.
    const session = value(await handlers.openSession([{ profileId: copy.id }]));
    await waitFor(() => sessions.get(session.sessionId).status === 'connected', 'the copy to connect');
    expect(realServer.authAttempts).toBe(1);
    expect(value(await handlers.deleteProfile([copy.id]))).toBeUndefined();
    expect(attacker.authAttempts).toBe(0);
    expect(attacker.totalConnections).toBe(0);
  });

  it('retargeting with "clear" drops the password instead of carrying it over', async () => {
    const copy = value(await handlers.duplicateProfile([original.id]));
    const moved = value(
      await handlers.saveProfile([
        {
          id: copy.id,
          profile: { ...draftDefaults(), name: copy.name, port: attacker.port },
          password: { kind: 'clear' },
        },
      ]),
    );
    expect(moved.hasSavedPassword).toBe(false);
    const opened = await handlers.openSession([{ profileId: copy.id }]);
    expect(opened.ok).toBe(false);
    expect(attacker.authAttempts).toBe(0);
  });

  it('a profile retargeted behind the store’s back is refused at connect with a typed error', async () => {
    const copy = value(await handlers.duplicateProfile([original.id]));
    // As if the profiles file had been edited: the copy now names the attacker, its keychain entry did not change.
    const file = join(dir, 'profiles.json');
    const data = JSON.parse(await readFile(file, 'utf8')) as { profiles: { id: string; port: number }[] };
    for (const profile of data.profiles) if (profile.id === copy.id) profile.port = attacker.port;
    await writeFile(file, JSON.stringify(data));
    const reloaded = new ProfileStore(file, keychain.store);
    const manager = new SessionManager(reloaded, new HistoryStore(join(dir, 'history.json')));
    try {
      expect((await reloaded.list()).find((profile) => profile.id === copy.id)?.hasSavedPassword).toBe(false);
      const error = await manager.open({ profileId: copy.id }).catch((caught: unknown) => caught);
      expect((error as Error).name).toBe('CredentialBindingError');
      expect((error as Error).message).toMatch(/belongs to 127\.0\.0\.1:\d+, not 127\.0\.0\.1:\d+/);
      expect(attacker.totalConnections).toBe(0);
    } finally {
      await manager.closeAll();
    }
  });

  it('a profile retargeted between the password lookup and the connection: the session manager refuses', async () => {
    // A profile source whose second answer (the one connect() reads) names the attacker, as if the
    // profile had been saved with a new address in between.
    let reads = 0;
    const source = {
      get: async (id: string) => {
        const profile = await profiles.get(id);
        reads += 1;
        return reads === 1 ? profile : { ...profile, port: attacker.port };
      },
      getPassword: (id: string, target: { host: string; port: number }) => profiles.getPassword(id, target),
    };
    const manager = new SessionManager(source, new HistoryStore(join(dir, 'history-race.json')), {
      reconnect: { maxAttempts: 0 },
    });
    const reasons: string[] = [];
    manager.on('event', (event) => {
      if (event.type === 'status' && event.session.status === 'error') reasons.push(event.session.reason ?? '');
    });
    try {
      await manager.open({ profileId: original.id });
      await waitFor(() => reasons.length > 0, 'the refusal');
      expect(reasons[0]).toMatch(
        /changed to 127\.0\.0\.1:\d+ while connecting to 127\.0\.0\.1:\d+; the password was not sent/,
      );
      expect(attacker.totalConnections).toBe(0);
      expect(realServer.totalConnections).toBe(0);
    } finally {
      await manager.closeAll();
    }
  });

  it('the owner moves a server by entering its password again, and it is then bound to the new address', async () => {
    const moved = value(
      await handlers.saveProfile([
        {
          id: original.id,
          profile: { ...draftDefaults(), name: 'Production', port: attacker.port },
          password: { kind: 'set', password: REAL_PASSWORD },
        },
      ]),
    );
    expect(moved.hasSavedPassword).toBe(true);
    const session = value(await handlers.openSession([{ profileId: original.id }]));
    await waitFor(() => sessions.get(session.sessionId).status === 'connected', 'the moved profile to connect');
    expect(attacker.authAttempts).toBe(1);
    expect(realServer.authAttempts).toBe(0);
  });
});
