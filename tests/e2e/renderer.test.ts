/**
 * The console's renderer (src/renderer/src/terminal/renderer-choice.ts), in Chromium. This Chromium
 * runs with --disable-gpu, so its WebGL is SwiftShader (software): by default the console keeps
 * xterm's DOM renderer there. Pinned to WebGL (as the app picks on a GPU) it draws on a canvas with
 * output still reaching the buffer, and when the WebGL context is lost for good it falls back to
 * the canvas renderer and keeps showing output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSoftwareGl } from '../../src/renderer/src/lib/renderer-order';
import { DEFAULT_TIMEOUT_MS, Harness, poll } from './harness';

const PASSWORD = 'renderer-test-pw';

/** A harness with the app open on one connected console; `renderer` pins it (RCON_DESK_RENDERER). */
async function openConsole(renderer?: string): Promise<{ h: Harness; sessionId: string }> {
  const h = await Harness.start();
  const server = await h.startServer({ password: PASSWORD, broadcastIntervalMs: 0 });
  await h.addProfile({ name: 'Renderer Box', port: server.port }, PASSWORD);
  if (renderer) process.env['RCON_DESK_RENDERER'] = renderer;
  try {
    await h.openApp();
  } finally {
    delete process.env['RCON_DESK_RENDERER'];
  }
  await h.page.locator('[data-testid=profile-row]', { hasText: 'Renderer Box' }).locator('.profile-name').dblclick();
  const { sessionId } = await h.waitForTab((t) => t.status === 'connected', 'the tab to connect');
  await h.page
    .locator(`[data-testid=tab][data-session-id="${sessionId}"][data-status=connected]`)
    .waitFor({ timeout: DEFAULT_TIMEOUT_MS });
  return { h, sessionId };
}

function surface(h: Harness, sessionId: string): ReturnType<Harness['page']['locator']> {
  return h.page.locator(`.terminal-surface[data-session-id="${sessionId}"]`);
}

/** The name of the rasterizer a WebGL2 context of this page runs on, or null without WebGL2. */
function webglRendererName(h: Harness): Promise<string | null> {
  return h.page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    return gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : null;
  });
}

describe('the console renderer by default', () => {
  let h: Harness;
  let sessionId: string;
  beforeAll(async () => {
    ({ h, sessionId } = await openConsole());
  }, 240_000);
  afterAll(async () => {
    await h?.close();
  }, 60_000);

  it('keeps the DOM renderer where WebGL runs in software, and output renders', async () => {
    const name = await webglRendererName(h);
    expect(name).not.toBeNull();
    expect(isSoftwareGl(name!)).toBe(true);
    await h.runCommand('echo drawn in dom rows');
    await h.waitForTerminal(sessionId, (t) => /^drawn in dom rows$/m.test(t), 'the answer');
    expect(await h.terminalRenderer(sessionId)).toBe('dom');
    await expect(surface(h, sessionId).getAttribute('data-renderer')).resolves.toBe('dom');
    await expect(surface(h, sessionId).locator('.xterm-rows').innerText()).resolves.toContain('drawn in dom rows');
    expect(h.pageErrors).toEqual([]);
  });
});

describe('the console renderer pinned to WebGL', () => {
  let h: Harness;
  let sessionId: string;
  beforeAll(async () => {
    ({ h, sessionId } = await openConsole('webgl'));
  }, 240_000);
  afterAll(async () => {
    await h?.close();
  }, 60_000);

  it('draws with WebGL on a canvas, and output reaches the terminal', async () => {
    await h.runCommand('echo drawn by webgl');
    await h.waitForTerminal(sessionId, (t) => /^drawn by webgl$/m.test(t), 'the answer');
    expect(await h.terminalRenderer(sessionId)).toBe('webgl');
    await expect(surface(h, sessionId).getAttribute('data-renderer')).resolves.toBe('webgl');
    // Rows are drawn on the canvas, not laid out as DOM rows.
    expect(await surface(h, sessionId).locator('.xterm-screen canvas').count()).toBeGreaterThan(0);
    expect(await surface(h, sessionId).locator('.xterm-rows').count()).toBe(0);
    expect(h.pageErrors).toEqual([]);
  });

  it('falls back to the canvas renderer when the WebGL context is lost, and keeps showing output', async () => {
    const lost = await surface(h, sessionId).evaluate((element) => {
      for (const canvas of Array.from(element.querySelectorAll('canvas'))) {
        // The WebGL renderer's canvas answers getContext('webgl2') with its own context.
        const lose = canvas.getContext('webgl2')?.getExtension('WEBGL_lose_context');
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
    await expect(surface(h, sessionId).getAttribute('data-renderer')).resolves.toBe('canvas');
    await h.runCommand('echo drawn after the loss');
    await h.waitForTerminal(sessionId, (t) => /^drawn after the loss$/m.test(t), 'the answer after the loss');
    const text = await h.terminalText(sessionId);
    expect(text.indexOf('drawn by webgl')).toBeLessThan(text.indexOf('drawn after the loss'));
    expect(h.pageErrors).toEqual([]);
  });
}, 180_000);
