/**
 * The console workspace in daily use (issue 11): pasting several lines, many tabs, narrow windows,
 * the keyboard, rejected passwords, dialogs, copying, stale tabs, huge and late answers.
 * The built renderer in Chromium over the real bridge, the real services and reference servers.
 * The tests share one window and run in order, like a user's afternoon.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deterministicBytes } from '../../src/reference-server/commands';
import type { ReferenceServer } from '../../src/reference-server/server';
import { DEFAULT_TIMEOUT_MS, Harness, poll, VIEWPORT } from './harness';

let h: Harness;
let cs2Server: ReferenceServer;
let lockedServer: ReferenceServer;

const COMMUNITY_SERVERS = 9;
/** A server whose password changed: the saved one is refused. */
const LOCKED = 'Staging box with a rather long name';
const communityName = (n: number): string => `CS2 community ${String(n).padStart(2, '0')}`;
const visibleConsole = '[data-testid=console]:not([hidden])';

beforeAll(async () => {
  // Commands time out after 5 s here, so a late answer can be waited for.
  h = await Harness.start({ clientOptions: { commandTimeoutMs: 5_000 } });
  cs2Server = await h.startServer({ password: 'cs2-pw', personality: 'srcds' });
  await h.addProfile({ name: 'CS2 server', port: cs2Server.port, color: '#3b82f6' }, 'cs2-pw');
  lockedServer = await h.startServer({ password: 'new-pw', personality: 'srcds' });
  await h.addProfile({ name: LOCKED, port: lockedServer.port, color: '#a855f7' }, 'old-pw');
  for (let n = 1; n <= COMMUNITY_SERVERS; n += 1) {
    await h.addProfile({ name: communityName(n), port: cs2Server.port, color: '#22c55e' }, 'cs2-pw');
  }
  profileIds = new Map((await h.profiles.list()).map((p) => [p.name, p.id]));
  await h.openApp();
  await h.grantClipboard();
}, 240_000);

afterAll(async () => {
  await h?.close();
}, 60_000);

const row = (name: string) => h.profileRow(name);

const openTab = (name: string): Promise<string> => h.openTabFromList(name);

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

/** Where an element is drawn, or undefined when it is not drawn. */
async function box(selector: string) {
  return (await h.page.locator(selector).first().boundingBox()) ?? undefined;
}

/** Whether the active tab lies wholly inside the visible part of the tab strip. */
async function activeTabInView(): Promise<boolean> {
  const strip = await box('[role=tablist]');
  const tab = await box('[data-testid=tab][aria-selected=true]');
  if (!strip || !tab) return false;
  return tab.x >= strip.x - 0.5 && tab.x + tab.width <= strip.x + strip.width + 0.5;
}

