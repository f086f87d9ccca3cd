/**
 * The console workspace's safety nets and conveniences (issue 11, gaps): destructive commands ask
 * first, closed tabs can be reopened, Tab completes names the server reported, tabs come back after
 * a restart, the shortcuts dialog lists every shortcut, the editor's placeholders read as examples.
 * The built renderer in Chromium over the real bridge, the real services and reference servers.
 * The tests share one window and run in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferenceServer } from '../../src/reference-server/server';
import { SHORTCUTS } from '../../src/renderer/src/lib/shortcuts';
import type { ApiResult, ProfileView } from '../../src/shared/api';
import { APP_QUIT_REASON } from '../../src/shared/api';
import { Harness, poll } from './harness';

let h: Harness;
let server: ReferenceServer;
let lockedServer: ReferenceServer;
const ids = new Map<string, string>();
const visibleConsole = '[data-testid=console]:not([hidden])';
const SHUTDOWN_ANSWER = 'Server shutdown requested';

beforeAll(async () => {
  h = await Harness.start();
  server = await h.startServer({ password: 'pw', personality: 'srcds' });
  lockedServer = await h.startServer({ password: 'right', personality: 'srcds' });
  const cs2 = await h.addProfile({ name: 'CS2 #1', port: server.port, quickCommands: ['status', 'quit'] }, 'pw');
  const quiet = await h.addProfile({ name: 'Quiet box', port: server.port }, 'pw');
  const locked = await h.addProfile({ name: 'Locked box', port: lockedServer.port }, 'wrong');
  // The setting is turned off through the API's own saveProfile, as the editor does.
  const { id, hasSavedPassword: _saved, ...draft } = quiet;
  const result = (await h.handlers.saveProfile([
    { id, profile: { ...draft, settings: { confirmDestructive: false } }, password: { kind: 'keep' } },
  ])) as ApiResult<ProfileView>;
  if (!result.ok) throw new Error(`saveProfile failed: ${result.error.message}`);
  expect(result.value.settings).toEqual({ confirmDestructive: false });
  for (const profile of [cs2, quiet, locked]) ids.set(profile.name, profile.id);
  await h.openApp();
  await h.grantClipboard();
}, 240_000);

afterAll(async () => {
  await h?.close();
}, 60_000);

const openTab = (name: string): Promise<string> => h.openTabFromList(name);

async function waitConnected(sessionId: string): Promise<void> {
  await h.waitForTab((t) => t.sessionId === sessionId && t.status === 'connected', `session ${sessionId} connected`);
}

function focusedTestId(): Promise<string> {
  return h.page.evaluate(`document.activeElement?.dataset?.testid ?? ''`) as Promise<string>;
}

/** Sends `echo MARK` and waits for its answer: every command typed before it has reached the server. */
async function settle(sessionId: string, mark: string): Promise<void> {
  await h.runCommand(`echo ${mark}`);
  await h.waitForTerminal(sessionId, (text) => text.includes(`\n${mark}`), `the answer to echo ${mark}`);
}

const quitCount = () => server.receivedCommands.filter((command) => command === 'quit').length;

