/**
 * Issue 11's gaps in a browser: "Reconnect now" and the status line that updates in place while
 * a tab waits to retry, commands waiting for their answer with their elapsed time and answers
 * tied to their commands, the editor's Settings section, and the tab in front reported to main.
 * The built renderer in Chromium over the real bridge, the real services and reference servers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { ReferenceServer } from '../../src/reference-server/server';
import { DEFAULT_TIMEOUT_MS, Harness, poll, VIEWPORT } from './harness';

let h: Harness;
let server: ReferenceServer;
const PASSWORD = 'retry-pw';
const visibleConsole = '[data-testid=console]:not([hidden])';

beforeAll(async () => {
  // Waits of a minute between attempts: within a test, only "Reconnect now" makes an attempt.
  h = await Harness.start({
    reconnect: { initialDelayMs: 60_000, maxDelayMs: 60_000, maxAttempts: Number.POSITIVE_INFINITY },
  });
  server = await h.startServer({ password: PASSWORD, personality: 'srcds' });
  await h.addProfile({ name: 'Restarting box', port: server.port, settings: { reconnect: 'forever' } }, PASSWORD);
  await h.addProfile({ name: 'Second box', port: server.port }, PASSWORD);
  await h.openApp();
}, 240_000);

afterAll(async () => {
  await h?.close();
}, 60_000);

const row = (name: string) => h.profileRow(name);
const badge = () => h.page.locator(`${visibleConsole} [data-testid=status-badge]`);

async function openTab(name: string): Promise<string> {
  const sessionId = await h.openTabFromList(name);
  await h.waitForTab((t) => t.sessionId === sessionId && t.status === 'connected', `${name} connected`);
  return sessionId;
}

const count = (text: string, needle: RegExp): number => text.split('\n').filter((line) => needle.test(line)).length;

describe('reconnecting', () => {
  it('waits with one status line updated in place, and "Reconnect now" tries at once', async () => {
    const sessionId = await openTab('Restarting box');
    const port = server.port;
    await server.close();

    await h.waitForTab((t) => t.sessionId === sessionId && t.status === 'reconnecting', 'reconnecting');
    await poll(
      async () => /^Reconnecting in 1 min \(attempt 1\)$/.test((await badge().textContent()) ?? ''),
      'attempt 1',
    );
    const reconnectNow = h.page.locator(`${visibleConsole} [data-testid=reconnect-now]`);
    await expect(reconnectNow.textContent()).resolves.toContain('Reconnect now');

    // The server is still down: the attempt fails, and the same status line says which one is next.
    await reconnectNow.click();
    await poll(async () => (await badge().getAttribute('data-attempt')) === '2', 'attempt 2 in the badge');
    await poll(
      async () =>
        /^Reconnecting in \d+ s \(attempt 2\)$|^Reconnecting in 1 min \(attempt 2\)$/.test(
          (await badge().textContent()) ?? '',
        ),
      'the countdown of attempt 2',
    );
    await reconnectNow.click();
    await poll(async () => (await badge().getAttribute('data-attempt')) === '3', 'attempt 3 in the badge');
    await expect(h.page.locator(`${visibleConsole} [data-testid=status-reason]`).textContent()).resolves.toMatch(
      /Reconnecting \(attempt 3\)…$/,
    );

    // At the narrowest window the app allows, the longer status line and the button still fit.
    await h.page.setViewportSize({ width: 720, height: 500 });
    await poll(
      async () => (await h.page.locator(`${visibleConsole} [data-testid=console-more]`).count()) === 1,
      'compact header',
    );
    const boxes = await Promise.all(
      ['[data-testid=status-badge]', '[data-testid=reconnect-now]', '[data-testid=console-more]', '.console-title'].map(
        async (selector) => (await h.page.locator(`${visibleConsole} ${selector}`).boundingBox())!,
      ),
    );
    const header = (await h.page.locator(`${visibleConsole} .console-header`).boundingBox())!;
    for (const [i, a] of boxes.entries()) {
      expect(a.x + a.width).toBeLessThanOrEqual(header.x + header.width + 0.5);
      for (const b of boxes.slice(i + 1)) {
        const apart = a.x + a.width <= b.x + 0.5 || b.x + b.width <= a.x + 0.5;
        expect(apart, `${JSON.stringify(a)} overlaps ${JSON.stringify(b)}`).toBe(true);
      }
    }
    await h.page.setViewportSize(VIEWPORT);

    // Back: "Reconnect now" connects without waiting the minute.
    await server.listen();
    expect(server.port).toBe(port);
    await reconnectNow.click();
    await h.waitForTab((t) => t.sessionId === sessionId && t.status === 'connected', 'connected again');
    await expect(reconnectNow.count()).resolves.toBe(0);
    await h.runCommand('echo back again');
    const text = await h.waitForTerminal(sessionId, (t) => /^back again$/m.test(t), 'the answer after reconnecting');

    // The output tells of the loss once and of the return once: no line per attempt.
    expect(count(text, /Connection lost/)).toBe(1);
    expect(count(text, /attempt [23]/)).toBe(0);
    expect(count(text, /^Connected/)).toBe(2);
  }, 60_000);
});

describe('commands waiting for their answer', () => {
  it('shows each with its elapsed time, live, and ties every answer to its command', async () => {
    const sessionId = (await h.activeSessionId())!;
    await h.runCommand('sleep 2600');
    await h.runCommand('echo tied');
    const chips = h.page.locator(`${visibleConsole} [data-testid=pending-command]`);
    await poll(async () => (await chips.count()) === 2, 'two pending commands');
    await expect(chips.nth(0).textContent()).resolves.toMatch(/^sleep 2600\d+ s$/);
    await expect(chips.nth(1).textContent()).resolves.toMatch(/^echo tied\d+ s$/);
    // The elapsed time counts up while it waits.
    await poll(async () => (await chips.nth(0).textContent()) === 'sleep 26001 s', '1 s');
    await poll(async () => (await chips.nth(0).textContent()) === 'sleep 26002 s', '2 s');

    const text = await h.waitForTerminal(sessionId, (t) => /^tied$/m.test(t), 'both answers');
    await poll(async () => (await chips.count()) === 0, 'no pending command left');
    const lines = text.split('\n').map((line) => line.trimEnd());
    const at = (line: string) => lines.lastIndexOf(line);
    expect(at('Answer to “sleep 2600”:')).toBeGreaterThan(at('> echo tied'));
    expect(at('Slept 2600 ms')).toBe(at('Answer to “sleep 2600”:') + 1);
    expect(at('tied')).toBe(at('Answer to “echo tied”:') + 1);
  }, 30_000);
});

describe('the tab in front', () => {
  it('is reported to the main process as tabs change', async () => {
    const first = (await h.activeSessionId())!;
    await poll(() => h.foreground.get() === first, 'the first tab reported');
    const second = await openTab('Second box');
    await poll(() => h.foreground.get() === second, 'the new tab reported');
    await h.page.locator(`[data-testid=tab][data-session-id="${first}"]`).click();
    await poll(() => h.foreground.get() === first, 'the first tab reported again');
  });
});

describe("the editor's Settings section", () => {
  it('saves only the settings that differ, and says what is wrong with a bad one', async () => {
    const page = h.page;
    await row('Second box').click();
    await page.getByRole('button', { name: 'Edit Second box' }).click();
    const dialog = page.getByRole('dialog');
    const section = dialog.getByTestId('profile-settings');
    await expect(section.getAttribute('open')).resolves.toBeNull(); // closed: all defaults
    await section.locator('summary').click();

    await expect(dialog.getByLabel('Command timeout (s)').inputValue()).resolves.toBe('10');
    await expect(dialog.getByLabel('Give up after (min)').inputValue()).resolves.toBe('15');
    await expect(dialog.getByLabel('Longest wait between attempts (s)').inputValue()).resolves.toBe('30');
    await expect(dialog.getByLabel('Ask before destructive commands', { exact: false }).isChecked()).resolves.toBe(
      true,
    );

    await dialog.getByLabel('Command timeout (s)').fill('soon');
    await page.getByTestId('save-profile').click();
    await dialog.getByText('A number of seconds from 1 to 600.').waitFor({ timeout: DEFAULT_TIMEOUT_MS });
    expect((await h.profiles.list()).find((p) => p.name === 'Second box')?.settings).toBeUndefined();

    await dialog.getByLabel('Command timeout (s)').fill('2.5');
    await dialog.getByLabel('Reconnect after a lost connection').selectOption('forever');
    await expect(dialog.getByLabel('Give up after (min)').isDisabled()).resolves.toBe(true);
    await dialog.getByLabel('Longest wait between attempts (s)').fill('120');
    await dialog.getByLabel('Ask before destructive commands', { exact: false }).uncheck();
    await dialog.getByLabel('Notify me when this server drops', { exact: false }).check();
    await dialog.getByLabel('Automatic transcript to a file').check();
    const second = (await h.profiles.list()).find((p) => p.name === 'Second box')!;
    // main names the folder asynchronously; until then the note says it in general words.
    const folderNote = `One file a day in ${join(h.dataDir, 'transcripts', `Second box-${second.id}`)}`;
    await dialog.getByText(folderNote, { exact: true }).waitFor({ timeout: DEFAULT_TIMEOUT_MS });
    await page.getByTestId('save-profile').click();
    await dialog.waitFor({ state: 'detached', timeout: DEFAULT_TIMEOUT_MS });

    const saved = (await h.profiles.list()).find((p) => p.name === 'Second box');
    expect(saved?.settings).toEqual({
      commandTimeoutMs: 2_500,
      reconnect: 'forever',
      reconnectMaxDelayMs: 120_000,
      confirmDestructive: false,
      notifyOnDrop: true,
      autoTranscript: true,
    });

    // Opened again: the section starts open, since this server differs from the defaults.
    await page.getByRole('button', { name: 'Edit Second box' }).click();
    await expect(dialog.getByTestId('profile-settings').getAttribute('open')).resolves.not.toBeNull();
    await expect(dialog.getByLabel('Command timeout (s)').inputValue()).resolves.toBe('2.5');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached', timeout: DEFAULT_TIMEOUT_MS });
  });
});
