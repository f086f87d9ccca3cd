import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiResult, ProfileView, SaveProfileRequest } from '../../src/shared/api';
import { INVOKE_CHANNELS } from '../../src/shared/api';
import { createApiHandlers, toApiError, type ApiHandlers } from '../../src/main/api-handlers';
import { TextFileSaver } from '../../src/main/services/text-file-saver';
import {
  RconAuthError,
  RconConnectionError,
  RconProtocolError,
  RconRequestError,
  RconTimeoutError,
} from '../../src/main/rcon';
import { createAppServices, type AppServices } from '../../src/main/app-services';
import type { HistoryStore } from '../../src/main/services/history-store';
import type { ProfileStore } from '../../src/main/services/profile-store';
import { SecretStoreError } from '../../src/main/services/secret-store';
import type { SessionManager } from '../../src/main/services/session-manager';
import { ReferenceServer } from '../../src/reference-server/server';
import { MemorySecretStore, draftDefaults, removeDir, snapshotDir, tempDir, waitFor } from './helpers';

const HUGE = 'x'.repeat(1_000_000);

function expectFailure(result: ApiResult<unknown>, kind: string, message?: RegExp): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.kind).toBe(kind);
  if (message) expect(result.error.message).toMatch(message);
}

function value<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`Expected success, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

describe('createApiHandlers', () => {
  let dir: string;
  // The keychain is not what these tests are about; its real behaviour is tested in profile-store.test.ts.
  let secrets: MemorySecretStore;
  let history: HistoryStore;
  let sessions: SessionManager;
  let handlers: ApiHandlers;
  let services: AppServices;
  let internalErrors: unknown[];
  let existing: ProfileView;

  beforeEach(async () => {
    dir = await tempDir();
    secrets = new MemorySecretStore();
    services = createAppServices({
      dataDir: dir,
      secrets,
      // Electron's save dialog cannot run here: every file is "chosen" in the test's folder.
      choosePath: async (name) => join(dir, name),
      sessions: { reconnect: { maxAttempts: 0 } },
    });
    ({ history, sessions } = services);
    internalErrors = [];
    handlers = createApiHandlers(services, { onInternalError: (_method, error) => internalErrors.push(error) });
    existing = value(
      await handlers.saveProfile([
        { profile: { ...draftDefaults(), name: 'Existing' }, password: { kind: 'set', password: 'pw-1' } },
      ]),
    );
    await history.append(existing.id, 'status');
  });

  afterEach(async () => {
    await sessions.closeAll();
    await history.flush();
    await removeDir(dir);
  });

  it('tests a connection step by step, with the typed password or else the saved one, and never returns it', async () => {
    const server = new ReferenceServer({ password: 'pw-1', personality: 'palworld' });
    await server.listen();
    try {
      const saved = value(
        await handlers.testConnection([{ host: '127.0.0.1', port: server.port, profileId: existing.id }]),
      );
      expect(saved.steps.map((step) => [step.id, step.verdict])).toEqual([
        ['reachable', 'ok'],
        ['speaks-rcon', 'ok'],
        ['login', 'ok'],
        ['dialect', 'ok'],
        ['ids', 'warning'],
        ['end-marker', 'warning'],
        ['round-trip', 'ok'],
      ]);
      expect(JSON.stringify(saved)).not.toContain('pw-1');
      const typed = value(await handlers.testConnection([{ host: '127.0.0.1', port: server.port, password: 'wrong' }]));
      expect(typed.steps.find((step) => step.id === 'login')).toEqual({
        id: 'login',
        verdict: 'failed',
        text: 'Login failed: wrong password.',
      });
      expect(typed.fix).toMatch(/ban an address after a few failures/);
      const none = value(await handlers.testConnection([{ host: '127.0.0.1', port: server.port }]));
      expect(none.fix).toMatch(/Give the RCON password/);
      expect(server.authAttempts).toBe(2);
    } finally {
      await server.close();
    }
    expectFailure(await handlers.testConnection([{ host: '127.0.0.1', port: 0 }]), 'validation', /Port/);
    expectFailure(await handlers.testConnection([{ host: 'a b', port: 1 }]), 'validation', /Host/);
  });

  it('has one handler per invoke channel', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(INVOKE_CHANNELS).sort());
  });

  it('serves the profile methods', async () => {
    expect(value(await handlers.listProfiles([]))).toEqual([existing]);
    expect(value(await handlers.profilesLoadReport([]))).toEqual({ ok: true });
    expect(value(await handlers.keychainStatus([]))).toEqual({ available: true });
    const copy = value(await handlers.duplicateProfile([existing.id]));
    expect(value(await handlers.reorderProfiles([[copy.id, existing.id]])).map((p) => p.id)).toEqual([
      copy.id,
      existing.id,
    ]);
    expect(value(await handlers.getHistory([existing.id]))).toEqual(['status']);
    expect(value(await handlers.deleteProfile([existing.id]))).toBeUndefined();
    expect(await history.get(existing.id)).toEqual([]);
    expect(value(await handlers.listProfiles([]))).toEqual([copy]);
  });

  describe('rejects bad arguments without touching the disk', () => {
    const validRequest = (): SaveProfileRequest => ({
      profile: { ...draftDefaults(), name: 'New' },
      password: { kind: 'keep' },
    });

    const cases: [string, (h: ApiHandlers, id: string) => Promise<ApiResult<unknown>>, string, RegExp][] = [
      ['extra argument', (h) => h.listProfiles([1]), 'validation', /takes 0 arguments, got 1/],
      ['missing argument', (h) => h.saveProfile([]), 'validation', /takes 1 argument, got 0/],
      ['args not an array', (h) => h.listProfiles('x' as unknown as unknown[]), 'validation', /takes 0 arguments/],
      ['request not an object', (h) => h.saveProfile(['profile']), 'validation', /must be an object/],
      ['request is an array', (h) => h.saveProfile([[]]), 'validation', /must be an object/],
      [
        'unknown field in the request',
        (h) => h.saveProfile([{ ...validRequest(), admin: true }]),
        'validation',
        /unknown field: "admin"/,
      ],
      [
        'missing password change',
        (h) => h.saveProfile([{ profile: validRequest().profile }]),
        'validation',
        /missing "password"/,
      ],
      [
        'unknown field in the profile',
        (h) => h.saveProfile([{ ...validRequest(), profile: { ...validRequest().profile, password: 'pw' } }]),
        'validation',
        /unknown field: "password"/,
      ],
      [
        'port as a string',
        (h) => h.saveProfile([{ ...validRequest(), profile: { ...validRequest().profile, port: '27015' } }]),
        'validation',
        /Port must be a whole number/,
      ],
      [
        'huge name',
        (h) => h.saveProfile([{ ...validRequest(), profile: { ...validRequest().profile, name: HUGE } }]),
        'validation',
        /Name is too long/,
      ],
      [
        'huge password',
        (h) => h.saveProfile([{ ...validRequest(), password: { kind: 'set', password: HUGE } }]),
        'validation',
        /password is too long/,
      ],
      [
        'set without a password',
        (h) => h.saveProfile([{ ...validRequest(), password: { kind: 'set' } }]),
        'validation',
        /missing "password"/,
      ],
      [
        'keep with a password',
        (h) => h.saveProfile([{ ...validRequest(), password: { kind: 'keep', password: 'x' } }]),
        'validation',
        /only be given with the password change "set"/,
      ],
      [
        'unknown password change',
        (h) => h.saveProfile([{ ...validRequest(), password: { kind: 'reveal' } }]),
        'validation',
        /must be one of keep, set, clear/,
      ],
      [
        'unknown profile id on update',
        (h) => h.saveProfile([{ ...validRequest(), id: 'no-such-profile' }]),
        'not-found',
        /does not exist/,
      ],
      ['id of the wrong type', (h) => h.duplicateProfile([42]), 'validation', /must be text/],
      ['id with odd characters', (h) => h.deleteProfile(['../profiles']), 'validation', /not a valid id/],
      ['huge id', (h) => h.deleteProfile([HUGE]), 'validation', /too long/],
      ['unknown profile to duplicate', (h) => h.duplicateProfile(['nope']), 'not-found', /does not exist/],
      ['unknown profile to delete', (h) => h.deleteProfile(['nope']), 'not-found', /does not exist/],
      ['reorder with a string', (h) => h.reorderProfiles(['a,b']), 'validation', /must be a list/],
      ['reorder missing a profile', (h) => h.reorderProfiles([[]]), 'validation', /names 0 of 1 profiles/],
      ['reorder with an unknown id', (h, id) => h.reorderProfiles([[id, 'nope']]), 'not-found', /no profile/],
      ['history of an unknown profile', (h) => h.getHistory(['nope']), 'not-found', /does not exist/],
      ['open an unknown profile', (h) => h.openSession([{ profileId: 'nope' }]), 'not-found', /does not exist/],
      [
        'open with an unknown field',
        (h, id) => h.openSession([{ profileId: id, host: 'evil' }]),
        'validation',
        /unknown field: "host"/,
      ],
      [
        'open with a password that is not text',
        (h, id) => h.openSession([{ profileId: id, password: 1234 }]),
        'validation',
        /password must be text/,
      ],
      ['send to an unknown session', (h) => h.sendCommand(['nope', 'status']), 'not-found', /session does not exist/],
      ['send a huge command', (h) => h.sendCommand(['nope', HUGE]), 'validation', /command is too long/],
      ['send a blank command', (h) => h.sendCommand(['nope', '   ']), 'validation', /command is empty/],
      ['send a command that is not text', (h) => h.sendCommand(['nope', { cmd: 1 }]), 'validation', /must be text/],
      ['reconnect an unknown session', (h) => h.reconnectSession(['nope']), 'not-found', /session does not exist/],
      ['reconnect with too many args', (h) => h.reconnectSession(['nope', 'pw', 3]), 'validation', /1 to 2/],
      ['close an unknown session', (h) => h.closeSession(['nope']), 'not-found', /session does not exist/],
    ];

    it.each(cases)('%s', async (_name, call, kind, message) => {
      const before = await snapshotDir(dir);
      const secretsBefore = new Map(secrets.secrets);
      expectFailure(await call(handlers, existing.id), kind, message);
      expect(await snapshotDir(dir)).toEqual(before);
      expect(secrets.secrets).toEqual(secretsBefore);
      expect(internalErrors).toEqual([]);
    });
  });

  it('says "keychain" when a password cannot be saved', async () => {
    secrets.available = false;
    const before = await snapshotDir(dir);
    const result = await handlers.saveProfile([
      { profile: { ...draftDefaults(), name: 'New' }, password: { kind: 'set', password: 'pw' } },
    ]);
    expectFailure(result, 'keychain', /cannot be saved/);
    expect(await snapshotDir(dir)).toEqual(before);
  });

  it('saves text where the save dialog says, and nothing when it is cancelled', async () => {
    const saved = value(await handlers.saveText([{ suggestedName: 'answer.txt', text: 'line one\nline two\n' }]));
    expect(saved).toEqual({ saved: true, path: join(dir, 'answer.txt') });
    await expect(readFile(join(dir, 'answer.txt'), 'utf8')).resolves.toBe('line one\nline two\n');

    const cancelling = createApiHandlers({ ...services, files: new TextFileSaver(async () => undefined) });
    expect(value(await cancelling.saveText([{ suggestedName: 'x.txt', text: 'x' }]))).toEqual({ saved: false });
    expectFailure(await handlers.saveText([{ suggestedName: '../x.txt', text: 'x' }]), 'validation', /folder/);
  });

  it('turns unexpected exceptions into a safe "internal" error and reports them', async () => {
    const failing = createApiHandlers(
      {
        profiles: {
          list: () => Promise.reject(new TypeError('x is undefined at /secret/path')),
        } as unknown as ProfileStore,
        sessions,
        history,
        fleet: services.fleet,
        status: services.status,
        files: services.files,
        transfer: services.transfer,
        transcripts: services.transcripts,
        foreground: services.foreground,
      },
      { onInternalError: (_method, error) => internalErrors.push(error) },
    );
    const result = await failing.listProfiles([]);
    expectFailure(result, 'internal');
    expect(JSON.stringify(result)).not.toContain('/secret/path');
    expect(internalErrors).toHaveLength(1);
  });

  it('opens a session, sends a command and reports login failures by kind', async () => {
    const server = new ReferenceServer({ password: 'pw-1', broadcastIntervalMs: 0 });
    await server.listen();
    try {
      const profile = value(
        await handlers.saveProfile([
          // A new address needs the password again: a saved one only goes where it was saved for.
          {
            id: existing.id,
            profile: { ...draftDefaults(), port: server.port },
            password: { kind: 'set', password: 'pw-1' },
          },
        ]),
      );
      const session = value(await handlers.openSession([{ profileId: profile.id }]));
      await waitFor(() => sessions.get(session.sessionId).status === 'connected', 'the session to connect');
      expect(value(await handlers.listSessions([]))).toHaveLength(1);
      expect(value(await handlers.sendCommand([session.sessionId, 'echo hi']))).toMatchObject({ answerLength: 2 });
      expect(value(await handlers.reconnectSession([session.sessionId]))).toMatchObject({ status: 'connected' });
      expect(value(await handlers.closeSession([session.sessionId]))).toBeUndefined();

      const unsaved = value(
        await handlers.saveProfile([
          { profile: { ...draftDefaults(), name: 'No password', port: server.port }, password: { kind: 'keep' } },
        ]),
      );
      expectFailure(await handlers.openSession([{ profileId: unsaved.id }]), 'auth', /No password is saved/);
    } finally {
      await server.close();
    }
  });

  it('maps engine and keychain errors to kinds', () => {
    expect(toApiError(RconAuthError.wrongPassword()).kind).toBe('auth');
    expect(toApiError(RconAuthError.banned()).kind).toBe('banned');
    expect(toApiError(new RconTimeoutError('command', 1000)).kind).toBe('timeout');
    expect(toApiError(new RconConnectionError('refused', 'Connection refused')).kind).toBe('connection');
    expect(toApiError(new RconProtocolError('Not an RCON server')).kind).toBe('protocol');
    expect(toApiError(new RconRequestError('Too long')).kind).toBe('validation');
    expect(toApiError(new SecretStoreError('Locked')).kind).toBe('keychain');
    expect(toApiError(new Error('boom'))).toEqual({ kind: 'internal', message: expect.not.stringContaining('boom') });
  });
});
