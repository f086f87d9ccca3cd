/**
 * The console's renderer (src/renderer/src/terminal/renderer-choice.ts), in Chromium: WebGL where
 * the browser has WebGL2 (here SwiftShader, as Chromium runs with --disable-gpu), drawn on a canvas
 * rather than in DOM rows, with output still reaching the buffer; and when the WebGL context is
 * lost for good, the console falls back to the canvas renderer and keeps showing output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferenceServer } from '../../src/reference-server/server';
import { DEFAULT_TIMEOUT_MS, Harness, poll } from './harness';

const PASSWORD = 'renderer-test-pw';

let h: Harness;
let server: ReferenceServer;
let sessionId: string;

beforeAll(async () => {
  h = await Harness.start();
  server = await h.startServer({ password: PASSWORD, broadcastIntervalMs: 0 });
  await h.addProfile({ name: 'Renderer Box', port: server.port }, PASSWORD);
  await h.openApp();
  await h.page.locator('[data-testid=profile-row]', { hasText: 'Renderer Box' }).locator('.profile-name').dblclick();
  const tab = await h.waitForTab((t) => t.status === 'connected', 'the tab to connect');
  sessionId = tab.sessionId;
  await h.page
    .locator(`[data-testid=tab][data-session-id="${sessionId}"][data-status=connected]`)
    .waitFor({ timeout: DEFAULT_TIMEOUT_MS });
}, 240_000);

afterAll(async () => {
  await h?.close();
}, 60_000);

function surface(): ReturnType<Harness['page']['locator']> {
  return h.page.locator(`.terminal-surface[data-session-id="${sessionId}"]`);
}

/** Whether this Chromium gives a page a WebGL2 context at all (the first choice needs one). */
function hasWebgl2(): Promise<boolean> {
  return h.page.evaluate(() => document.createElement('canvas').getContext('webgl2') !== null);
}

describe('the console renderer', () => {
  it('draws with WebGL where the browser has WebGL2, and output reaches the terminal', async () => {
    expect(await hasWebgl2()).toBe(true);
    await h.runCommand('echo drawn by the gpu');
    await h.waitForTerminal(sessionId, (t) => /^drawn by the gpu$/m.test(t), 'the answer');
    expect(await h.terminalRenderer(sessionId)).toBe('webgl');
    await expect(surface().getAttribute('data-renderer')).resolves.toBe('webgl');
    // Rows are drawn on the canvas, not laid out as DOM rows.
    expect(await surface().locator('.xterm-screen canvas').count()).toBeGreaterThan(0);
    expect(await surface().locator('.xterm-rows').count()).toBe(0);
    expect(h.pageErrors).toEqual([]);
  });

  it('falls back to the canvas renderer when the WebGL context is lost, and keeps showing output', async () => {
    const lost = await surface().evaluate((element) => {
      for (const canvas of Array.from(element.querySelectorAll('canvas'))) {
        // The WebGL renderer's canvas answers getContext('webgl2') with its own context.
        const gl = canvas.getContext('webgl2');
        const lose = gl?.getExtension('WEBGL_lose_context');
        if (lose) {
          lose.loseContext();
          return true;
        }
      }
      return false;
    });
    expect(lost).toBe(true);
    // xterm waits a few seconds for the context to come back before it gives up on it.
    await poll(async () => (await h.terminalRenderer(sessionId)) === 'canvas', 'the fallback to canvas');
    await expect(surface().getAttribute('data-renderer')).resolves.toBe('canvas');
    await h.runCommand('echo drawn after the loss');
    await h.waitForTerminal(sessionId, (t) => /^drawn after the loss$/m.test(t), 'the answer after the loss');
    const text = await h.terminalText(sessionId);
    expect(text.indexOf('drawn by the gpu')).toBeLessThan(text.indexOf('drawn after the loss'));
    expect(h.pageErrors).toEqual([]);
  });
}, 180_000);
