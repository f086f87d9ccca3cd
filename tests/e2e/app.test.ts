/**
 * The app end to end: the built renderer in Chromium, the real preload bridge, the real services
 * (profiles file, OS keychain, history, sessions over TCP) and reference RCON servers.
 * The tests share one window and run in order, like a user's session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileView } from '../../src/shared/api';
import type { ReferenceServer } from '../../src/reference-server/server';
import { WebRconReferenceServer } from '../../src/reference-server/protocols/webrcon-server';
import { FRAME_TICK } from '../../bench/flood-page';
import { DEFAULT_TIMEOUT_MS, Harness, poll } from './harness';

let h: Harness;
let alphaServer: ReferenceServer;
let bravoServer: ReferenceServer;
let guardedServer: ReferenceServer;
let flakyServer: ReferenceServer;
let mcServer: ReferenceServer;
let bravo: ProfileView;
let guarded: ProfileView;

/** Filled in by the first test: the profile created through the editor. */
let alpha: ProfileView;
let alphaSession = '';
let bravoSession = '';

const visibleConsole = '[data-testid=console]:not([hidden])';

beforeAll(async () => {
  h = await Harness.start();
  alphaServer = await h.startServer({ password: 'alpha-pw', personality: 'srcds' });
  bravoServer = await h.startServer({ password: 'bravo-pw', personality: 'srcds' });
  guardedServer = await h.startServer({ password: 'right-pw', personality: 'srcds' });
  flakyServer = await h.startServer({ password: 'flaky-pw', personality: 'srcds' });
  mcServer = await h.startServer({ password: 'mc-pw', personality: 'minecraft' });

  bravo = await h.addProfile(
    { name: 'Bravo Retake', port: bravoServer.port, group: 'Competitive', color: '#f97316', quickCommands: ['status'] },
    'bravo-pw',
  );
  await h.addProfile(
    {
      name: 'Minecraft SMP',
      port: mcServer.port,
      dialect: 'minecraft',
      group: 'Survival',
      color: '#22c55e',
      quickCommands: ['list', 'say Restart in 5 minutes'],
    },
    'mc-pw',
  );
  guarded = await h.addProfile(
    { name: 'Guarded', port: guardedServer.port, group: 'Staging', color: '#a855f7' },
    'wrong-pw',
  );
  await h.addProfile({ name: 'Flaky Box', port: flakyServer.port, group: 'Staging', color: '#eab308' }, 'flaky-pw');
  await h.openApp();
}, 240_000);

afterAll(async () => {
  await h?.close();
}, 60_000);

const row = (name: string) => h.profileRow(name);

const openByDoubleClick = (name: string): Promise<string> => h.openTabFromList(name, 'double-click');

async function waitConnected(sessionId: string): Promise<void> {
  await h.waitForTab((t) => t.sessionId === sessionId && t.status === 'connected', `session ${sessionId} connected`);
  await h.page.locator(`[data-testid=tab][data-session-id="${sessionId}"][data-status=connected]`).waitFor({
    timeout: DEFAULT_TIMEOUT_MS,
  });
}