describe('destructive commands', () => {
  let cs2Session: string;

  it('ask first, naming the server and the command, with Cancel focused and the focus kept inside', async () => {
    cs2Session = await openTab('CS2 #1');
    await waitConnected(cs2Session);
    await h.runCommand('quit');
    const dialog = h.page.getByRole('dialog');
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain('CS2 #1');
    await expect(dialog.getByTestId('destructive-command').textContent()).resolves.toBe('quit');
    expect(await focusedTestId()).toBe('cancel-destructive');
    for (let i = 0; i < 4; i += 1) {
      await h.page.keyboard.press('Tab');
      expect(await h.page.evaluate(`document.activeElement.closest('[role=dialog]') !== null`)).toBe(true);
    }

    await dialog.getByTestId('cancel-destructive').click();
    await dialog.waitFor({ state: 'detached' });
    // The typed command waits in the command line, to be edited or sent again.
    const input = h.page.locator(`${visibleConsole} [data-testid=command-input]`);
    await expect(input.inputValue()).resolves.toBe('quit');
    await poll(async () => (await focusedTestId()) === 'command-input', 'the focus back in the command line');
    await settle(cs2Session, 'after-cancel');
    expect(quitCount()).toBe(0);
  });

  it('are sent once confirmed', async () => {
    await h.runCommand('quit');
    const dialog = h.page.getByRole('dialog');
    await dialog.getByTestId('confirm-destructive').click();
    await h.waitForTerminal(cs2Session, (text) => text.includes(SHUTDOWN_ANSWER), 'the answer to quit');
    expect(quitCount()).toBe(1);
  });

  it('ask for a quick command too, and for pasted lines in the paste confirmation', async () => {
    await h.page.locator(`${visibleConsole} .quick-commands button`, { hasText: 'quit' }).click();
    const dialog = h.page.getByRole('dialog');
    await expect(dialog.getByTestId('destructive-command').textContent()).resolves.toBe('quit');
    await h.page.keyboard.press('Enter'); // on Cancel: a reflex sends nothing
    await dialog.waitFor({ state: 'detached' });
    await settle(cs2Session, 'after-quick-cancel');
    expect(quitCount()).toBe(1);

    await h.page.evaluate(`navigator.clipboard.writeText('status\\nquit')`);
    const input = h.page.locator(`${visibleConsole} [data-testid=command-input]`);
    await input.focus();
    await input.press('Control+v');
    await expect(dialog.locator('li.destructive').textContent()).resolves.toMatch(/^quit — stops or restarts/);
    await expect(dialog.getByTestId('paste-destructive').isVisible()).resolves.toBe(true);
    expect(await h.page.evaluate(`document.activeElement.textContent`)).toBe('Cancel');
    await h.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await settle(cs2Session, 'after-paste-cancel');
    expect(quitCount()).toBe(1);
  });

  it('do not ask on a server whose setting is off', async () => {
    const quietSession = await openTab('Quiet box');
    await waitConnected(quietSession);
    await h.runCommand('quit');
    await h.waitForTerminal(quietSession, (text) => text.includes(SHUTDOWN_ANSWER), 'the answer to quit');
    expect(await h.page.getByRole('dialog').count()).toBe(0);
    expect(quitCount()).toBe(2);
  });
});

describe('closing tabs', () => {
  it('offers to reopen a closed tab with output, by toast, by Ctrl+Shift+T and in the tab menu', async () => {
    const quiet = (await h.tabs()).find((t) => t.profileId === ids.get('Quiet box'))!;
    await h.page.locator(`[data-testid=tab][data-session-id="${quiet.sessionId}"]`).click();
    await h.page.keyboard.press('Control+w');
    await poll(async () => !(await h.tabs()).some((t) => t.sessionId === quiet.sessionId), 'the tab to close');
    const toast = h.page.getByTestId('toast');
    await expect(toast.textContent()).resolves.toContain('Closed Quiet box');

    // Ctrl+Shift+T: the server gets a tab again, connected.
    await h.page.keyboard.press('Control+Shift+T');
    const reopened = await h.waitForTab(
      (t) => t.profileId === ids.get('Quiet box') && t.status === 'connected',
      'Quiet box reopened',
    );
    expect(await h.activeSessionId()).toBe(reopened.sessionId);

    // The toast's Reopen does the same.
    await h.runCommand('status');
    await h.waitForTerminal(reopened.sessionId, (text) => text.includes('hostname:'), 'the status answer');
    await h.page.keyboard.press('Control+w');
    await toast.getByTestId('toast-action').click();
    const again = await h.waitForTab(
      (t) => t.profileId === ids.get('Quiet box') && t.sessionId !== reopened.sessionId,
      'Quiet box reopened from the toast',
    );
    await waitConnected(again.sessionId);

    // The tab menu has it too, disabled once nothing is left to reopen.
    await h.page.getByTestId('tab-list').click();
    await expect(h.page.getByTestId('reopen-closed-tab').isDisabled()).resolves.toBe(true);
    await h.page.keyboard.press('Escape');
    await h.page.keyboard.press('Control+w');
    await poll(async () => !(await h.tabs()).some((t) => t.sessionId === again.sessionId), 'the tab to close');
    await h.page.getByTestId('tab-list').click();
    await h.page.getByTestId('reopen-closed-tab').click();
    await h.waitForTab(
      (t) => t.profileId === ids.get('Quiet box') && t.status === 'connected',
      'reopened from the menu',
    );
  });
});

