/**
 * The console workspace in daily use (issue 11): pasting several lines, many tabs, narrow windows,
 * the keyboard, rejected passwords, dialogs, copying, stale tabs, huge and late answers.
 * The built renderer in Chromium over the real bridge, the real services and reference servers.
 * The tests share one window and run in order, like a user's afternoon.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferenceServer } from '../../src/reference-server/server';
import { DEFAULT_TIMEOUT_MS, Harness, poll } from './harness';

let h: Harness;
let cs2Server: ReferenceServer;

const visibleConsole = '[data-testid=console]:not([hidden])';

beforeAll(async () => {
  h = await Harness.start();
  cs2Server = await h.startServer({ password: 'cs2-pw', personality: 'srcds' });
  await h.addProfile({ name: 'CS2 server', port: cs2Server.port, color: '#3b82f6' }, 'cs2-pw');
  await h.openApp();
  await h.grantClipboard();
}, 240_000);

afterAll(async () => {
  await h?.close();
}, 60_000);

function row(name: string) {
  return h.page.locator('[data-testid=profile-row]', { hasText: name });
}

async function openTab(name: string): Promise<string> {
  const before = new Set((await h.tabs()).map((tab) => tab.sessionId));
  await row(name)
    .getByRole('button', { name: `Connect to ${name}` })
    .click();
  const tab = await h.waitForTab((t) => !before.has(t.sessionId), `a new tab for ${name}`);
  return tab.sessionId;
}

async function waitConnected(sessionId: string): Promise<void> {
  await h.waitForTab((t) => t.sessionId === sessionId && t.status === 'connected', `session ${sessionId} connected`);
}

/** Puts text on the real clipboard and pastes it into the command line with Ctrl+V. */
async function pasteIntoCommandLine(text: string): Promise<void> {
  await h.page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(text)})`);
  const input = h.page.locator(`${visibleConsole} [data-testid=command-input]`);
  await input.focus();
  await input.press('Control+v');
}

/** Lines of the terminal text that are the command echoes (`> …`). */
function echoes(text: string): string[] {
  return text.split('\n').filter((line) => line.startsWith('> '));
}

let cs2Session = '';

describe('the console workspace in daily use', () => {
  it('sends pasted lines one command each, in order, after a confirmation that lists them', async () => {
    cs2Session = await openTab('CS2 server');
    await waitConnected(cs2Session);

    await pasteIntoCommandLine('say line one\nsay line two\r\nstatus\n');
    const dialog = h.page.getByRole('dialog');
    await dialog.waitFor({ timeout: DEFAULT_TIMEOUT_MS });
    await expect(dialog.getByTestId('paste-line').allTextContents()).resolves.toEqual([
      'say line one',
      'say line two',
      'status',
    ]);
    await h.page.getByTestId('confirm-paste').click();
    await dialog.waitFor({ state: 'detached' });
    const text = await h.waitForTerminal(cs2Session, (t) => t.includes('#end'), 'the three answers');
    expect(echoes(text)).toEqual(['> say line one', '> say line two', '> status']);
    const order = ['> say line one', 'Console: line one', '> say line two', 'Console: line two', '> status', '#end'];
    const positions = order.map((needle) => text.indexOf(needle));
    expect(positions.every((at) => at >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);

    // A single line (with its line end) goes into the command line without a question.
    await pasteIntoCommandLine('echo just one\n');
    const input = h.page.locator(`${visibleConsole} [data-testid=command-input]`);
    await poll(async () => (await input.inputValue()) === 'echo just one', 'the single line in the command line');
    await expect(h.page.getByRole('dialog').count()).resolves.toBe(0);
    await input.fill('');
  });
});