describe('RCON Desk in a browser', () => {
  it('adds a server through the editor, with its password in the real keychain', async () => {
    const page = h.page;
    await page.getByTestId('add-profile').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor({ timeout: DEFAULT_TIMEOUT_MS });

    // Inline validation: saving an empty form says what is missing.
    await page.getByTestId('save-profile').click();
    await dialog.getByText('Give the server a name.').waitFor({ timeout: DEFAULT_TIMEOUT_MS });
    await dialog.getByText('Enter a host name or IP address.').waitFor({ timeout: DEFAULT_TIMEOUT_MS });

    await dialog.getByLabel('Name').fill('Alpha CS2');
    await dialog.getByLabel('Host').fill('127.0.0.1');
    await dialog.getByLabel('Port').fill('99999');
    await dialog.getByText('A port is a whole number from 1 to 65535.').waitFor({ timeout: DEFAULT_TIMEOUT_MS });
    await dialog.getByLabel('Port').fill(String(alphaServer.port));
    // The game sets the protocol; a port typed by hand stays.
    await dialog.getByLabel('Game').selectOption('cs2');
    await expect(dialog.getByLabel('Port').inputValue()).resolves.toBe(String(alphaServer.port));
    await dialog.getByLabel('Protocol').selectOption('source');
    await dialog.getByLabel('Group').fill('Competitive');
    await dialog.getByRole('radio', { name: '#3b82f6' }).click();
    await dialog.getByLabel('Quick commands').fill('status\ncvarlist\nusers');
    await dialog.getByLabel('Password', { exact: true }).fill('alpha-pw');
    // Test connection: the engine's step-by-step check, through the real bridge and services.
    await dialog.getByTestId('test-connection').click();
    const testResult = dialog.getByTestId('connection-test-result');
    await testResult.getByText('Login accepted.').waitFor({ timeout: DEFAULT_TIMEOUT_MS });
    await testResult
      .getByText('Dialect: Source. Evidence: it mirrored the empty probe packet back.')
      .waitFor({ timeout: DEFAULT_TIMEOUT_MS });
    await expect(dialog.getByText('RCON sends the password unencrypted', { exact: false }).isVisible()).resolves.toBe(
      true,
    );
    await expect(dialog.getByRole('alert').count()).resolves.toBe(0);
    await h.screenshot('profile-editor.png');

    await page.getByTestId('save-profile').click();
    await dialog.waitFor({ state: 'detached', timeout: DEFAULT_TIMEOUT_MS });
    await row('Alpha CS2').waitFor({ timeout: DEFAULT_TIMEOUT_MS });

    const saved = (await h.profiles.list()).find((p) => p.name === 'Alpha CS2');
    expect(saved).toMatchObject({
      host: '127.0.0.1',
      port: alphaServer.port,
      dialect: 'source',
      game: 'cs2',
      group: 'Competitive',
      color: '#3b82f6',
      quickCommands: ['status', 'cvarlist', 'users'],
      rememberPassword: true,
      hasSavedPassword: true,
    });
    alpha = saved!;
    // The password is in the OS keychain under the profile id, and nowhere in the profiles file.
    await expect(h.keychainPassword(alpha.id)).resolves.toBe('alpha-pw');
  });

  it('lists the servers grouped, with colour, name and address', async () => {
    const page = h.page;
    const groups = await page.locator('.group-title').allTextContents();
    expect(groups.map((g) => g.replace(/\d+$/, ''))).toEqual(['Competitive', 'Survival', 'Staging']);
    const competitive = page.locator('section[aria-label=Competitive] [data-testid=profile-row]');
    await expect(competitive.allTextContents()).resolves.toEqual([
      expect.stringContaining('Bravo Retake'),
      expect.stringContaining('Alpha CS2'),
    ]);
    await expect(row('Alpha CS2').textContent()).resolves.toContain(`127.0.0.1:${alphaServer.port}`);

    // Move Alpha above Bravo; the saved order follows.
    await row('Alpha CS2').click();
    await h.page.getByRole('button', { name: 'Move Alpha CS2 up' }).click();
    await poll(async () => (await h.profiles.list())[0]?.name === 'Alpha CS2', 'Alpha saved first');
    await expect(competitive.first().textContent()).resolves.toContain('Alpha CS2');
    await h.screenshot('server-list.png');
  });

  it('connects and shows the answer to echo hello', async () => {
    alphaSession = await openByDoubleClick('Alpha CS2');
    await waitConnected(alphaSession);
    await h.runCommand('echo hello');
    await h.waitForTerminal(alphaSession, (text) => /^> echo hello$/m.test(text) && /^hello$/m.test(text), 'hello');
    // The echoed command is bold cyan (SGR 1;36 → palette 6), the answer in the default colour.
    await expect(h.cellStyle(alphaSession, '> echo hello')).resolves.toMatchObject({
      fgMode: 'palette',
      fg: 6,
      bold: true,
    });
    await expect(h.cellStyle(alphaSession, 'hello', true)).resolves.toMatchObject({ fgMode: 'default', bold: false });
    await poll(async () => (await h.history.get(alpha.id)).includes('echo hello'), 'echo hello in the history');
  });

  it('walks the history with Up/Down and finds with Ctrl+R', async () => {
    await h.runCommand('status');
    await h.waitForTerminal(alphaSession, (text) => text.includes('#end'), 'the status answer');
    const input = h.page.locator(`${visibleConsole} [data-testid=command-input]`);
    await input.focus();
    await input.press('ArrowUp');
    await expect(input.inputValue()).resolves.toBe('status');
    await input.press('ArrowUp');
    await expect(input.inputValue()).resolves.toBe('echo hello');
    await input.press('ArrowDown');
    await expect(input.inputValue()).resolves.toBe('status');
    await input.press('ArrowDown');
    await expect(input.inputValue()).resolves.toBe('');

    await input.press('Control+r');
    await input.pressSequentially('ech');
    await expect(h.page.getByTestId('history-match').textContent()).resolves.toBe('echo hello');
    await input.press('Enter');
    await expect(input.inputValue()).resolves.toBe('echo hello');
    await input.press('Escape');
    await expect(input.inputValue()).resolves.toBe('');
  });

  it('runs two consoles on two servers at once, each with its own output', async () => {
    const before = new Set((await h.tabs()).map((t) => t.sessionId));
    await row('Bravo Retake').getByRole('button', { name: 'Connect to Bravo Retake' }).click();
    bravoSession = (await h.waitForTab((t) => !before.has(t.sessionId), 'the Bravo tab')).sessionId;
    await waitConnected(bravoSession);
    // The quick command button sends `status`.
    await h.page.locator(`${visibleConsole} .quick-commands button`, { hasText: 'status' }).click();
    const bravoText = await h.waitForTerminal(bravoSession, (text) => text.includes('#end'), 'Bravo status');
    expect(bravoText).toContain(`udp/ip  : 127.0.0.1:${bravoServer.port}`);
    expect(bravoText).not.toContain('hello');

    // Back to Alpha with Ctrl+Shift+Tab (previous), run cvarlist there.
    await h.page.keyboard.press('Control+Shift+Tab');
    await poll(async () => (await h.activeSessionId()) === alphaSession, 'Alpha active again');
    await h.runCommand('cvarlist mp_r');
    const alphaText = await h.waitForTerminal(alphaSession, (text) => text.includes('25 total convars'), 'cvarlist');
    expect(alphaText).toContain(`udp/ip  : 127.0.0.1:${alphaServer.port}`);
    expect(alphaText).not.toContain(`127.0.0.1:${bravoServer.port}`);
    await expect(h.terminalText(bravoSession)).resolves.not.toContain('total convars');
    await expect(h.page.locator('[data-testid=tab]').count()).resolves.toBe(2);
    await h.screenshot('consoles.png');

    await h.page.keyboard.press('Control+Tab');
    await poll(async () => (await h.activeSessionId()) === bravoSession, 'Bravo active after Ctrl+Tab');
  });

  it('says "wrong password", counts exactly one login, and only retries when asked, with a new password', async () => {
    const sessionId = await openByDoubleClick('Guarded');
    await h.waitForTab((t) => t.sessionId === sessionId && t.status === 'error', 'the login failure');
    const reason = h.page.locator(`${visibleConsole} [data-testid=status-reason]`);
    await expect(reason.textContent()).resolves.toMatch(/wrong password/i);
    expect(guardedServer.authAttempts).toBe(1);

    // A negative check needs a time window: longer than the reconnect delays (1 s, then 2 s).
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(guardedServer.authAttempts).toBe(1);
    await expect(h.tabs()).resolves.toContainEqual(expect.objectContaining({ sessionId, status: 'error' }));

    const reconnect = h.page.locator(`${visibleConsole} [data-testid=reconnect]`);
    await expect(reconnect.textContent()).resolves.toContain('Reconnect…');
    await reconnect.click();
    const dialog = h.page.getByRole('dialog');
    await dialog.getByLabel('Password').fill('right-pw');
    await h.page.getByTestId('password-submit').click();
    await waitConnected(sessionId);
    expect(guardedServer.authAttempts).toBe(2);
    expect(guardedServer.authFailures).toBe(1);
    // The typed password is used for this session only: the keychain still has the old one.
    await expect(h.keychainPassword(guarded.id)).resolves.toBe('wrong-pw');
  }, 30_000);

  it('shows reconnecting, then connected, when the server drops the connection', async () => {
    const sessionId = await openByDoubleClick('Flaky Box');
    await waitConnected(sessionId);
    flakyServer.dropAllConnections();
    await h.page
      .locator(`[data-testid=tab][data-session-id="${sessionId}"][data-status=reconnecting]`)
      .waitFor({ timeout: DEFAULT_TIMEOUT_MS });
    await expect(h.page.locator(`${visibleConsole} [data-testid=status-badge]`).textContent()).resolves.toMatch(
      /Reconnecting/,
    );
    await waitConnected(sessionId);
    await h.runCommand('echo back again');
    await h.waitForTerminal(sessionId, (text) => /^back again$/m.test(text), 'the answer after reconnecting');
    expect(flakyServer.totalConnections).toBe(2);
  }, 30_000);

  it('renders Minecraft § colours as terminal colours', async () => {
    const sessionId = await openByDoubleClick('Minecraft SMP');
    await waitConnected(sessionId);
    await h.page.locator(`${visibleConsole} .quick-commands button`, { hasText: 'list' }).click();
    const text = await h.waitForTerminal(
      sessionId,
      (t) => t.includes('There are 2 of a max of 20 players online: Alex, Steve'),
      'the list answer',
    );
    expect(text).not.toContain('§');
    // §6 gold → SGR 33 → palette 3; §c red → SGR 91 → palette 9.
    await expect(h.cellStyle(sessionId, 'There are')).resolves.toMatchObject({ fgMode: 'palette', fg: 3 });
    await expect(h.cellStyle(sessionId, '20 players')).resolves.toMatchObject({ fgMode: 'palette', fg: 9 });
    await expect(h.cellStyle(sessionId, ' players online')).resolves.toMatchObject({ fgMode: 'palette', fg: 3 });
    // And the renderer draws them with the palette classes (on its next frame).
    const redSpans = h.page.locator(`${visibleConsole} .xterm-rows span.xterm-fg-9`);
    const red = await poll(async () => {
      const texts = await redSpans.allTextContents();
      return texts.includes('2') && texts.includes('20') ? texts : undefined;
    }, 'red spans for 2 and 20');
    expect(red).toEqual(expect.arrayContaining(['2', '20']));
  });

  it('opens and closes tabs with Ctrl+T and Ctrl+W, and finds text with Ctrl+F', async () => {
    await row('Alpha CS2').click();
    const count = (await h.tabs()).length;
    await h.page.keyboard.press('Control+t');
    const opened = await poll(async () => {
      const tabs = await h.tabs();
      return tabs.length === count + 1 ? tabs[tabs.length - 1] : undefined;
    }, 'a new tab from Ctrl+T');
    expect(opened.profileId).toBe(alpha.id);
    await waitConnected(opened.sessionId);
    await h.runCommand('echo needle in a haystack');
    await h.waitForTerminal(opened.sessionId, (t) => /^needle in a haystack$/m.test(t), 'the echo');

    await h.page.keyboard.press('Control+f');
    const search = h.page.getByTestId('search-input');
    await search.fill('needle');
    await poll(async () => /of 2$/.test((await h.page.locator('.search-count').textContent()) ?? ''), 'two matches');
    await search.press('Escape');
    await search.waitFor({ state: 'detached', timeout: DEFAULT_TIMEOUT_MS });

    await h.page.keyboard.press('Control+w');
    await poll(async () => (await h.tabs()).length === count, 'the tab closed by Ctrl+W');
    await poll(
      () => !h.sessions.list().some((s) => s.sessionId === opened.sessionId),
      'the session closed in the main process',
    );
  });

  it('closes a tab with a middle-click, though the window fires no auxclick', async () => {
    await row('Alpha CS2').click();
    const count = (await h.tabs()).length;
    await h.page.keyboard.press('Control+t');
    const opened = await poll(async () => {
      const tabs = await h.tabs();
      return tabs.length === count + 1 ? tabs[tabs.length - 1] : undefined;
    }, 'a new tab from Ctrl+T');
    const tab = h.page.locator(`[data-testid=tab][data-session-id="${opened.sessionId}"]`);
    const other = h.page.locator('[data-testid=tab]').first();

    // A middle press on one tab released over another closes neither.
    await tab.hover();
    await h.page.mouse.down({ button: 'middle' });
    await other.hover();
    await h.page.mouse.up({ button: 'middle' });
    expect((await h.tabs()).length).toBe(count + 1);

    await tab.click({ button: 'middle' });
    await poll(async () => (await h.tabs()).length === count, 'the tab closed by a middle-click');
    expect((await h.tabs()).some((t) => t.sessionId === opened.sessionId)).toBe(false);
  });

  it('prefixes lines with timestamps when asked', async () => {
    await h.page.locator('[data-testid=tab]', { hasText: 'Alpha CS2' }).first().click();
    await poll(async () => (await h.activeSessionId()) === alphaSession, 'Alpha active');
    await h.page.locator(`${visibleConsole} [data-testid=timestamps]`).click();
    await h.waitForTerminal(alphaSession, (t) => /^\[\d\d:\d\d:\d\d\] > echo hello$/m.test(t), 'timestamped lines');
    await h.page.locator(`${visibleConsole} [data-testid=timestamps]`).click();
    await h.waitForTerminal(alphaSession, (t) => /^> echo hello$/m.test(t), 'lines without timestamps');
  });

  it('copies the console to the clipboard, clears it, and Ctrl+L focuses the command line', async () => {
    await h.grantClipboard();
    await h.page.locator(`${visibleConsole} button[aria-label=Copy]`).click();
    await h.page.getByTestId('toast').getByText('Copied the whole console', { exact: false }).waitFor();
    const copied = await h.clipboardText();
    expect(copied).toContain('> echo hello');
    expect(copied).toContain('25 total convars/concommands');

    await h.page.locator(`${visibleConsole} button[aria-label=Clear]`).click();
    await h.waitForTerminal(alphaSession, (t) => t.trim() === '', 'an empty console');

    await h.page.locator('.status-bar').click();
    await h.page.keyboard.press('Control+l');
    await poll(
      async () => (await h.page.evaluate('document.activeElement?.dataset?.testid')) === 'command-input',
      'the command line focused',
    );
  });

  it('writes a multi-megabyte answer without freezing the window', async () => {
    await h.page.evaluate(`(() => {
      const probe = { maxGap: 0, frames: 0, last: performance.now(), running: true };
      ${FRAME_TICK}
      window.__frameProbe = probe;
    })()`);
    const bytes = 4_000_000;
    await h.runCommand(`bytes ${bytes}`);
    const lastLabel = String(Math.ceil(bytes / 64) - 1).padStart(8, '0');
    const text = await h.waitForTerminal(alphaSession, (t) => t.includes(lastLabel), 'the last line', 60_000);
    const probe = (await h.page.evaluate(`(() => { const p = window.__frameProbe; p.running = false;
      return { maxGap: p.maxGap, frames: p.frames }; })()`)) as { maxGap: number; frames: number };
    // Scrollback is bounded: only the newest lines are kept.
    expect(text.split('\n').length).toBeLessThanOrEqual(10_000 + 100);
    expect(text).not.toContain('00000001 ');
    // Bounded batches: the page kept drawing frames while 4 MB went in.
    expect(probe.frames).toBeGreaterThan(10);
    expect(probe.maxGap).toBeLessThan(2_000);
    console.info(`4 MB answer: ${probe.frames} frames, longest gap ${Math.round(probe.maxGap)} ms`);
  }, 90_000);

  it('brings the open sessions back as tabs after the window reloads', async () => {
    const open = h.sessions.list().map((session) => session.sessionId);
    expect(open.length).toBeGreaterThanOrEqual(4);
    await h.reload();
    await poll(async () => (await h.tabs()).length === open.length, 'a tab for each open session');
    expect((await h.tabs()).map((t) => t.sessionId).sort()).toEqual([...open].sort());
    await h.page.locator('[data-testid=tab]', { hasText: 'Alpha CS2' }).first().click();
    await waitConnected(alphaSession);
    await h.runCommand('echo still here');
    await h.waitForTerminal(alphaSession, (t) => /^still here$/m.test(t), 'an answer after the reload');
  });

  it('deletes a server after confirmation, and its keychain entry with it', async () => {
    await expect(h.keychainPassword(bravo.id)).resolves.toBe('bravo-pw');
    await row('Bravo Retake').click();
    await h.page.getByRole('button', { name: 'Delete Bravo Retake' }).click();
    const dialog = h.page.getByRole('dialog');
    await expect(dialog.textContent()).resolves.toContain('saved password deleted from the keychain');
    await h.page.getByTestId('confirm-delete').click();
    await row('Bravo Retake').waitFor({ state: 'detached', timeout: DEFAULT_TIMEOUT_MS });
    await expect(h.keychainPassword(bravo.id)).resolves.toBeNull();
    await expect(h.profiles.has(bravo.id)).resolves.toBe(false);
    // Its open console stays until closed.
    await expect(h.tabs()).resolves.toContainEqual(expect.objectContaining({ sessionId: bravoSession }));
  });

  it('adds a Rust WebRCON server: the port follows the protocol, and its console works', async () => {
    const rust = new WebRconReferenceServer({ password: 'rust-pw' });
    await rust.listen();
    try {
      const page = h.page;
      await page.getByTestId('add-profile').click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor({ timeout: DEFAULT_TIMEOUT_MS });
      await dialog.getByLabel('Name').fill('Rust Main');
      await dialog.getByLabel('Host').fill('127.0.0.1');
      await dialog.getByLabel('Remote console').selectOption('webrcon');
      await expect(dialog.getByLabel('Port').inputValue()).resolves.toBe('28016');
      // The Source dialect means nothing to WebRCON: its select is gone.
      await expect(dialog.getByLabel('Protocol').count()).resolves.toBe(0);
      await dialog.getByLabel('Port').fill(String(rust.port));
      await dialog.getByLabel('Password', { exact: true }).fill('rust-pw');
      await page.getByTestId('save-profile').click();
      await dialog.waitFor({ state: 'detached', timeout: DEFAULT_TIMEOUT_MS });
      const saved = (await h.profiles.list()).find((p) => p.name === 'Rust Main');
      expect(saved).toMatchObject({ protocol: 'webrcon', port: rust.port, hasSavedPassword: true });

      const sessionId = await openByDoubleClick('Rust Main');
      await waitConnected(sessionId);
      await h.runCommand('echo over a websocket');
      await h.waitForTerminal(sessionId, (t) => /^over a websocket$/m.test(t), 'the WebRCON answer');
      rust.chat('Alex', 'hello from Rust');
      await h.waitForTerminal(sessionId, (t) => /\[Chat\] Alex: hello from Rust/.test(t), 'the chat line');
    } finally {
      await rust.close();
    }
  });

  it('had no page errors and no CSP violations', () => {
    expect(h.pageErrors).toEqual([]);
  });
});
