import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as keytar from 'keytar';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { KEYCHAIN_SERVICE } from '../../src/main/data-dir';
import { appPaths } from '../../src/main/paths';
import { ProfileStore } from '../../src/main/services/profile-store';
import { KeytarSecretStore } from '../../src/main/services/secret-store';
import { profileDraft } from '../../src/shared/profile-defaults';
import type { ReferenceServer } from '../../src/reference-server/server';
import { describeKeychain, removeDir, tempDir } from '../services/helpers';
import { Fixtures, freePort } from './helpers';
import { ensureCliBuilt, rcon } from './run-cli';

/**
 * The CLI on the app's saved servers: the same profiles file (RCON_DESK_DATA points both at a
 * temporary folder) and the same keychain entries, under the app's own service name, in the test
 * run's private keyring. No password is ever given on the command line here.
 */
describeKeychain('rcon on the saved servers of the app', () => {
  const fixtures = new Fixtures();
  let dir: string;
  let store: ProfileStore;
  let alpha: ReferenceServer;
  let bravo: ReferenceServer;
  const secrets = new KeytarSecretStore(keytar, KEYCHAIN_SERVICE);
  const env = (): Record<string, string> => ({ RCON_DESK_DATA: dir });

  beforeAll(() => ensureCliBuilt(), 180_000);
  beforeEach(async () => {
    dir = await tempDir();
    store = new ProfileStore(appPaths(dir).profilesFile, secrets);
    alpha = await fixtures.server({ password: 'alpha-secret' });
    bravo = await fixtures.server({ password: 'bravo-secret', personality: 'minecraft' });
    const save = (name: string, port: number, group: string, password?: string) =>
      store.save({
        profile: profileDraft({ name, host: '127.0.0.1', port, group }),
        password: password === undefined ? { kind: 'keep' } : { kind: 'set', password },
      });
    await save('Alpha', alpha.port, 'league', 'alpha-secret');
    await save('Bravo', bravo.port, 'league', 'bravo-secret');
    await save('Down', await freePort(), 'league', 'down-secret');
    await save('No password', alpha.port, '');
  });
  afterEach(async () => {
    for (const profile of await store.list()) await store.delete(profile.id);
    await fixtures.cleanup();
    await removeDir(dir);
  });
  afterAll(async () => {
    // Anything an import added under the app's service name in this run's keyring.
    for (const { account } of await keytar.findCredentials(KEYCHAIN_SERVICE)) {
      await keytar.deletePassword(KEYCHAIN_SERVICE, account);
    }
  });

  it('lists the saved servers, without passwords', async () => {
    const run = await rcon(['--list'], { env: env() });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([
      `@Alpha\t127.0.0.1:${alpha.port}\tgroup league`,
      `@Bravo\t127.0.0.1:${bravo.port}\tgroup league`,
      expect.stringMatching(/^@Down\t127\.0\.0\.1:\d+\tgroup league$/),
      `@No password\t127.0.0.1:${alpha.port} (no saved password)`,
    ]);
    expect(run.stdout).not.toMatch(/secret/);
  });

  it('@NAME logs in with the keychain password and runs the commands', async () => {
    const run = await rcon(['@Alpha', '-e', 'echo hello from alpha'], { env: env() });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`=== Alpha (127.0.0.1:${alpha.port}) ok\nhello from alpha\n`);
    expect(alpha.receivedCommands).toContain('echo hello from alpha');
  });

  it('--group runs on every server of the group at once, one JSON line per server and command', async () => {
    const run = await rcon(['--group', 'league', '--json', '-e', 'echo one'], { env: env() });
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { server: string; ok: boolean; answer: string; exitCode: number });
    expect(lines.map((l) => [l.server, l.ok, l.answer, l.exitCode]).sort()).toEqual([
      ['Alpha', true, 'one', 0],
      ['Bravo', true, 'one', 0],
      ['Down', false, '', 4],
    ]);
    // A server that is down does not stop the others, and sets the exit status.
    expect(run.code).toBe(4);
  });

  it('refuses an unknown name or group, and a server with no password, in words', async () => {
    const unknown = await rcon(['@Nope', '-e', 'status'], { env: env() });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no saved server is named "Nope"/);
    const group = await rcon(['--group', 'ghosts', '-e', 'status'], { env: env() });
    expect(group.code).toBe(2);
    expect(group.stderr).toMatch(/no saved server is in the group "ghosts"/);
    const nopass = await rcon(['@No password', '--json', '-e', 'status'], { env: env() });
    expect(nopass.code).toBe(2);
    expect(JSON.parse(nopass.stdout)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/no password is saved/),
    });
    expect(alpha.receivedCommands).not.toContain('status');
  });

  it('imports other tools’ files into the profiles and the keychain, and exports without passwords', async () => {
    const fixture = join(__dirname, '..', 'fixtures', 'import', 'ARRCON.hosts');
    const run = await rcon(['--import', fixture], { env: env() });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^imported @myServer, password in the keychain$/m);
    expect(run.stdout).toMatch(/^2 imported, 1 skipped \(from arrcon\)$/m);
    const imported = (await new ProfileStore(appPaths(dir).profilesFile, secrets).list()).find(
      (p) => p.name === 'myServer',
    );
    expect(imported).toMatchObject({ host: '192.0.2.10', port: 27015, hasSavedPassword: true });
    expect(await readFile(appPaths(dir).profilesFile, 'utf8')).not.toContain('arrcon-secret');

    const exported = join(dir, 'export.json');
    const out = await rcon(['--export', exported], { env: env() });
    expect(out.code).toBe(0);
    const text = await readFile(exported, 'utf8');
    expect(text).toContain('myServer');
    expect(text).not.toMatch(/secret/);
  });
});
