import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProfileDraft, SaveProfileRequest } from '../../src/shared/api';
import { NotFoundError, StorageError, ValidationError } from '../../src/main/services/errors';
import { ProfileStore, parseProfilesFile } from '../../src/main/services/profile-store';
import { encodeBoundSecret } from '../../src/main/services/bound-secret';
import { SecretStoreError } from '../../src/main/services/secret-store';
import { MemorySecretStore, TestKeychain, describeKeychain, draftDefaults, removeDir, tempDir } from './helpers';

const NOW = new Date('2025-11-25T12:00:00.000Z');

function draft(overrides: Partial<ProfileDraft> = {}): ProfileDraft {
  return { ...draftDefaults(), ...overrides };
}

function create(overrides: Partial<ProfileDraft> = {}, password?: string): SaveProfileRequest {
  return {
    profile: draft(overrides),
    password: password === undefined ? { kind: 'keep' } : { kind: 'set', password },
  };
}

describeKeychain('ProfileStore with the real keychain', () => {
  const keychain = new TestKeychain();
  let dir: string;
  let file: string;
  let store: ProfileStore;

  beforeAll(() => keychain.require());
  beforeEach(async () => {
    dir = await tempDir();
    file = join(dir, 'profiles.json');
    store = new ProfileStore(file, keychain.store, { now: () => NOW });
  });
  afterEach(async () => {
    await keychain.cleanup();
    await removeDir(dir);
  });
  afterAll(() => keychain.cleanup());

  it('saves a profile to a versioned file and its password to the keychain only', async () => {
    const view = await store.save(create({ name: '  Main  ', port: 27016 }, 'top-secret-pw'));
    expect(view).toMatchObject({ name: 'Main', port: 27016, hasSavedPassword: true });

    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('top-secret-pw');
    const parsed = JSON.parse(text) as { version: number; profiles: unknown[] };
    expect(parsed.version).toBe(1);
    expect(parsed.profiles).toEqual([{ id: view.id, ...draft({ name: 'Main', port: 27016 }) }]);
    // The entry records the address the password was saved for (issue 10).
    expect(await keychain.entries()).toEqual([
      { account: view.id, password: encodeBoundSecret('top-secret-pw', { host: view.host, port: 27016 }) },
    ]);
    expect(await store.getPassword(view.id)).toBe('top-secret-pw');

    const reopened = new ProfileStore(file, keychain.store);
    expect(await reopened.list()).toEqual([view]);
    expect(await reopened.loadReport()).toEqual({ ok: true });
  });

  it('writes atomically: no temporary files are left and the file is private', async () => {
    for (let i = 0; i < 5; i += 1) await store.save(create({ name: `Server ${i}` }));
    expect(await readdir(dir)).toEqual(['profiles.json']);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('keeps the old file, the list and the keychain as they were when the write fails', async () => {
    const first = await store.save(create({ name: 'First' }, 'first-pw'));
    const before = await readFile(file, 'utf8');
    // Loaded while its file is absent; then a non-empty directory takes the file's place, so the
    // final rename of the write fails.
    const blocked = join(dir, 'blocked.json');
    const blockedStore = new ProfileStore(blocked, keychain.store);
    expect(await blockedStore.list()).toEqual([]);
    await mkdir(join(blocked, 'inside'), { recursive: true });
    const error = await blockedStore.save(create({ name: 'Second' }, 'second-pw')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toMatch(/could not be saved/);
    expect(await blockedStore.list()).toEqual([]);
    expect(await keychain.entries()).toEqual([{ account: first.id, password: encodeBoundSecret('first-pw', first) }]);
    expect(await readFile(file, 'utf8')).toBe(before);
    expect((await readdir(dir)).sort()).toEqual(['blocked.json', 'profiles.json']);
    expect(await readdir(blocked)).toEqual(['inside']);
  });

  it('updates a profile and applies keep, set and clear to its password', async () => {
    const view = await store.save(create({ name: 'A' }, 'pw-1'));
    const kept = await store.save({ id: view.id, profile: draft({ name: 'B' }), password: { kind: 'keep' } });
    expect(kept).toMatchObject({ id: view.id, name: 'B', hasSavedPassword: true });
    expect(await store.getPassword(view.id)).toBe('pw-1');

    await store.save({ id: view.id, profile: draft({ name: 'B' }), password: { kind: 'set', password: 'pw-2' } });
    expect(await store.getPassword(view.id)).toBe('pw-2');

    const cleared = await store.save({ id: view.id, profile: draft({ name: 'B' }), password: { kind: 'clear' } });
    expect(cleared.hasSavedPassword).toBe(false);
    expect(await keychain.entries()).toEqual([]);
  });

  it('deletes the saved password when "remember password" is turned off', async () => {
    const view = await store.save(create({}, 'pw'));
    const updated = await store.save({
      id: view.id,
      profile: draft({ rememberPassword: false }),
      password: { kind: 'set', password: 'ignored' },
    });
    expect(updated.hasSavedPassword).toBe(false);
    expect(await keychain.entries()).toEqual([]);
    expect(await store.getPassword(view.id)).toBeNull();
  });

  it('deletes a profile together with its keychain entry', async () => {
    const keep = await store.save(create({ name: 'Keep' }, 'keep-pw'));
    const gone = await store.save(create({ name: 'Gone' }, 'gone-pw'));
    await store.delete(gone.id);
    expect((await store.list()).map((profile) => profile.name)).toEqual(['Keep']);
    expect(await keychain.entries()).toEqual([{ account: keep.id, password: encodeBoundSecret('keep-pw', keep) }]);
    await expect(store.delete(gone.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('duplicates a profile right after the original, with a copy of its password', async () => {
    const a = await store.save(create({ name: 'A', quickCommands: ['status'] }, 'a-pw'));
    const b = await store.save(create({ name: 'B' }));
    const copy = await store.duplicate(a.id);
    expect(copy).toMatchObject({ name: 'A (copy)', quickCommands: ['status'], hasSavedPassword: true });
    expect(copy.id).not.toBe(a.id);
    expect((await store.list()).map((profile) => profile.id)).toEqual([a.id, copy.id, b.id]);
    expect(await store.getPassword(copy.id)).toBe('a-pw');
    expect((await store.duplicate(a.id)).name).toBe('A (copy 2)');

    // The copy's entry is its own: deleting the copy leaves the original's password.
    await store.delete(copy.id);
    expect(await store.getPassword(a.id)).toBe('a-pw');
  });

  it('reorders only by a permutation of the existing ids', async () => {
    const [a, b, c] = [
      await store.save(create({ name: 'A' })),
      await store.save(create({ name: 'B' })),
      await store.save(create({ name: 'C' })),
    ];
    const reordered = await store.reorder([c.id, a.id, b.id]);
    expect(reordered.map((profile) => profile.name)).toEqual(['C', 'A', 'B']);

    await expect(store.reorder([c.id, a.id])).rejects.toBeInstanceOf(ValidationError);
    await expect(store.reorder([c.id, a.id, a.id])).rejects.toBeInstanceOf(ValidationError);
    await expect(store.reorder([c.id, a.id, 'no-such-id'])).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.reorder([c.id, a.id, b.id, 'extra'])).rejects.toBeInstanceOf(NotFoundError);
    const reopened = new ProfileStore(file, keychain.store);
    expect((await reopened.list()).map((profile) => profile.name)).toEqual(['C', 'A', 'B']);
  });
});

describe('ProfileStore validation and damaged files', () => {
  let dir: string;
  let file: string;
  let secrets: MemorySecretStore;
  let store: ProfileStore;

  beforeEach(async () => {
    dir = await tempDir();
    file = join(dir, 'profiles.json');
    secrets = new MemorySecretStore();
    store = new ProfileStore(file, secrets, { now: () => NOW });
  });
  afterEach(() => removeDir(dir));

  it.each([
    [{ name: '   ' }, /Name is empty/],
    [{ name: 'x'.repeat(101) }, /Name is too long/],
    [{ host: 'my host' }, /Host must be a host name or IP address without spaces/],
    [{ host: '' }, /Host is empty/],
    [{ port: 0 }, /Port must be a whole number from 1 to 65535/],
    [{ port: 65536 }, /Port must be a whole number from 1 to 65535/],
    [{ port: 27015.5 }, /Port must be a whole number/],
    [{ dialect: 'quake' }, /Dialect must be one of auto, source, minecraft/],
    [{ encoding: 'utf16' }, /Encoding must be one of utf8, latin1/],
    [{ protocol: 'ssh' }, /Protocol must be one of rcon, webrcon, battleye, telnet/],
    [{ color: 'red' }, /Colour must be a colour like #3b82f6/],
    [{ color: '#12345' }, /Colour must be a colour like/],
    [{ quickCommands: Array.from({ length: 51 }, () => 'status') }, /Quick commands has too many entries/],
    [{ quickCommands: ['ok', 42] }, /Quick command 2 must be text/],
    [{ quickCommands: ['x'.repeat(1001)] }, /Quick command 1 is too long/],
    [{ quickCommands: ['say a\nquit'] }, /Quick command 1 must be one line/],
    [{ rememberPassword: 'yes' }, /Remember password must be true or false/],
    [{ game: 'quake' }, /Game must be one of cs2, csgo, tf2, gmod, minecraft, rust, ark, palworld/],
    [{ game: 7 }, /Game must be one of/],
  ])('rejects %j with a clear message and writes nothing', async (overrides, message) => {
    const request = { profile: { ...draft(), ...overrides }, password: { kind: 'keep' } } as SaveProfileRequest;
    const error = await store.save(request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(message);
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps an optional game, and reads profiles saved without one', async () => {
    const withGame = await store.save(create({ name: 'Pals', game: 'palworld' }));
    const without = await store.save(create({ name: 'Old' }));
    const reopened = new ProfileStore(file, secrets, { now: () => NOW });
    const listed = await reopened.list();
    expect(listed.find((p) => p.id === withGame.id)?.game).toBe('palworld');
    expect(listed.find((p) => p.id === without.id)).not.toHaveProperty('game');
  });

  it('keeps only the settings a profile sets, and rejects bad ones with the field named', async () => {
    const tuned = await store.save(
      create({ name: 'Tuned', settings: { reconnect: 'forever', commandTimeoutMs: 30_000 } }),
    );
    const plain = await store.save(create({ name: 'Plain', settings: {} }));
    const listed = await new ProfileStore(file, secrets, { now: () => NOW }).list();
    expect(listed.find((p) => p.id === tuned.id)?.settings).toEqual({ reconnect: 'forever', commandTimeoutMs: 30_000 });
    expect(listed.find((p) => p.id === plain.id)).not.toHaveProperty('settings');
    await expect(store.save(create({ settings: { commandTimeoutMs: 5 } }))).rejects.toThrow(
      /Command timeout \(ms\) must be .*1000/,
    );
    await expect(store.save(create({ settings: { reconnect: 'sometimes' } as never }))).rejects.toThrow(/Reconnect/);
    await expect(store.save(create({ settings: { colour: 1 } as never }))).rejects.toThrow(/unknown field: "colour"/);
  });

  it('rejects unknown and missing fields', async () => {
    const extra = {
      profile: { ...draft(), password: 'x' },
      password: { kind: 'keep' },
    } as unknown as SaveProfileRequest;
    await expect(store.save(extra)).rejects.toThrow(/unknown field: "password"/);
    const { host: _host, ...missing } = draft();
    await expect(store.save({ profile: missing, password: { kind: 'keep' } } as SaveProfileRequest)).rejects.toThrow(
      /missing "host"/,
    );
  });

  it('refuses to save a password when the keychain is unavailable, and never writes it in plain text', async () => {
    secrets.available = false;
    const error = await store.save(create({}, 'plain-pw')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SecretStoreError);
    expect((error as Error).message).toMatch(/cannot be saved: No keychain in this test.*Remember password/);
    expect(await readdir(dir)).toEqual([]);

    const view = await store.save(create({ rememberPassword: false }, 'plain-pw'));
    expect(view.hasSavedPassword).toBe(false);
    expect(await readFile(file, 'utf8')).not.toContain('plain-pw');
  });

  it('updating an unknown id is "not found"', async () => {
    await expect(store.save({ id: 'nope', ...create() })).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.get('nope')).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.getPassword('nope')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('moves a file that is not JSON aside, reports it and starts empty', async () => {
    await writeFile(file, '{"version":1,"profiles":[{"id":');
    expect(await store.list()).toEqual([]);
    const backupPath = `${file}.corrupt-2025-11-25T12-00-00-000Z`;
    const report = await store.loadReport();
    expect(report).toEqual({ ok: false, problem: expect.stringMatching(/not valid JSON/), backupPath });
    expect(report.problem).toContain(backupPath);
    expect(await readFile(backupPath, 'utf8')).toBe('{"version":1,"profiles":[{"id":');

    // A later save writes a fresh file and leaves the backup alone.
    await store.save(create({ name: 'New' }));
    expect(await readFile(backupPath, 'utf8')).toBe('{"version":1,"profiles":[{"id":');
    expect((await new ProfileStore(file, secrets).list()).map((profile) => profile.name)).toEqual(['New']);
  });

  it('keeps the profiles that validate and backs up the whole file', async () => {
    const good = { id: 'good-1', ...draft({ name: 'Good' }) };
    const bad = { id: 'bad-1', ...draft({ name: 'Bad', port: 70000 }) };
    const original = JSON.stringify({ version: 1, profiles: [good, bad, good] });
    await writeFile(file, original);

    expect((await store.list()).map((profile) => profile.id)).toEqual(['good-1']);
    const report = await store.loadReport();
    expect(report.ok).toBe(false);
    expect(report.problem).toMatch(/2 of 3 saved profiles could not be read/);
    expect(report.problem).toMatch(/Profile 2: Port must be a whole number/);
    expect(report.problem).toMatch(/Profile 3: its id is already used/);
    expect(await readFile(report.backupPath ?? '', 'utf8')).toBe(original);
    // The readable part is on disk again, so the next start does not lose it.
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, profiles: [good] });
  });

  it('reads a file written before profiles had a protocol as Source RCON, and saves the field', async () => {
    const { protocol: _protocol, ...old } = { id: 'old-1', ...draft({ name: 'Old' }) };
    await writeFile(file, JSON.stringify({ version: 1, profiles: [old] }));
    expect(await store.list()).toEqual([expect.objectContaining({ id: 'old-1', protocol: 'rcon' })]);
    expect((await store.loadReport()).ok).toBe(true);
    await store.save({
      id: 'old-1',
      profile: { ...draft({ name: 'Old' }), protocol: 'webrcon' },
      password: { kind: 'keep' },
    });
    expect(JSON.parse(await readFile(file, 'utf8')).profiles[0].protocol).toBe('webrcon');
  });

  it('does not overwrite an existing backup', async () => {
    await writeFile(`${file}.corrupt-2025-11-25T12-00-00-000Z`, 'older backup');
    await writeFile(file, 'garbage');
    const report = await store.loadReport();
    expect(report.backupPath).toBe(`${file}.corrupt-2025-11-25T12-00-00-000Z-2`);
    expect(await readFile(`${file}.corrupt-2025-11-25T12-00-00-000Z`, 'utf8')).toBe('older backup');
    expect(await readFile(report.backupPath ?? '', 'utf8')).toBe('garbage');
  });

  it('sets aside a file from a newer version instead of reading it wrongly', async () => {
    await writeFile(file, JSON.stringify({ version: 2, profiles: [] }));
    const report = await store.loadReport();
    expect(report.problem).toMatch(/newer version of RCON Desk/);
    expect(report.backupPath).toBeDefined();
  });

  it('leaves a file it cannot read alone and refuses to save over it', async () => {
    await mkdir(file);
    const report = await store.loadReport();
    expect(report.ok).toBe(false);
    expect(report.problem).toMatch(/could not be read/);
    expect(report.backupPath).toBeUndefined();
    await expect(store.save(create())).rejects.toBeInstanceOf(StorageError);
    expect((await stat(file)).isDirectory()).toBe(true);
  });

  it('validates every field of a stored profile', () => {
    const parsed = parseProfilesFile(
      JSON.stringify({ version: 1, profiles: [{ id: 'a b', ...draft() }, { id: 'ok', ...draft(), extra: 1 }, 5] }),
    );
    expect(parsed.profiles).toEqual([]);
    expect(parsed.problems).toEqual([
      'Profile 1: The profile id is not a valid id.',
      'Profile 2: The profile has unknown field: "extra".',
      'Profile 3: The profile must be an object.',
    ]);
  });
});
