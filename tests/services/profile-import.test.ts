import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/main/services/errors';
import {
  exportProfiles,
  importProfiles,
  parseImportFile,
  type ImportPlan,
} from '../../src/main/services/profile-import';
import { ProfileStore } from '../../src/main/services/profile-store';
import { MemorySecretStore, TestKeychain, describeKeychain, removeDir, tempDir } from './helpers';

const FIXTURES = join(__dirname, '..', 'fixtures', 'import');

async function planOf(name: string): Promise<ImportPlan> {
  return parseImportFile(name, await readFile(join(FIXTURES, name), 'utf8'));
}

describe('reading other tools’ server lists', () => {
  it("reads gorcon rcon-cli's rcon.yaml, naming profiles after the environments", async () => {
    const plan = await planOf('rcon.yaml');
    expect(plan.format).toBe('rcon-cli');
    expect(plan.entries).toEqual([
      { name: 'default', host: '127.0.0.1', port: 16260, password: 'default-secret' },
      { name: 'survival', host: 'mc.example.net', port: 25575, password: 'mc-secret' },
      { name: 'rust', host: '203.0.113.7', port: 28016, password: 'rust-secret', settings: { protocol: 'webrcon' } },
    ]);
    expect(plan.skipped).toEqual([{ name: 'broken', reason: expect.stringMatching(/has no port/) }]);
  });

  it('skips an rcon-cli entry of a type rcon-cli does not have, naming the types it has', () => {
    const plan = parseImportFile('rcon.yaml', 'odd:\n  address: "198.51.100.4:22"\n  type: ssh\n');
    expect(plan.entries).toEqual([]);
    expect(plan.skipped).toEqual([
      { name: 'odd', reason: 'its type "ssh" is none of rcon-cli\'s: rcon, web (Rust) or telnet (7 Days to Die)' },
    ]);
  });

  it("reads rcon-cli's JSON form, with a bracketed IPv6 address", async () => {
    const plan = await planOf('rcon.json');
    expect(plan.entries).toEqual([
      { name: 'default', host: '::1', port: 27015, password: 'json-secret' },
      { name: 'telnet7d', host: '10.0.0.5', port: 8081, password: 'p', settings: { protocol: 'telnet' } },
    ]);
    expect(plan.skipped).toEqual([]);
  });

  it("reads ARRCON's hosts file, in its current and its older key names", async () => {
    const plan = await planOf('ARRCON.hosts');
    expect(plan.format).toBe('arrcon');
    expect(plan.entries).toEqual([
      { name: 'myServer', host: '192.0.2.10', port: 27015, password: 'arrcon-secret' },
      { name: 'legacy', host: 'legacy.example.org', port: 27016, password: 'legacy-secret' },
    ]);
    expect(plan.skipped).toEqual([{ name: 'nohost', reason: 'it has no hostname' }]);
  });

  it('refuses what it cannot read, saying what is wrong', () => {
    expect(() => parseImportFile('servers.txt', 'x')).toThrow(/unknown kind of file/);
    expect(() => parseImportFile('rcon.yaml', 'default: [unclosed')).toThrow(/not valid YAML/);
    expect(() => parseImportFile('rcon.json', '{')).toThrow(/not valid JSON/);
    expect(() => parseImportFile('rcon.yaml', '- a\n- b\n')).toThrow(ValidationError);
    expect(() => parseImportFile('x.hosts', 'garbage line')).toThrow(/Line 1 of the hosts file/);
  });
});

describeKeychain('importing into the profiles, passwords into the real keychain', () => {
  const keychain = new TestKeychain();
  let dir: string;
  let store: ProfileStore;

  beforeAll(() => keychain.require());
  beforeEach(async () => {
    dir = await tempDir();
    store = new ProfileStore(join(dir, 'profiles.json'), keychain.store);
  });
  afterEach(async () => {
    await keychain.cleanup();
    await removeDir(dir);
  });
  afterAll(() => keychain.cleanup());

  it('saves each entry as a profile with its password in the keychain, never in the file', async () => {
    const report = await importProfiles(store, await planOf('ARRCON.hosts'));

    expect(report.imported).toEqual([
      { name: 'myServer', passwordSaved: true },
      { name: 'legacy', passwordSaved: true },
    ]);
    const profiles = await store.list();
    expect(profiles.map((p) => [p.name, p.host, p.port, p.hasSavedPassword])).toEqual([
      ['myServer', '192.0.2.10', 27015, true],
      ['legacy', 'legacy.example.org', 27016, true],
    ]);
    expect(await store.getPassword(profiles[0]!.id)).toBe('arrcon-secret');
    const file = await readFile(join(dir, 'profiles.json'), 'utf8');
    expect(file).not.toContain('arrcon-secret');
    expect(file).not.toContain('legacy-secret');

    // Importing the same file again adds nothing.
    const again = await importProfiles(store, await planOf('ARRCON.hosts'));
    expect(again.imported).toEqual([]);
    expect(again.skipped.filter((s) => s.reason === 'it is already saved').map((s) => s.name)).toEqual([
      'myServer',
      'legacy',
    ]);
  });

  it('exports the profiles without passwords, and the export imports back', async () => {
    await importProfiles(store, await planOf('rcon.yaml'));
    const { id, hasSavedPassword: _saved, ...first } = (await store.list())[0]!;
    await store.save({
      id,
      profile: { ...first, group: 'league', quickCommands: ['status'] },
      password: { kind: 'keep' },
    });
    const exported = exportProfiles(await store.list());
    expect(exported).not.toContain('default-secret');
    expect(exported).not.toContain('mc-secret');

    const other = new ProfileStore(join(dir, 'other.json'), new MemorySecretStore());
    const report = await importProfiles(other, parseImportFile('export.json', exported));
    expect(report.format).toBe('rcon-desk');
    const copied = await other.list();
    expect(copied.map((p) => [p.name, p.host, p.port, p.group, p.quickCommands, p.hasSavedPassword])).toEqual([
      ['default', '127.0.0.1', 16260, 'league', ['status'], false],
      ['survival', 'mc.example.net', 25575, '', [], false],
      ['rust', '203.0.113.7', 28016, '', [], false],
    ]);
    expect(copied.map((p) => p.protocol)).toEqual(['rcon', 'rcon', 'webrcon']);
  });
});

