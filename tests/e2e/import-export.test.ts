/**
 * "Import servers…" and "Export servers…" in the server list's menu, in a real browser over the
 * real bridge and services: the open and save dialogs are answered by the harness, the passwords go
 * to the real keychain.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, poll } from './harness';

const FIXTURES = resolve(__dirname, '../fixtures/import');

let h: Harness;

beforeAll(async () => {
  h = await Harness.start();
  await h.openApp();
}, 240_000);

afterAll(async () => {
  await h?.close();
}, 60_000);

async function chooseFromMenu(testId: 'import-servers' | 'export-servers'): Promise<void> {
  await h.page.getByTestId('servers-menu').click();
  await h.page.getByTestId(testId).click();
}

async function rowNames(): Promise<string[]> {
  return h.page.locator('[data-testid=profile-row] .profile-name-text').allTextContents();
}

describe('importing and exporting servers', () => {
  it('imports a sample rcon.yaml, reports what it did, and lists the servers', async () => {
    h.openDialogAnswers.push(join(FIXTURES, 'rcon.yaml'));
    await chooseFromMenu('import-servers');
    const report = h.page.getByRole('dialog', { name: 'Imported from rcon.yaml' });
    await report.waitFor();
    expect(await report.getByTestId('import-summary').textContent()).toBe(
      "3 servers imported, 1 skipped, from gorcon rcon-cli's configuration.",
    );
    expect(await report.getByTestId('import-imported').allTextContents()).toEqual([
      'default — password saved in the keychain',
      'survival — password saved in the keychain',
      'rust — password saved in the keychain',
    ]);
    const skipped = await report.getByTestId('import-skipped').allTextContents();
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatch(/^broken: .*has no port/);
    expect(h.openDialogRequests).toHaveLength(1);

    await report.getByRole('button', { name: 'Close', exact: true }).first().click();
    await report.waitFor({ state: 'detached' });
    await poll(
      async () => ((await rowNames()).join() === 'default,survival,rust' ? true : undefined),
      'the imported rows',
    );
    const [first] = await h.profiles.list();
    expect(await h.keychainPassword(first!.id)).toBe('default-secret');
  }, 30_000);

  it('refuses a bad file with a specific error and keeps the list', async () => {
    writeFileSync(join(h.dataDir, 'broken.yaml'), 'default: [unclosed\n');
    h.openDialogAnswers.push('broken.yaml');
    await chooseFromMenu('import-servers');
    const failed = h.page.getByRole('dialog', { name: 'Import failed' });
    await failed.waitFor();
    expect(await failed.getByRole('alert').textContent()).toMatch(/^broken\.yaml is not valid YAML: /);
    await h.page.keyboard.press('Escape');
    await failed.waitFor({ state: 'detached' });
    expect(await rowNames()).toEqual(['default', 'survival', 'rust']);
  }, 30_000);

  it('does nothing when the open dialog is cancelled', async () => {
    const before = h.openDialogRequests.length;
    await chooseFromMenu('import-servers');
    await poll(() => (h.openDialogRequests.length === before + 1 ? true : undefined), 'the open dialog');
    expect(await h.page.getByRole('dialog').count()).toBe(0);
    expect(await rowNames()).toEqual(['default', 'survival', 'rust']);
  }, 30_000);

  it('exports the servers without their passwords', async () => {
    h.saveDialogAnswers.push('servers.json');
    await chooseFromMenu('export-servers');
    await h.page.getByTestId('toast').getByText('Exported 3 servers to', { exact: false }).waitFor();
    expect(h.saveDialogRequests.at(-1)).toBe('RCON Desk servers.json');
    const text = readFileSync(join(h.dataDir, 'servers.json'), 'utf8');
    const exported = JSON.parse(text) as { format: string; profiles: { name: string; host: string; port: number }[] };
    expect(exported.format).toBe('rcon-desk-profiles');
    expect(exported.profiles.map(({ name, host, port }) => `${name} ${host}:${port}`)).toEqual([
      'default 127.0.0.1:16260',
      'survival mc.example.net:25575',
      'rust 203.0.113.7:28016',
    ]);
    expect(text).not.toContain('secret');
  }, 30_000);
});

describe('importing without a keychain', () => {
  let bare: Harness;

  beforeAll(async () => {
    bare = await Harness.start({ keychain: 'unavailable' });
    await bare.openApp();
  }, 240_000);

  afterAll(async () => {
    await bare?.close();
  }, 60_000);

  it('imports the servers and says plainly that their passwords were not saved', async () => {
    bare.openDialogAnswers.push(join(FIXTURES, 'ARRCON.hosts'));
    await bare.page.getByTestId('servers-menu').click();
    await bare.page.getByTestId('import-servers').click();
    const report = bare.page.getByRole('dialog', { name: 'Imported from ARRCON.hosts' });
    await report.waitFor();
    expect(await report.getByRole('status').textContent()).toMatch(
      /^The passwords were not saved: .*You will be asked for them when you connect\.$/,
    );
    expect(await report.getByTestId('import-imported').allTextContents()).toEqual([
      'myServer — no password saved',
      'legacy — no password saved',
    ]);
    const saved = await bare.profiles.list();
    expect(saved.map((p) => [p.name, p.hasSavedPassword])).toEqual([
      ['myServer', false],
      ['legacy', false],
    ]);
  }, 30_000);
});
