/**
 * The app when things are not fine: no keychain (keytar cannot load) and a corrupt profiles file.
 * Both must be said plainly, and connecting must still work with a password typed at connect time.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferenceServer } from '../../src/reference-server/server';
import { DEFAULT_TIMEOUT_MS, Harness } from './harness';

let h: Harness;
let server: ReferenceServer;

beforeAll(async () => {
  h = await Harness.start({ keychain: 'unavailable', profilesFileContent: '{ "version": 1, "profiles": [ oops' });
  server = await h.startServer({ password: 'typed-pw', personality: 'srcds' });
  await h.openApp();
}, 240_000);

afterAll(async () => {
  await h?.close();
}, 60_000);

describe('RCON Desk without a keychain and with a damaged profiles file', () => {
  it('says that there is no keychain and that the profiles file was damaged, with the backup path', async () => {
    const keychain = h.page.getByTestId('keychain-banner');
    await keychain.waitFor({ timeout: DEFAULT_TIMEOUT_MS });
    const text = (await keychain.textContent()) ?? '';
    expect(text).toMatch(
      /^No keychain available \(.+\)\. Passwords will be asked for at connect time and not saved\.$/,
    );
    expect(text).toContain('keytar');

    const report = await h.profiles.loadReport();
    expect(report.ok).toBe(false);
    expect(report.backupPath && existsSync(report.backupPath)).toBe(true);
    const corrupt = (await h.page.getByTestId('corrupt-banner').textContent()) ?? '';
    expect(corrupt).toContain(report.backupPath!);
    await expect(h.page.locator('.status-bar').textContent()).resolves.toContain('Keychain: unavailable');
  });

  it('adds a server without a password, asks for it at connect time, and connects', async () => {
    const page = h.page;
    await page.getByTestId('add-profile').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('No Keychain Box');
    await dialog.getByLabel('Host').fill('127.0.0.1');
    await dialog.getByLabel('Port').fill(String(server.port));
    await expect(dialog.getByRole('checkbox', { name: /Remember password/ }).isDisabled()).resolves.toBe(true);
    // The password field says it cannot keep a password, instead of taking one and dropping it.
    await expect(dialog.getByTestId('password-unsaved').textContent()).resolves.toMatch(
      /^Passwords cannot be saved: no keychain is available \(.+\)\. .*keeps it in memory/,
    );
    await expect(dialog.getByLabel('Password', { exact: true }).isDisabled()).resolves.toBe(true);
    await page.getByTestId('save-profile').click();
    await dialog.waitFor({ state: 'detached' });

    const row = page.locator('[data-testid=profile-row]', { hasText: 'No Keychain Box' });
    // Cancelling the password prompt opens nothing.
    await row.getByRole('button', { name: 'Connect to No Keychain Box' }).click();
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect(h.tabs()).resolves.toEqual([]);
    expect(server.authAttempts).toBe(0);

    await row.getByRole('button', { name: 'Connect to No Keychain Box' }).click();
    const prompt = page.getByRole('dialog');
    await expect(prompt.textContent()).resolves.toContain('no keychain to save it in');
    await prompt.getByLabel('Password').fill('typed-pw');
    await page.getByTestId('password-submit').click();

    const tab = await h.waitForTab((t) => t.status === 'connected', 'a connected tab');
    await h.runCommand('echo typed at connect time');
    await h.waitForTerminal(tab.sessionId, (t) => /^typed at connect time$/m.test(t), 'the echo');
    expect(server.authAttempts).toBe(1);
    const saved = (await h.profiles.list()).find((p) => p.name === 'No Keychain Box');
    expect(saved?.hasSavedPassword).toBe(false);
  });

  it('keeps the password typed at connect time in memory, so a second tab does not ask again', async () => {
    const before = new Set((await h.tabs()).map((t) => t.sessionId));
    await h.page
      .locator('[data-testid=profile-row]', { hasText: 'No Keychain Box' })
      .locator('.profile-name')
      .dblclick();
    const tab = await h.waitForTab((t) => t.status === 'connected' && !before.has(t.sessionId), 'a second tab');
    expect((await h.tabs()).length).toBe(before.size + 1);
    await expect(h.page.getByRole('dialog').count()).resolves.toBe(0);
    await h.runCommand('echo second tab');
    await h.waitForTerminal(tab.sessionId, (t) => /^second tab$/m.test(t), 'the echo in the second tab');
    expect(server.authAttempts).toBe(2);
    expect(server.authFailures).toBe(0);
  });

  it('had no page errors', () => {
    expect(h.pageErrors).toEqual([]);
  });
});
