/**
 * The app's console against the hostile reference server (issue 10), in Chromium over the real
 * bridge: every escape sequence of src/reference-server/hostile.ts arrives in an answer and as
 * pushed messages. None may take effect (xterm's buffer, modes and styles say so), nothing may be
 * sent back to the server, and the text must still be there to read. Then the memory bounds: 40
 * messages of 1000 KiB without a newline, and a command typed after them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deterministicBytes } from '../../src/reference-server/commands';
import { HOSTILE_SEQUENCES } from '../../src/reference-server/hostile';
import type { ReferenceServer } from '../../src/reference-server/server';
import { DEFAULT_TIMEOUT_MS, Harness } from './harness';

const PASSWORD = 'hostile-test-pw';
const LAST = HOSTILE_SEQUENCES.length - 1;

let h: Harness;
let server: ReferenceServer;
let sessionId: string;

beforeAll(async () => {
  h = await Harness.start();
  server = await h.startServer({ password: PASSWORD, personality: 'hostile', broadcastIntervalMs: 0 });
  await h.addProfile({ name: 'Hostile Box', port: server.port }, PASSWORD);
  await h.openApp();
  await h.page.locator('[data-testid=profile-row]', { hasText: 'Hostile Box' }).locator('.profile-name').dblclick();
  const tab = await h.waitForTab((t) => t.status === 'connected', 'the hostile tab to connect');
  sessionId = tab.sessionId;
  await h.page
    .locator(`[data-testid=tab][data-session-id="${sessionId}"][data-status=connected]`)
    .waitFor({ timeout: DEFAULT_TIMEOUT_MS });
}, 240_000);

afterAll(async () => {
  await h?.close();
}, 60_000);

describe('the console against a hostile server', () => {
  it('shows every sequence as harmless text and lets none take effect', async () => {
    await h.runCommand('echo first line');
    await h.waitForTerminal(sessionId, (t) => /^first line$/m.test(t), 'the first answer');
    await h.runCommand('hostile');
    await h.waitForTerminal(sessionId, (t) => t.includes(`end ${LAST}`), 'the hostile answer');
    await h.runCommand('hostile-push');
    await h.waitForTerminal(sessionId, (t) => t.includes(`pushed ${LAST} <`), 'the hostile pushes');
    // Alternate screen, had it been entered, would keep only one screen of these 300 lines.
    await h.runCommand(`bytes ${300 * 64}`);
    await h.waitForTerminal(sessionId, (t) => t.includes('00000299 '), 'the 300 lines');
    const text = await h.terminalText(sessionId);

    // Nothing was erased, reset or moved over: earlier output is intact and in order.
    const lines = text.split('\n');
    expect(lines).toContain('first line');
    expect(text.indexOf('first line')).toBeLessThan(text.indexOf('hostile 0 <'));
    for (let index = 0; index <= LAST; index += 1) {
      expect(text).toContain(`hostile ${index} <`);
      expect(text).toContain(`> end ${index}`);
      expect(text).toContain(`pushed ${index} <`);
    }
    for (let line = 0; line < 300; line += 1) expect(text).toContain(`${String(line).padStart(8, '0')} `);
    // Text that the sequences would have hidden or reordered shows, safely.
    expect(text).toContain('report<U+202E>txt.exe');
    expect(text).toContain('click');
    expect(text).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u009b\u009d]/);

    // No mode changed: normal screen, no mouse tracking, no bracketed paste.
    await expect(h.terminalModes(sessionId)).resolves.toEqual({
      buffer: 'normal',
      mouseTracking: 'none',
      bracketedPaste: false,
      insertMode: false,
      applicationCursorKeys: false,
    });
    // SGR 8 did not hide the text: what Copy would take is what the screen shows.
    await expect(h.cellStyle(sessionId, 'concealed-secret')).resolves.toMatchObject({ invisible: false });

    // Nothing went back to the server: only what was typed.
    expect(server.receivedCommands).toEqual(['echo first line', 'hostile', 'hostile-push', `bytes ${300 * 64}`]);
    expect(h.pageErrors).toEqual([]);
  }, 60_000);

  it('draws the app’s own echoes with a gutter mark that server text cannot forge', async () => {
    const guttered = await h.gutteredLines(sessionId);
    expect(guttered).toContain('> hostile');
    expect(guttered).toContain('> echo first line');
    // The forged echo is on screen as text, but not marked as the app's.
    const text = await h.terminalText(sessionId);
    expect(text).toContain('> rcon_password hunter2');
    expect(guttered.filter((line) => line.includes('rcon_password'))).toEqual([]);
    const marks = await h.page.locator('.console-gutter-mark').count();
    expect(marks).toBeGreaterThan(0);
  });

  it('bounds the console: 40 messages of 1000 KiB without a newline, then a command that shows', async () => {
    const chunk = deterministicBytes(1000 * 1024).replace(/\n/g, ' ');
    for (let i = 0; i < 40; i += 1) server.broadcast(`flood ${i} ${chunk}`);
    await h.runCommand('echo after-flood');
    await h.waitForTerminal(sessionId, (t) => /^after-flood$/m.test(t), 'the answer after the flood', 60_000);
    const text = await h.terminalText(sessionId);
    // Each message was cut with a visible marker instead of wrapping into the whole scrollback.
    expect(text).toMatch(/… \[line cut: \d+ more characters\]/);
    expect(text.length).toBeLessThan(8 * 1024 * 1024);
    // The renderer's JS heap after a collection: what the console keeps, not garbage awaiting GC.
    const cdp = await h.page.context().newCDPSession(h.page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    await cdp.detach();
    console.info(`renderer JS heap after 40 × 1000 KiB messages: ${(usedSize / (1024 * 1024)).toFixed(1)} MiB`);
    expect(usedSize).toBeLessThan(100 * 1024 * 1024);
  }, 120_000);
});
