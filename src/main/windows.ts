import { BrowserWindow, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY, developmentContentSecurityPolicy } from '../shared/csp';
import type { AppOrigin } from './app-origin';

export interface MainWindowOptions {
  preloadPath: string;
  rendererFile: string;
  origin: AppOrigin;
  /** DevTools only in development: in a packaged build they would hand the page's secrets to anyone at the keyboard. */
  devTools: boolean;
}

/**
 * The one app window. The page gets no Node, runs sandboxed and isolated from the preload, and
 * can neither open windows nor navigate away from the app's own page.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'RCON Desk',
    backgroundColor: '#111827',
    autoHideMenuBar: false,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // A middle-click would otherwise fire `auxclick`, which can open links; tabs close on mouseup instead.
      disableBlinkFeatures: 'Auxclick',
      devTools: options.devTools,
      // A page that opens dialog after dialog gets a checkbox to stop them.
      safeDialogs: true,
    },
  });
  hardenWebContents(window.webContents, options.origin);
  window.once('ready-to-show', () => window.show());
  const devServer = options.origin.devServer;
  if (devServer !== undefined) void window.loadURL(devServer);
  else void window.loadFile(options.rendererFile);
  return window;
}

/**
 * Applied to every WebContents the app creates (see `web-contents-created` in index.ts): no new
 * windows, no navigation off the app's page, no webviews. The app shows no links, so nothing is
 * handed to the system browser either: openExternal with a URL from the page is an attack surface.
 */
export function hardenWebContents(contents: WebContents, origin: AppOrigin): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const blockForeign = (event: { preventDefault(): void }, url: string): void => {
    if (!origin.isAppPage(url)) event.preventDefault();
  };
  contents.on('will-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);
  contents.on('will-frame-navigate', (event) => {
    if (!origin.isAppPage(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Copying console output is the one thing the page may do beyond itself. */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/**
 * Denies every permission but writing to the clipboard (camera, notifications, clipboard reading…)
 * and sends the CSP with every response that has headers. The built page is a file:// URL without
 * headers, so the renderer's index.html also carries CONTENT_SECURITY_POLICY in a meta tag.
 */
export function hardenSession(session: Session, origin: AppOrigin): void {
  session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(ALLOWED_PERMISSIONS.has(permission)),
  );
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
  const devServer = origin.devServer;
  const policy = devServer === undefined ? CONTENT_SECURITY_POLICY : developmentContentSecurityPolicy(devServer);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] },
    });
  });
}