describe('Tab completion', () => {
  it('moves the focus on when there is nothing to complete, completes names after a cvarlist', async () => {
    const cs2 = (await h.tabs()).find((t) => t.profileId === ids.get('CS2 #1'))!;
    await h.page.locator(`[data-testid=tab][data-session-id="${cs2.sessionId}"]`).click();
    const input = h.page.locator(`${visibleConsole} [data-testid=command-input]`);

    // Nothing reported yet: Tab leaves the command line, as everywhere.
    await input.fill('sv_ch');
    await input.press('Tab');
    await poll(async () => (await focusedTestId()) !== 'command-input', 'Tab to move the focus on');
    expect(await input.inputValue()).toBe('sv_ch');

    await h.runCommand('cvarlist');
    await h.waitForTerminal(cs2.sessionId, (text) => /total convars/.test(text), 'the cvarlist answer');

    // A unique prefix is completed, with a space for the value.
    await input.fill('sv_ch');
    await input.press('Tab');
    await expect(input.inputValue()).resolves.toBe('sv_cheats ');
    expect(await focusedTestId()).toBe('command-input');

    // Several: the list shows, and each Tab puts the next one in the line.
    await input.fill('sv_');
    await input.press('Tab');
    const list = h.page.locator(`${visibleConsole} [data-testid=completion-list]`);
    await list.waitFor();
    const first = await input.inputValue();
    await input.press('Tab');
    const second = await input.inputValue();
    expect(first.startsWith('sv_') && second.startsWith('sv_')).toBe(true);
    expect(second).not.toBe(first);
    await expect(list.locator('.completion.current').textContent()).resolves.toBe(second);

    // An empty line: Tab moves on.
    await input.fill('');
    await input.press('Tab');
    await poll(async () => (await focusedTestId()) !== 'command-input', 'Tab on an empty line to move on');
  });
});

describe('tabs after a restart', () => {
  it('come back in order with the active one, and only the connected ones reconnect', async () => {
    // A third tab that is not connected: its saved password is refused.
    const lockedSession = await openTab('Locked box');
    await h.waitForTab((t) => t.sessionId === lockedSession && t.status === 'error', 'the refused login');
    const cs2 = (await h.tabs()).find((t) => t.profileId === ids.get('CS2 #1'))!;
    await h.page.locator(`[data-testid=tab][data-session-id="${cs2.sessionId}"]`).click();
    const before = (await h.tabs()).map((t) => t.profileId);
    expect(before).toEqual([ids.get('CS2 #1'), ids.get('Quiet box'), ids.get('Locked box')]);

    // The app quits: the main process closes every session while the window still listens, then it starts again.
    await h.sessions.closeAll();
    await h.pushesDelivered();
    await h.waitForTab((t) => t.reason === APP_QUIT_REASON, 'the quit to reach the window');
    await h.reload();

    const restored = await poll(async () => {
      const tabs = await h.tabs();
      return tabs.length === 3 && tabs.filter((t) => t.status === 'connected').length === 2 ? tabs : undefined;
    }, 'three tabs back, two of them connected');
    expect(restored.map((t) => t.profileId)).toEqual(before);
    expect(restored.map((t) => t.status)).toEqual(['connected', 'connected', 'disconnected']);
    expect(await h.activeSessionId()).toBe(restored[0]!.sessionId);
    expect(
      h.sessions
        .list()
        .map((s) => s.profileId)
        .sort(),
    ).toEqual([ids.get('CS2 #1'), ids.get('Quiet box')].sort());

    // The one that was not connected waits for Connect.
    await h.page.locator(`[data-testid=tab][data-session-id="${restored[2]!.sessionId}"]`).click();
    const connect = h.page.locator(`${visibleConsole} [data-testid=reconnect]`);
    await expect(connect.textContent()).resolves.toContain('Connect');
    expect(lockedServer.authAttempts).toBe(1);
  });
});

describe('the shortcuts dialog', () => {
  it('opens with F1 and lists every shortcut, Ctrl+Shift+T and the Tab rule among them', async () => {
    await h.page.locator(`${visibleConsole} [data-testid=command-input]`).focus();
    await h.page.keyboard.press('F1');
    const dialog = h.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    await expect(dialog.getByTestId('shortcut').count()).resolves.toBe(SHORTCUTS.length);
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('Reopen the last closed tab');
    expect(text).toMatch(/Complete a command or variable name/);
    expect(text).toMatch(/nothing to complete, Tab moves to the next control/);
    await h.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});

describe('the editor', () => {
  it('shows placeholders as dim examples, not as values', async () => {
    await h.page.getByTitle('Add a server').click();
    const host = h.page.getByRole('dialog').locator('input[name=host]');
    await expect(host.getAttribute('placeholder')).resolves.toMatch(/^e\.g\. /);
    const style = await host.evaluate((element) => {
      const placeholder = getComputedStyle(element, '::placeholder');
      const value = getComputedStyle(element);
      return { placeholder: placeholder.color, fontStyle: placeholder.fontStyle, value: value.color };
    });
    expect(style.fontStyle).toBe('italic');
    expect(style.placeholder).not.toBe(style.value);
    await h.page.keyboard.press('Escape');
  });
});
