import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, developmentContentSecurityPolicy } from '../../src/shared/csp';
import { LaunchedApp, PRELOAD_BUNDLE, RENDERER_PAGE, ensureAppBuilt, type LaunchOptions } from './built-app';
import { FakeEvent, type FakeBrowserWindow } from './fake-electron';

/**
 * The built main bundle (out/main/index.js) run under Node with a FAKE `electron` module
 * (tests/electron-glue/fake-electron.ts): the window it opens, the page it loads, and how it
 * locks the window and the session down. The real app is tested in tests/electron/ wherever an
 * Electron binary is installed.
 */

beforeAll(() => ensureAppBuilt(), 180_000);

let app: LaunchedApp | undefined;
afterEach(async () => {
  const launched = app;
  app = undefined;
  if (!launched) return;
  await launched.close();
  // Anything the glue read that the fake does not model fails the test that caused it.
  expect(launched.fake.gaps).toEqual([]);
});

async function launch(options: LaunchOptions = {}): Promise<{ app: LaunchedApp; window: FakeBrowserWindow }> {
  app = new LaunchedApp(options);
  const window = await app.ready();
  return { app, window };
}

const APP_PAGE = pathToFileURL(RENDERER_PAGE).href;

/** What the strict policy's header looks like after the session's header hook ran. */
function headersAfterHook(app: LaunchedApp, responseHeaders: Record<string, string[]>): Record<string, string[]> {
  const listener = app.fake.session.headersListener;
  if (!listener) throw new Error('The glue added no onHeadersReceived listener.');
  let result: Record<string, string[]> | undefined;
  listener({ responseHeaders }, (response) => (result = response.responseHeaders));
  if (!result) throw new Error('The header hook did not answer.');
  return result;
}

describe('the window', () => {
  it('enables the sandbox before ready, then opens exactly one hardened window', async () => {
    app = new LaunchedApp();
    expect(app.fake.calls).toEqual(['requestSingleInstanceLock', 'enableSandbox', 'whenReady']);
    expect(app.fake.windows).toHaveLength(0);

    const window = await app.ready();
    expect(app.fake.windows).toHaveLength(1);
    expect(app.fake.windows[0]).toBe(window);
    expect(window.options['webPreferences']).toEqual({
      preload: PRELOAD_BUNDLE,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      // Not packaged here, so the developer tools stay available; packaged, they are off (below).
      devTools: true,
      safeDialogs: true,
    });

    // macOS re-activation with the window still open opens no second one.
    app.fake.app.emit('activate');
    expect(app.fake.windows).toHaveLength(1);
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
    expect(app.fake.exitCode).toBeUndefined();
  });

  it('loads the built page, and points at the built preload; both are on disk', async () => {
    const { window } = await launch();
    const preload = (window.options['webPreferences'] as { preload: string }).preload;
    expect(resolve(preload)).toBe(PRELOAD_BUNDLE);
    expect(existsSync(preload)).toBe(true);
    expect(window.loads).toEqual([{ kind: 'file', target: RENDERER_PAGE }]);
    expect(existsSync(window.loads[0]!.target)).toBe(true);
    expect(window.contents.frame.url).toBe(APP_PAGE);
  });

  it('while developing, loads a loopback dev server, with the relaxed policy', async () => {
    const { app: launched, window } = await launch({ devServerUrl: 'http://localhost:5173/' });
    expect(window.loads).toEqual([{ kind: 'url', target: 'http://localhost:5173' }]);
    expect(headersAfterHook(launched, {})['Content-Security-Policy']).toEqual([
      developmentContentSecurityPolicy('http://localhost:5173'),
    ]);
  });

  it('never loads a dev server that is not on loopback', async () => {
    const { window } = await launch({ devServerUrl: 'http://rcon-desk.example:5173/' });
    expect(window.loads).toEqual([{ kind: 'file', target: RENDERER_PAGE }]);
  });

  it('packaged, ignores the dev-server variable: the built page, the strict policy, no developer tools', async () => {
    const { app: launched, window } = await launch({ isPackaged: true, devServerUrl: 'http://localhost:5173/' });
    expect(window.loads).toEqual([{ kind: 'file', target: RENDERER_PAGE }]);
    expect(headersAfterHook(launched, {})['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(JSON.stringify(launched.fake.menuTemplate)).not.toMatch(/toggleDevTools|"reload"/);
    expect(window.options['webPreferences']).toMatchObject({ devTools: false, safeDialogs: true });
  });
});

describe('navigation and permissions', () => {
  it('denies every new window', async () => {
    const { window } = await launch();
    const handler = window.contents.windowOpenHandler;
    expect(handler).toBeTypeOf('function');
    for (const url of ['https://rcon-desk.example/', APP_PAGE, 'about:blank']) {
      expect(handler!({ url })).toEqual({ action: 'deny' });
    }
  });

  it('prevents navigation off the app page, and lets the app page be', async () => {
    const { window } = await launch();
    for (const kind of ['will-navigate', 'will-redirect', 'will-frame-navigate'] as const) {
      expect(window.contents.navigationPrevented(kind, 'https://rcon-desk.example/'), kind).toBe(true);
      expect(window.contents.navigationPrevented(kind, pathToFileURL('/etc/passwd').href), kind).toBe(true);
      expect(window.contents.navigationPrevented(kind, `${APP_PAGE}#/profiles`), kind).toBe(false);
    }
    const webview = new FakeEvent();
    window.contents.emit('will-attach-webview', webview);
    expect(webview.defaultPrevented).toBe(true);
  });

  it('hardens every other WebContents the app creates, too', async () => {
    const { app: launched } = await launch();
    const other = launched.fake.foreignContents();
    launched.fake.app.emit('web-contents-created', new FakeEvent(), other.glue);
    expect(other.windowOpenHandler!({ url: 'https://rcon-desk.example/' })).toEqual({ action: 'deny' });
    expect(other.navigationPrevented('will-navigate', 'https://rcon-desk.example/')).toBe(true);
  });

  it('denies every permission but writing to the clipboard', async () => {
    const { app: launched, window } = await launch();
    const { permissionRequestHandler: request, permissionCheckHandler: check } = launched.fake.session;
    const asked = (permission: string): boolean => {
      let granted: boolean | undefined;
      request!(window.webContents, permission, (answer) => (granted = answer));
      if (granted === undefined) throw new Error(`The permission handler never answered for ${permission}.`);
      return granted;
    };
    const denied = ['media', 'geolocation', 'notifications', 'clipboard-read', 'midiSysex', 'openExternal', 'hid'];
    for (const permission of denied) {
      expect(asked(permission), permission).toBe(false);
      expect(check!(window.webContents, permission), permission).toBe(false);
    }
    expect(asked('clipboard-sanitized-write')).toBe(true);
    expect(check!(window.webContents, 'clipboard-sanitized-write')).toBe(true);
  });

  it('adds the Content-Security-Policy header to every response, keeping the others', async () => {
    const { app: launched } = await launch();
    expect(headersAfterHook(launched, { 'X-Served-By': ['test'] })).toEqual({
      'X-Served-By': ['test'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });
});