describe('importing without a keychain', () => {
  it('saves the profiles and says plainly that their passwords were not saved', async () => {
    const dir = await tempDir();
    try {
      const secrets = new MemorySecretStore();
      secrets.available = false;
      const store = new ProfileStore(join(dir, 'profiles.json'), secrets);
      const report = await importProfiles(store, await planOf('rcon.yaml'));
      expect(report.imported).toEqual([
        { name: 'default', passwordSaved: false },
        { name: 'survival', passwordSaved: false },
        { name: 'rust', passwordSaved: false },
      ]);
      expect(report.passwordProblem).toMatch(/^The passwords were not saved: No keychain in this test\./);
      expect(await readFile(join(dir, 'profiles.json'), 'utf8')).not.toContain('secret');
    } finally {
      await removeDir(dir);
    }
  });
});

/**
 * A keychain that fails from its `failFrom`-th password on, and may run `onSet` before each: a
 * stand-in, since the real keychain cannot be made to fail part-way through an import on demand.
 */
class FailingKeychain extends MemorySecretStore {
  private sets = 0;
  constructor(
    private readonly failFrom: number,
    private readonly onSet: (count: number) => Promise<void> = async () => undefined,
  ) {
    super();
  }

  override async set(account: string, secret: string): Promise<void> {
    this.sets += 1;
    await this.onSet(this.sets);
    if (this.sets >= this.failFrom) throw new Error('The keychain refused the item (test keychain).');
    return super.set(account, secret);
  }
}

describe('an import that fails part-way loses nothing', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await removeDir(dir);
  });

  it('saves every server when the keychain fails on one password, the rest without theirs, and says so', async () => {
    const secrets = new FailingKeychain(2);
    const store = new ProfileStore(join(dir, 'profiles.json'), secrets);
    const report = await importProfiles(store, await planOf('rcon.yaml'));
    expect(report.imported).toEqual([
      { name: 'default', passwordSaved: true },
      { name: 'survival', passwordSaved: false },
      { name: 'rust', passwordSaved: false },
    ]);
    expect(report.passwordProblem).toBe(
      'Some passwords were not saved: the keychain failed (The keychain refused the item (test keychain).). ' +
        'You will be asked for them when you connect.',
    );
    expect(report.interrupted).toBeUndefined();
    expect((await store.list()).map((p) => p.name)).toEqual(['default', 'survival', 'rust']);
    // Only the first password is in the keychain, and no other reached the profiles file.
    expect(secrets.secrets.size).toBe(1);
    expect(await readFile(join(dir, 'profiles.json'), 'utf8')).not.toContain('secret');
  });

  it('stops when the profiles file cannot be written, and reports what it saved before', async () => {
    const folder = join(dir, 'data');
    await mkdir(folder);
    // The data folder turns into a file just before the second server is written (its password is set first).
    const secrets = new FailingKeychain(Number.POSITIVE_INFINITY, async (count) => {
      if (count !== 2) return;
      await rm(folder, { recursive: true, force: true });
      await writeFile(folder, 'not a folder');
    });
    const store = new ProfileStore(join(folder, 'profiles.json'), secrets);
    const report = await importProfiles(store, await planOf('rcon.yaml'));
    expect(report.imported).toEqual([{ name: 'default', passwordSaved: true }]);
    expect(report.interrupted).toMatch(
      /^Importing stopped at “survival”: .+[.] The servers listed as imported are saved; the rest of the file was not imported\.$/,
    );
    // The keychain half of the server that could not be written was taken back.
    expect([...secrets.secrets.keys()]).toHaveLength(1);
  });
});
