import { join } from 'node:path';
import { app, BrowserWindow, dialog, Notification, session, type OpenDialogOptions } from 'electron';
import { createApiHandlers } from './api-handlers';
import { AppOrigin } from './app-origin';
import { createAppServices } from './app-services';
import { KEYCHAIN_SERVICE, resolveDataDir } from './data-dir';
import { DEMO_ENV_VAR, DEMO_PROTOCOL_ENV_VAR, PasswordFallbackSource, ensureDemoProfile, parseDemoSpec } from './demo';
import { SHOW_SESSION_CHANNEL, type ShowSessionRequest } from '../shared/api';
import { registerIpc } from './ipc';
import { loadKeytar } from './keytar-loader';
import { installAppMenu } from './menu';
import type { OpenFileRequest } from './services/profile-transfer';
import { KeytarSecretStore } from './services/secret-store';
import type { DropNotification } from './services/drop-notifier';
import type { SessionManager } from './services/session-manager';
import { createMainWindow, hardenSession, hardenWebContents } from './windows';
/** Quitting waits at most this long for sessions to close politely. */
const QUIT_GRACE_MS = 2_000;

const rendererFile = join(__dirname, '../renderer/index.html');
const preloadPath = join(__dirname, '../preload/index.js');
const devServerUrl = app.isPackaged ? undefined : localDevServer(process.env['ELECTRON_RENDERER_URL']);
const origin = new AppOrigin({ rendererFile, devServerUrl });

let mainWindow: BrowserWindow | undefined;
let sessions: SessionManager | undefined;
/** Stops schedules and macro runs, so nothing new is sent while quitting. */
let stopFleetWork: (() => void) | undefined;

// The CLI finds the saved servers in this same folder ($RCON_DESK_DATA, or the platform's usual one).
app.setPath('userData', resolveDataDir());

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, origin));
  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fail(error));
}

async function start(): Promise<void> {
  const keytar = loadKeytar();
  if (keytar instanceof Error) console.warn(`RCON Desk: the keychain library could not be loaded: ${keytar.message}`);
  const secrets = new KeytarSecretStore(() => {
    if (keytar instanceof Error) throw keytar;
    return keytar;
  }, KEYCHAIN_SERVICE);
  // Passwords held in memory only: the demo profile's, when there is no keychain to save it in.
  const demoPasswords = new Map<string, { password: string; boundTo: { host: string; port: number } }>();
  const services = createAppServices({
    dataDir: app.getPath('userData'),
    secrets,
    choosePath: chooseSavePath,
    chooseOpenPath,
    profileSource: (profiles) => new PasswordFallbackSource(profiles, demoPasswords),
    onBackgroundError: (what, error) => console.warn(`RCON Desk: ${what}:`, error),
    notifications: {
      show: showNotification,
      windowFocused: () => mainWindow !== undefined && !mainWindow.isDestroyed() && mainWindow.isFocused(),
    },
  });
  const { profiles } = services;
  const report = await profiles.load();
  if (!report.ok) console.warn(`RCON Desk: ${report.problem ?? 'the profiles file had a problem.'}`);

  const demoSpec = process.env[DEMO_ENV_VAR];
  if (demoSpec) {
    try {
      const demo = parseDemoSpec(demoSpec, process.env[DEMO_PROTOCOL_ENV_VAR]);
      const { profileId, passwordSaved } = await ensureDemoProfile(profiles, demo);
      if (!passwordSaved)
        demoPasswords.set(profileId, { password: demo.password, boundTo: { host: demo.host, port: demo.port } });
    } catch (error) {
      console.warn(`RCON Desk: the demo profile was not set up: ${error instanceof Error ? error.message : error}`);
    }
  }

  const sessionManager = services.sessions;
  sessions = sessionManager;
  const handlers = createApiHandlers(services, {
    onInternalError: (method, error) => console.error(`RCON Desk: ${method} failed unexpectedly:`, error),
  });
  stopFleetWork = () => {
    services.scheduler.stop();
    services.fleet.cancelAll();
  };
  await services.scheduler.reload().catch((error: unknown) => console.warn('RCON Desk: schedules not started:', error));

  hardenSession(session.defaultSession, origin);
  installAppMenu({ isMac: process.platform === 'darwin', development: !app.isPackaged });
  registerIpc({ handlers, sessions: sessionManager, fleet: services.fleet, origin, window: () => mainWindow });
  openWindow();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
}

/** Electron's save dialog, over the app window, starting in the Documents folder. */
async function chooseSavePath(suggestedName: string): Promise<string | undefined> {
  const options = { defaultPath: join(app.getPath('documents'), suggestedName) };
  const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? undefined : result.filePath;
}

/** Electron's open dialog, over the app window, for one file. */
async function chooseOpenPath(request: OpenFileRequest): Promise<string | undefined> {
  const options: OpenDialogOptions = {
    title: request.title,
    defaultPath: app.getPath('documents'),
    filters: request.filters,
    properties: ['openFile'],
  };
  const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return result.canceled ? undefined : result.filePaths[0];
}

/** A server dropped or came back in a background tab (services/drop-notifier.ts); a click brings the window up. */
function showNotification({ sessionId, title, body }: DropNotification): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({ title, body });
  // A click brings the window up with that server's console in front.
  notification.on('click', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
    const request: ShowSessionRequest = { sessionId };
    mainWindow.webContents.send(SHOW_SESSION_CHANNEL, request);
  });
  notification.show();
}

function openWindow(): void {
  const window = createMainWindow({ preloadPath, rendererFile, origin, devTools: !app.isPackaged });
  mainWindow = window;
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
}

let sessionsClosed = false;
app.on('before-quit', (event) => {
  if (sessionsClosed || !sessions) return;
  event.preventDefault();
  stopFleetWork?.();
  const grace = new Promise<void>((resolve) => setTimeout(resolve, QUIT_GRACE_MS));
  void Promise.race([sessions.closeAll(), grace])
    .catch(() => undefined)
    .finally(() => {
      sessionsClosed = true;
      app.quit();
    });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

/** The dev server electron-vite announces; only a loopback address is trusted. */
function localDevServer(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
    return loopback && (parsed.protocol === 'http:' || parsed.protocol === 'https:') ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function fail(error: unknown): void {
  console.error('RCON Desk could not start:', error);
  app.exit(1);
}
