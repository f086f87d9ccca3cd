import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiResult, ImportProfilesResult, ProfileView } from '../../src/shared/api';
import { createApiHandlers, type ApiHandlers } from '../../src/main/api-handlers';
import { createAppServices, type AppServices } from '../../src/main/app-services';
import type { OpenFileRequest } from '../../src/main/services/profile-transfer';
import type { SecretStore } from '../../src/main/services/secret-store';
import { MemorySecretStore, TestKeychain, describeKeychain, removeDir, snapshotDir, tempDir } from './helpers';

const FIXTURES = resolve(__dirname, '../fixtures/import');

function value<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`Expected success, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

/** The app's services and handlers on a temp folder; the dialogs answer with the queued paths. */
class App {
  readonly openRequests: OpenFileRequest[] = [];
  readonly openAnswers: string[] = [];
  readonly saveAnswers: string[] = [];
  readonly services: AppServices;
  readonly handlers: ApiHandlers;
  readonly internalErrors: unknown[] = [];

  constructor(
    readonly dir: string,
    secrets: SecretStore,
  ) {
    this.services = createAppServices({
      dataDir: dir,
      secrets,
      // Electron's dialogs cannot run here: each answers with the next queued path, or "cancelled".
      choosePath: async () => this.saveAnswers.shift(),
      chooseOpenPath: async (request) => {
        this.openRequests.push(request);
        return this.openAnswers.shift();
      },
    });
    this.handlers = createApiHandlers(this.services, {
      onInternalError: (_m, error) => this.internalErrors.push(error),
    });
  }

  async import(path: string): Promise<ApiResult<ImportProfilesResult | null>> {
    this.openAnswers.push(path);
    return this.handlers.importProfiles([]);
  }
}

describe('importing and exporting servers through the API', () => {
  let dir: string;
  let secrets: MemorySecretStore;
  let app: App;

  beforeEach(async () => {
    dir = await tempDir();
    secrets = new MemorySecretStore();
    app = new App(dir, secrets);
  });

  afterEach(async () => {
    await app.services.history.flush();
    await removeDir(dir);
  });

  it("imports gorcon rcon-cli's rcon.yaml, saying what it skipped and why", async () => {
    const report = value(await app.import(join(FIXTURES, 'rcon.yaml')));
    expect(app.openRequests[0]?.filters[0]?.extensions).toEqual(expect.arrayContaining(['yaml', 'json', 'hosts']));
    expect(report).toEqual({
      fileName: 'rcon.yaml',
      format: 'rcon-cli',
      imported: [
        { name: 'default', passwordSaved: true },
        { name: 'survival', passwordSaved: true },
        { name: 'rust', passwordSaved: true },
      ],
      skipped: [{ name: 'broken', reason: expect.stringContaining('has no port') }],
    });
    const profiles = value(await app.handlers.listProfiles([]));
    expect(
      profiles.map(({ name, host, port, protocol, hasSavedPassword }) => ({
        name,
        host,
        port,
        protocol,
        hasSavedPassword,
      })),
    ).toEqual([
      { name: 'default', host: '127.0.0.1', port: 16260, protocol: 'rcon', hasSavedPassword: true },
      { name: 'survival', host: 'mc.example.net', port: 25575, protocol: 'rcon', hasSavedPassword: true },
      { name: 'rust', host: '203.0.113.7', port: 28016, protocol: 'webrcon', hasSavedPassword: true },
    ]);
    expect(await app.services.profiles.getPassword(profiles[0]!.id)).toBe('default-secret');
    expect(await readFile(join(dir, 'profiles.json'), 'utf8')).not.toContain('secret');

    // The same file again adds nothing.
    const again = value(await app.import(join(FIXTURES, 'rcon.yaml')));
    expect(again?.imported).toEqual([]);
    expect(again?.skipped.filter((s) => s.reason === 'it is already saved').map((s) => s.name)).toEqual([
      'default',
      'survival',
      'rust',
    ]);
  });

  it("imports ARRCON's hosts file, old and new keys", async () => {
    const report = value(await app.import(join(FIXTURES, 'ARRCON.hosts')));
    expect(report?.format).toBe('arrcon');
    expect(report?.imported.map((e) => e.name)).toEqual(['myServer', 'legacy']);
    expect(report?.skipped).toEqual([{ name: 'nohost', reason: 'it has no hostname' }]);
    const profiles = await app.services.profiles.list();
    expect(profiles.map((p) => `${p.name} ${p.host}:${p.port}`)).toEqual([
      'myServer 192.0.2.10:27015',
      'legacy legacy.example.org:27016',
    ]);
  });

  it('without a keychain imports the servers and says their passwords were not saved', async () => {
    secrets.available = false;
    const report = value(await app.import(join(FIXTURES, 'rcon.json')));
    expect(report?.imported).toEqual([
      { name: 'default', passwordSaved: false },
      { name: 'telnet7d', passwordSaved: false },
    ]);
    expect(report?.passwordProblem).toMatch(/^The passwords were not saved: .*asked for them when you connect\.$/);
    expect(await readFile(join(dir, 'profiles.json'), 'utf8')).not.toContain('json-secret');
  });

  it('does nothing when the dialog is cancelled', async () => {
    const before = await snapshotDir(dir);
    expect(value(await app.handlers.importProfiles([]))).toBeNull();
    expect(value(await app.handlers.exportProfiles([]))).toEqual({ saved: false, count: 0 });
    expect(await snapshotDir(dir)).toEqual(before);
  });

  it('refuses a bad file with a specific reason and loses nothing', async () => {
    value(await app.import(join(FIXTURES, 'ARRCON.hosts')));
    const before = await snapshotDir(dir);
    const bad = await tempDir();
    try {
      await writeFile(join(bad, 'rcon.yaml'), 'default: [unclosed\n');
      await writeFile(join(bad, 'servers.txt'), 'default: {}\n');
      await writeFile(join(bad, 'big.json'), `"${'x'.repeat(1024 * 1024)}"`);
      await writeFile(join(bad, 'list.yaml'), '- a\n- b\n');
      const cases: [string, string, RegExp][] = [
        ['rcon.yaml', 'validation', /^rcon\.yaml is not valid YAML: /],
        [
          'servers.txt',
          'validation',
          /^servers\.txt: unknown kind of file\. Import reads gorcon rcon-cli's rcon\.yaml/,
        ],
        ['big.json', 'validation', /^big\.json is larger than 1 MiB/],
        ['list.yaml', 'validation', /must map environment names to their settings/],
        ['missing.yaml', 'internal', /^missing\.yaml could not be read \(ENOENT\)\. Nothing was imported\.$/],
      ];
      for (const [name, kind, message] of cases) {
        const result = await app.import(join(bad, name));
        expect(result.ok, name).toBe(false);
        if (!result.ok) {
          expect(result.error.kind, name).toBe(kind);
          expect(result.error.message, name).toMatch(message);
        }
      }
    } finally {
      await removeDir(bad);
    }
    expect(await snapshotDir(dir)).toEqual(before);
    expect(app.internalErrors).toEqual([]);
  });

  it('exports every server without passwords, and the export imports elsewhere as the same servers', async () => {
    value(await app.import(join(FIXTURES, 'rcon.yaml')));
    const file = join(dir, 'servers.json');
    app.saveAnswers.push(file);
    expect(value(await app.handlers.exportProfiles([]))).toEqual({ saved: true, path: file, count: 3 });
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('secret');
    expect(JSON.parse(text)).toMatchObject({ format: 'rcon-desk-profiles', version: 1 });

    const other = await tempDir();
    try {
      const elsewhere = new App(other, new MemorySecretStore());
      await copyFile(file, join(other, 'from-another-machine.json'));
      const report = value(await elsewhere.import(join(other, 'from-another-machine.json')));
      expect(report).toEqual({
        fileName: 'from-another-machine.json',
        format: 'rcon-desk',
        imported: [
          { name: 'default', passwordSaved: false },
          { name: 'survival', passwordSaved: false },
          { name: 'rust', passwordSaved: false },
        ],
        skipped: [],
      });
      const strip = ({ id: _id, hasSavedPassword: _saved, ...rest }: ProfileView) => rest;
      const here = (await app.services.profiles.list()).map(strip);
      expect((await elsewhere.services.profiles.list()).map(strip)).toEqual(here);
    } finally {
      await removeDir(other);
    }
  });
});

describeKeychain('importing with the real keychain', () => {
  const keychain = new TestKeychain();
  let dir: string;

  beforeAll(async () => {
    await keychain.require();
    dir = await tempDir();
  });

  afterAll(async () => {
    await keychain.cleanup();
    if (dir) await removeDir(dir);
  });

  it('keeps each imported password in the keychain, bound to its server, and nowhere in the data folder', async () => {
    const app = new App(dir, keychain.store);
    const report = value(await app.import(join(FIXTURES, 'ARRCON.hosts')));
    expect(report?.imported).toEqual([
      { name: 'myServer', passwordSaved: true },
      { name: 'legacy', passwordSaved: true },
    ]);
    const [myServer, legacy] = await app.services.profiles.list();
    expect(await app.services.profiles.getPassword(myServer!.id)).toBe('arrcon-secret');
    expect(await app.services.profiles.getPassword(legacy!.id)).toBe('legacy-secret');
    expect((await keychain.entries()).map((e) => e.account).sort()).toEqual([myServer!.id, legacy!.id].sort());
    expect(JSON.stringify(await snapshotDir(dir))).not.toMatch(/arrcon-secret|legacy-secret/);
  });
});
