import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { ReferenceServer } from '../../src/reference-server/server';
import { electronBinary } from '../../scripts/electron-binary';

/**
 * Launches the built Electron app itself (main, preload and renderer together) through
 * Playwright's Electron support. It runs wherever an Electron binary is installed. Electron's
 * binary cannot be downloaded on every machine (CI here installs with
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1); there the suite is skipped and says why, and
 * tests/electron-glue runs the same built bundles under Node with a fake `electron` instead.
 */
const binary = electronBinary();
if (!binary) {
  console.log(
    'electron-app: skipped: no Electron binary is installed here (this test runs wherever one is; ' +
      'scripts/install.sh fetches it outside CI). tests/electron-glue covers the built main and preload ' +
      'bundles under a fake electron meanwhile.',
  );
}

describe.skipIf(!binary)('the packaged Electron app (runs wherever an Electron binary is installed)', () => {
  let server: ReferenceServer;
  let app: ElectronApplication;
  let userData: string;

  beforeAll(async () => {
    server = new ReferenceServer({ password: 'demo', personality: 'srcds', broadcastIntervalMs: 0 });
    await server.listen();
    userData = mkdtempSync(join(tmpdir(), 'rcon-desk-electron-'));
    app = await _electron.launch({
      executablePath: binary,
      args: ['.', `--user-data-dir=${userData}`, '--no-sandbox'],
      env: { ...process.env, RCON_DESK_DEMO: `127.0.0.1:${server.port}:demo` },
    });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await server?.close();
    rmSync(userData, { recursive: true, force: true });
  });

  it('opens one hardened window that lists the demo profile', async () => {
    const window = await app.firstWindow();
    await window.getByText('Demo server').first().waitFor({ timeout: 15_000 });
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    // Sandboxed, context-isolated, no Node: the page sees the bridge and nothing else.
    const globals = await window.evaluate(() => {
      const scope = globalThis as Record<string, unknown>;
      return { require: typeof scope['require'], process: typeof scope['process'], api: typeof scope['rconDesk'] };
    });
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', api: 'object' });
  });

  it('connects to the demo server and shows a command answer in the console', async () => {
    const window = await app.firstWindow();
    await window.getByText('Demo server').first().dblclick();
    const input = window.getByRole('textbox', { name: /command/i });
    await input.waitFor({ timeout: 15_000 });
    await input.fill('echo hello from electron');
    await input.press('Enter');
    await window.locator('.xterm-rows', { hasText: 'hello from electron' }).first().waitFor({ timeout: 15_000 });
    expect(server.receivedCommands).toContain('echo hello from electron');
  });
});