interface HeaderItem {
  what: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * The parts of the visible console header as drawn: each box cut to what its clipping ancestors
 * let through (a clipped part is not drawn over anything), empty ones left out.
 */
async function headerLayout(): Promise<{ header: HeaderItem; items: HeaderItem[] }> {
  return (await h.page.evaluate(`(() => {
    const header = document.querySelector('${visibleConsole} .console-header');
    const rectOf = (el) => { const r = el.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }; };
    const parts = header.querySelectorAll('button, .status-badge, .status-reason, .console-name, .console-endpoint, .dialect-tag, .color-dot');
    const items = [];
    for (const el of parts) {
      if (el.parentElement.closest('button, .status-badge')) continue; // drawn as part of its parent
      const box = rectOf(el);
      for (let up = el.parentElement; up && up !== header.parentElement; up = up.parentElement) {
        const style = getComputedStyle(up);
        if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {
          const clip = rectOf(up);
          box.left = Math.max(box.left, clip.left); box.right = Math.min(box.right, clip.right);
          box.top = Math.max(box.top, clip.top); box.bottom = Math.min(box.bottom, clip.bottom);
        }
      }
      if (box.right - box.left < 1 || box.bottom - box.top < 1 || getComputedStyle(el).visibility === 'hidden') continue;
      items.push({ what: (el.getAttribute('aria-label') || el.className || el.tagName) + ': ' + (el.textContent || '').slice(0, 30), ...box });
    }
    return { header: { what: 'header', ...rectOf(header) }, items };
  })()`)) as { header: HeaderItem; items: HeaderItem[] };
}

function overlaps(a: HeaderItem, b: HeaderItem): boolean {
  const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return x > 0.5 && y > 0.5;
}

/** The id of the profile with this name, from what the services hold. */
let profileIds = new Map<string, string>();
function tabsProfile(name: string): string | undefined {
  return profileIds.get(name);
}

/** What has the keyboard focus: its test id, aria-label or class. */
function focused(): Promise<string> {
  return h.page.evaluate(`(() => {
    const el = document.activeElement;
    return el ? el.dataset.testid || el.getAttribute('aria-label') || el.className : '';
  })()`) as Promise<string>;
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

  it('keeps the active tab in view with ten tabs, lists them all, and keeps the part of labels that differs', async () => {
    for (let n = 1; n <= COMMUNITY_SERVERS; n += 1) await openTab(communityName(n));
    const tabs = await h.tabs();
    expect(tabs).toHaveLength(10);
    // The newest tab is active, and in view although ten tabs do not fit at 1280 px.
    const strip = h.page.locator('[role=tablist]');
    expect(await strip.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await poll(activeTabInView, 'the new tab in view');

    // Ctrl+Tab wraps to the first tab and walks through all of them: each one in view.
    for (let step = 0; step < tabs.length; step += 1) {
      const before = await h.activeSessionId();
      await h.page.keyboard.press('Control+Tab');
      await poll(async () => (await h.activeSessionId()) !== before, 'the next tab active');
      await poll(activeTabInView, `tab ${step + 1} in view after Ctrl+Tab`);
    }

    // The tab list menu reaches every tab, however far it is scrolled.
    await h.page.getByTestId('tab-list').click();
    const items = h.page.getByTestId('tab-list-item');
    await expect(items.allTextContents()).resolves.toEqual([
      'CS2 server',
      ...Array.from({ length: COMMUNITY_SERVERS }, (_, i) => communityName(i + 1)),
    ]);
    await items.nth(5).click();
    await poll(async () => (await h.activeSessionId()) === tabs[5]!.sessionId, 'the tab chosen in the menu active');
    await poll(activeTabInView, 'the chosen tab in view');

    // Narrow tabs clip the shared start ("CS2 commu…") and keep the number; the full name is on hover.
    const tails = h.page.locator('[data-testid=tab] [data-testid=tab-label-tail]');
    await expect(tails.allTextContents()).resolves.toEqual([
      'server',
      ...Array.from({ length: COMMUNITY_SERVERS }, (_, i) => String(i + 1).padStart(2, '0')),
    ]);
    const clipped = await tails.evaluateAll((spans) => spans.filter((span) => span.scrollWidth > span.clientWidth));
    expect(clipped).toHaveLength(0);
    await expect(h.page.locator('[data-testid=tab]').nth(3).getAttribute('title')).resolves.toMatch(
      /^CS2 community 03 — Connected/,
    );
    await h.screenshot('ten-tabs.png');
  });

  it('lays the console header out without overlaps from 720 px up, with the failure reason in sight', async () => {
    const locked = await openTab(LOCKED);
    await h.waitForTab((t) => t.sessionId === locked && t.status === 'error', 'the refused login');
    try {
      for (const width of [720, 800, 1000, 1280]) {
        await h.page.setViewportSize({ width, height: 800 });
        await poll(
          async () => (await h.page.evaluate('document.documentElement.clientWidth')) === width,
          `the window at ${width} px`,
        );
        const { header, items } = await headerLayout();
        const names = items.map((item) => item.what).join(' | ');
        for (const item of items) {
          expect(item.left, `${item.what} inside the header at ${width} px`).toBeGreaterThanOrEqual(header.left - 0.5);
          expect(item.right, `${item.what} inside the header at ${width} px`).toBeLessThanOrEqual(header.right + 0.5);
        }
        for (const [i, a] of items.entries()) {
          for (const b of items.slice(i + 1)) {
            expect(overlaps(a, b), `${a.what} overlaps ${b.what} at ${width} px (${names})`).toBe(false);
          }
        }
        const reason = items.find((item) => item.what.includes('status-reason'));
        expect(reason, `the failure reason drawn at ${width} px (${names})`).toBeDefined();
        expect(reason!.right - reason!.left).toBeGreaterThan(150);
        const reconnect = items.find((item) => item.what.includes('Reconnect'));
        expect(reconnect, `the Reconnect button drawn at ${width} px`).toBeDefined();
        await poll(activeTabInView, `the active tab in view at ${width} px`);
        if (width === 800) {
          await h.page.evaluate('document.activeElement?.blur()'); // no focus ring in the picture
          await h.screenshot('console-800.png', { width: 800, height: 500 });
        }
        // The tools are there, as buttons or in the overflow menu.
        const clear = h.page.locator(`${visibleConsole} .console-header button[aria-label=Clear]`);
        if (!(await clear.isVisible())) {
          await h.page.locator(`${visibleConsole} [data-testid=console-more]`).click();
          await h.page.getByRole('menuitem', { name: 'Clear' }).waitFor();
          await h.page.keyboard.press('Escape');
        }
      }
    } finally {
      await h.page.setViewportSize(VIEWPORT);
    }
  });

  it('lets Tab, Shift+Tab and Esc leave the output area', async () => {
    const tab = (await h.tabs()).find((t) => t.sessionId === cs2Session)!;
    await h.page.locator(`[data-testid=tab][data-session-id="${tab.sessionId}"]`).click();
    const textarea = h.page.locator(`${visibleConsole} .xterm-helper-textarea`);

    await textarea.focus();
    await h.page.keyboard.press('Tab');
    await poll(async () => (await focused()) === 'command-input', 'Tab from the output to the command line');

    await textarea.focus();
    await h.page.keyboard.press('Shift+Tab');
    await poll(async () => {
      const now = await focused();
      return now !== '' && !now.includes('xterm') ? now : undefined;
    }, 'Shift+Tab out of the output');
    expect(await h.page.evaluate(`document.activeElement.closest('.console-header') !== null`)).toBe(true);

    await textarea.focus();
    await h.page.keyboard.press('Escape');
    await poll(async () => (await focused()) === 'command-input', 'Esc from the output to the command line');
  });

  it('never re-sends a refused password, warns about bans, and pauses the other tabs of that server', async () => {
    expect(lockedServer.authAttempts).toBe(1); // the refused login of the header test
    // Connect again from the list: the refused saved password is not sent; a password is asked for.
    await row(LOCKED).click();
    await row(LOCKED)
      .getByRole('button', { name: `Connect to ${LOCKED}` })
      .click();
    const dialog = h.page.getByRole('dialog');
    await expect(dialog.getByTestId('ban-warning').textContent()).resolves.toMatch(/can get your address banned/);
    await expect(dialog.getByTestId('password-reason').textContent()).resolves.toMatch(/refused the password/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(lockedServer.authAttempts).toBe(1);

    // Reconnect… on the failed tab asks, warns, and sends only what the user types.
    const lockedTab = (await h.tabs()).find((t) => t.status === 'error')!;
    await h.page.locator(`[data-testid=tab][data-session-id="${lockedTab.sessionId}"]`).click();
    await h.page.locator(`${visibleConsole} [data-testid=reconnect]`).click();
    await expect(dialog.getByTestId('ban-warning').isVisible()).resolves.toBe(true);
    await dialog.getByLabel('Password').fill('new-pw');
    await h.page.getByTestId('password-submit').click();
    await waitConnected(lockedTab.sessionId);
    expect(lockedServer.authFailures).toBe(1);

    // A second tab of the server uses the typed password without asking.
    const second = await openTab(LOCKED);
    await waitConnected(second);
    expect(lockedServer.authFailures).toBe(1);

    // The password changes on the server: one tab spends a failed login, the other pauses.
    lockedServer.setPassword('newer-pw');
    for (const id of [lockedTab.sessionId, second]) {
      await h.waitForTab((t) => t.sessionId === id && t.status === 'error', 'both tabs stopped');
    }
    const reasons = (await h.tabs()).filter((t) => [lockedTab.sessionId, second].includes(t.sessionId));
    expect(reasons.map((t) => t.reason).sort()).toEqual([
      expect.stringMatching(/^Paused: the server refused the password/),
      expect.stringMatching(/^Wrong password/),
    ]);
    expect(lockedServer.authFailures).toBe(2);
    await expect(h.page.locator(`${visibleConsole} [data-testid=reconnect]`).textContent()).resolves.toContain(
      'Reconnect…',
    );
  }, 30_000);

  it('keeps the focus inside a dialog with Tab and Shift+Tab', async () => {
    await h.page.getByTestId('add-profile').click();
    const dialog = h.page.getByRole('dialog');
    await dialog.waitFor();
    const inDialog = () => h.page.evaluate(`document.activeElement?.closest('[role=dialog]') !== null`);
    await h.page.getByTestId('save-profile').focus();
    const seen = new Set<string>();
    for (let step = 0; step < 40; step += 1) {
      await h.page.keyboard.press('Tab');
      expect(await inDialog(), `the focus in the dialog after ${step + 1} Tab`).toBe(true);
      seen.add(await focused());
    }
    expect(seen.size).toBeGreaterThan(5); // it went round the dialog, not stuck on one control
    await h.page.getByTestId('save-profile').focus();
    for (let step = 0; step < 40; step += 1) {
      await h.page.keyboard.press('Shift+Tab');
      expect(await inDialog(), `the focus in the dialog after ${step + 1} Shift+Tab`).toBe(true);
    }
    await h.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('copies a terminal selection with Ctrl+C, and does nothing harmful without one', async () => {
    await h.page.locator(`[data-testid=tab][data-session-id="${cs2Session}"]`).click();
    await poll(async () => (await h.activeSessionId()) === cs2Session, 'the CS2 tab active');
    await h.page.evaluate(`navigator.clipboard.writeText('before')`);
    const line = h.page.locator(`${visibleConsole} .xterm-rows > div`, { hasText: /^Console: line one\s*$/ });
    const where = (await line.boundingBox())!;
    await h.page.mouse.move(where.x + 1, where.y + where.height / 2);
    await h.page.mouse.down();
    await h.page.mouse.move(where.x + where.width - 2, where.y + where.height / 2, { steps: 5 });
    await h.page.mouse.up();
    await h.page.keyboard.press('Control+c');
    await poll(async () => (await h.clipboardText()) === 'Console: line one', 'the selection on the clipboard');

    // No selection: Ctrl+C in the output copies nothing and sends nothing (no ^C, no command).
    await h.page.evaluate(`navigator.clipboard.writeText('untouched')`);
    const commandsBefore = cs2Server.receivedCommands.length;
    await h.page.mouse.click(where.x + where.width / 2, where.y + where.height * 3); // a click clears the selection
    await poll(async () => (await focused()) === 'command-input', 'the click back in the command line');
    await h.page.locator(`${visibleConsole} .xterm-helper-textarea`).focus();
    await h.page.keyboard.press('Control+c');
    await h.runCommand('echo still fine');
    await h.waitForTerminal(cs2Session, (t) => /^still fine$/m.test(t), 'a command after Ctrl+C');
    expect(cs2Server.receivedCommands.slice(commandsBefore)).toEqual(['echo still fine']);
    await expect(h.clipboardText()).resolves.toBe('untouched');
    expect(h.pageErrors).toEqual([]);
  });

  it('renames the tabs of a renamed server, and disables those of a deleted one', async () => {
    const profiles = await h.profiles.list();
    const renamed = profiles.find((p) => p.name === communityName(9))!;
    const deleted = profiles.find((p) => p.name === communityName(8))!;
    const tabOf = (profileId: string) => h.tabs().then((tabs) => tabs.find((t) => t.profileId === profileId)!);
    const renamedTab = h.page.locator(`[data-testid=tab][data-session-id="${(await tabOf(renamed.id)).sessionId}"]`);

    await row(communityName(9)).click();
    await h.page.getByRole('button', { name: `Edit ${communityName(9)}` }).click();
    const dialog = h.page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Retake EU');
    await h.page.getByTestId('save-profile').click();
    await dialog.waitFor({ state: 'detached' });
    await poll(async () => (await renamedTab.getAttribute('title'))?.startsWith('Retake EU —'), 'the tab renamed');
    await expect(renamedTab.locator('.tab-title').textContent()).resolves.toBe('Retake EU');

    const deletedSession = (await tabOf(deleted.id)).sessionId;
    await row(communityName(8)).click();
    await h.page.getByRole('button', { name: `Delete ${communityName(8)}` }).click();
    await h.page.getByTestId('confirm-delete').click();
    await dialog.waitFor({ state: 'detached' });
    // The tab stays with its output, disconnected, saying why, with no Reconnect that cannot work.
    const tab = await h.waitForTab(
      (t) => t.sessionId === deletedSession && t.status === 'disconnected',
      'the deleted server’s tab disconnected',
    );
    expect(tab.reason).toBe('The server was deleted from the list.');
    expect(h.sessions.list().some((s) => s.sessionId === deletedSession)).toBe(false);
    await h.page.locator(`[data-testid=tab][data-session-id="${deletedSession}"]`).click();
    await expect(h.page.locator(`${visibleConsole} [data-testid=reconnect]`).count()).resolves.toBe(0);
    await expect(
      h.page.locator(`${visibleConsole} [data-testid=command-input]`).getAttribute('placeholder'),
    ).resolves.toBe('Not connected');
    await h.runCommand('echo into the void');
    await expect(h.history.get(deleted.id)).resolves.toEqual([]);
  });

  it('marks a 5 MB answer cut at the scrollback, and saves the full answer and the console to files', async () => {
    await h.page.locator(`[data-testid=tab][data-session-id="${cs2Session}"]`).click();
    const bytes = 5_000_000;
    await h.runCommand(`bytes ${bytes}`);
    const total = Math.ceil(bytes / 64);
    const lastLabel = String(total - 1).padStart(8, '0');
    const text = await h.waitForTerminal(cs2Session, (t) => t.includes(lastLabel), 'the end of the answer', 60_000);
    const marker = /^\[first ([\d,]+) lines not shown: the answer has ([\d,]+) lines/m.exec(text);
    expect(marker, 'the marker line').not.toBeNull();
    const hidden = Number(marker![1]!.replace(/,/g, ''));
    expect(Number(marker![2]!.replace(/,/g, ''))).toBe(total);
    // The marker stands right before the first line shown.
    const firstShown = String(hidden).padStart(8, '0');
    expect(text).toMatch(new RegExp(`lines\\.? .*\\]\\n${firstShown} `));
    expect(text).not.toContain(`${String(hidden - 1).padStart(8, '0')} `);

    const bar = h.page.locator(`${visibleConsole} [data-testid=long-answer]`);
    await expect(bar.textContent()).resolves.toContain(`the first ${hidden.toLocaleString('en-US')} are not shown`);
    h.saveDialogAnswers.push('full-answer.txt');
    await bar.getByTestId('save-long-answer').click();
    await h.page.getByTestId('toast').getByText('Saved the full answer to', { exact: false }).waitFor();
    expect(h.saveDialogRequests.at(-1)).toMatch(/^CS2 server-answer-\d{8}-\d{6}\.txt$/);
    expect(readFileSync(join(h.dataDir, 'full-answer.txt'), 'utf8')).toBe(deterministicBytes(bytes));

    h.saveDialogAnswers.push('console.txt');
    await h.page.locator(`${visibleConsole} button[aria-label="Save transcript"]`).click();
    await h.page.getByTestId('toast').getByText('Saved the transcript to', { exact: false }).waitFor();
    const saved = readFileSync(join(h.dataDir, 'console.txt'), 'utf8');
    expect(saved).toContain(`> bytes ${bytes}`);
    expect(saved).toContain(lastLabel);
    expect(saved).toMatch(/\[first [\d,]+ lines not shown/);
  }, 90_000);

  it('shows an answer that arrives after its command timed out, marked as late', async () => {
    await h.page.locator(`[data-testid=tab][data-session-id="${cs2Session}"]`).click();
    await h.runCommand('sleep 7000');
    const timedOut = await h.waitForTerminal(
      cs2Session,
      (t) => /timed out after 5 s\. The command may still have run on the server/.test(t),
      'the timeout, saying the command may still have run',
    );
    expect(timedOut).not.toContain('Slept 7000 ms');
    const text = await h.waitForTerminal(cs2Session, (t) => /^Slept 7000 ms$/m.test(t), 'the late answer');
    expect(text).toMatch(/^Late answer to “sleep 7000”, which had timed out:\nSlept 7000 ms$/m);
    await expect(h.cellStyle(cs2Session, 'Late answer to', true)).resolves.toMatchObject({ fgMode: 'palette' });
    // The connection is fine afterwards.
    await h.runCommand('echo after the late one');
    await h.waitForTerminal(cs2Session, (t) => /^after the late one$/m.test(t), 'the next answer');
  }, 30_000);

  it('keeps a duplicate tab its number, hides the dialect of a dead tab, and marks empty and error answers', async () => {
    // Three tabs of one server: closing the first leaves "(2)" and "(3)" where they were.
    const name = communityName(1);
    const first = (await h.tabs()).find((t) => t.profileId === (tabsProfile(name) ?? ''))?.sessionId;
    expect(first).toBeDefined();
    const second = await openTab(name);
    const third = await openTab(name);
    const label = (id: string) => h.page.locator(`[data-testid=tab][data-session-id="${id}"] .tab-title`).textContent();
    await expect(label(second)).resolves.toBe(`${name} (2)`);
    await expect(label(third)).resolves.toBe(`${name} (3)`);
    const firstTab = h.page.locator(`[data-testid=tab][data-session-id="${first}"]`);
    await firstTab.hover();
    await firstTab.getByRole('button', { name: `Close ${name}` }).click();
    await poll(async () => !(await h.tabs()).some((t) => t.sessionId === first), 'the first tab closed');
    await expect(label(second)).resolves.toBe(`${name} (2)`);
    await expect(label(third)).resolves.toBe(`${name} (3)`);

    // The tab of the deleted server is disconnected: no dialect badge any more.
    const dead = (await h.tabs()).find((t) => t.status === 'disconnected')!;
    await h.page.locator(`[data-testid=tab][data-session-id="${dead.sessionId}"]`).click();
    await expect(h.page.locator(`${visibleConsole} .dialect-tag`).count()).resolves.toBe(0);
    await h.page.locator(`[data-testid=tab][data-session-id="${cs2Session}"]`).click();
    await expect(h.page.locator(`${visibleConsole} .dialect-tag`).textContent()).resolves.toBe('Source RCON');

    // An empty answer says so, dimly; "Unknown command" looks like an error, not like an answer.
    await h.runCommand('echo');
    await h.waitForTerminal(cs2Session, (t) => /^> echo\n\(no output\)$/m.test(t), 'the empty answer marked');
    await expect(h.cellStyle(cs2Session, '(no output)', true)).resolves.toMatchObject({ fgMode: 'palette', fg: 8 });
    await h.runCommand('nosuchcommand');
    await h.waitForTerminal(cs2Session, (t) => t.includes('Unknown command "nosuchcommand"'), 'the unknown command');
    await expect(h.cellStyle(cs2Session, 'Unknown command "nosuchcommand"', true)).resolves.toMatchObject({
      fgMode: 'palette',
      fg: 1,
    });
    await expect(h.cellStyle(cs2Session, 'after the late one', true)).resolves.toMatchObject({ fgMode: 'default' });
  });

  it('returns to the command line when Find closes with Esc, and focuses Cancel when asked to delete', async () => {
    await h.page.locator(`${visibleConsole} [data-testid=command-input]`).focus();
    await h.page.keyboard.press('Control+f');
    await h.page.getByTestId('search-input').waitFor();
    await h.page.getByTestId('search-input').press('Escape');
    await h.page.getByTestId('search-input').waitFor({ state: 'detached' });
    await poll(async () => (await focused()) === 'command-input', 'the command line focused after Find');

    await row(communityName(2)).click();
    await h.page.getByRole('button', { name: `Delete ${communityName(2)}` }).click();
    await h.page.getByRole('dialog').waitFor();
    await poll(async () => (await focused()) === 'cancel-delete', 'Cancel focused in the delete dialog');
    await h.page.keyboard.press('Enter');
    await h.page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect(h.profiles.has(tabsProfile(communityName(2))!)).resolves.toBe(true);
  });

  it('ends a server name clipped in the list with "…", with the full name on hover', async () => {
    const name = row(LOCKED).locator('.profile-name-text');
    await expect(name.getAttribute('title')).resolves.toBe(LOCKED);
    const clip = await name.evaluate((el) => ({
      clipped: el.scrollWidth > el.clientWidth,
      overflow: el.ownerDocument.defaultView!.getComputedStyle(el).textOverflow,
    }));
    expect(clip).toEqual({ clipped: true, overflow: 'ellipsis' });
  });

  it('splits "host:port" pasted into Host between Host and Port', async () => {
    await h.page.getByTestId('add-profile').click();
    const dialog = h.page.getByRole('dialog');
    await dialog.getByLabel('Host').fill('203.0.113.5:27016');
    await expect(dialog.getByLabel('Host').inputValue()).resolves.toBe('203.0.113.5');
    await expect(dialog.getByLabel('Port').inputValue()).resolves.toBe('27016');
    await dialog.getByLabel('Host').fill('[2001:db8::1]:25575');
    await expect(dialog.getByLabel('Host').inputValue()).resolves.toBe('2001:db8::1');
    await expect(dialog.getByLabel('Port').inputValue()).resolves.toBe('25575');
    await h.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('had no page errors', () => {
    expect(h.pageErrors).toEqual([]);
  });
});
