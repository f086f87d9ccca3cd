import { join } from 'node:path';
import { app, BrowserWindow, dialog, session } from 'electron';
import { createApiHandlers } from './api-handlers';
import { AppOrigin } from './app-origin';
import { DEMO_ENV_VAR, PasswordFallbackSource, ensureDemoProfile, parseDemoSpec } from './demo';
import { registerIpc } from './ipc';
import { installAppMenu } from './menu';
import { appPaths } from './paths';
import { HistoryStore } from './services/history-store';
import { ProfileStore } from './services/profile-store';
import { KeytarSecretStore, type KeytarModule } from './services/secret-store';
import { SessionManager, type SessionProfileSource } from './services/session-manager';
import { TextFileSaver } from './services/text-file-saver';
import { createMainWindow, hardenSession, hardenWebContents } from './windows';

const KEYCHAIN_SERVICE = 'RCON Desk';
/** Quitting waits at most this long for sessions to close politely. */
const QUIT_GRACE_MS = 2_000;

const rendererFile = join(__dirname, '../renderer/index.html');
const preloadPath = join(__dirname, '../preload/index.js');
const devServerUrl = app.isPackaged ? undefined : localDevServer(process.env['ELECTRON_RENDERER_URL']);
const origin = new AppOrigin({ rendererFile, devServerUrl });

let mainWindow: BrowserWindow | undefined;
let sessions: SessionManager | undefined;

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
  const paths = appPaths(app.getPath('userData'));
  const keytar = loadKeytar();
  const secrets = new KeytarSecretStore(() => {
    if (keytar instanceof Error) throw keytar;
    return keytar;
  }, KEYCHAIN_SERVICE);
  const profiles = new ProfileStore(paths.profilesFile, secrets);
  const history = new HistoryStore(paths.historyFile);
  const report = await profiles.load();
  if (!report.ok) console.warn(`RCON Desk: ${report.problem ?? 'the profiles file had a problem.'}`);

  let profileSource: SessionProfileSource = profiles;
  const demoSpec = process.env[DEMO_ENV_VAR];
  if (demoSpec) {
    try {
      const demo = parseDemoSpec(demoSpec);
      const { profileId, passwordSaved } = await ensureDemoProfile(profiles, demo);
      if (!passwordSaved) profileSource = new PasswordFallbackSource(profiles, new Map([[profileId, demo.password]]));
    } catch (error) {
      console.warn(`RCON Desk: the demo profile was not set up: ${error instanceof Error ? error.message : error}`);
    }
  }

  const sessionManager = new SessionManager(profileSource, history);
  sessions = sessionManager;
  const handlers = createApiHandlers(
    { profiles, sessions: sessionManager, history, files: new TextFileSaver(chooseSavePath) },
    { onInternalError: (method, error) => console.error(`RCON Desk: ${method} failed unexpectedly:`, error) },
  );

  hardenSession(session.defaultSession, origin);
  installAppMenu({ isMac: process.platform === 'darwin', development: !app.isPackaged });
  registerIpc({ handlers, sessions: sessionManager, origin, window: () => mainWindow });
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

function openWindow(): void {
  const window = createMainWindow({ preloadPath, rendererFile, origin });
  mainWindow = window;
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
}

let sessionsClosed = false;
app.on('before-quit', (event) => {
  if (sessionsClosed || !sessions) return;
  event.preventDefault();
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

/** keytar is native code that may fail to load; then the app runs without a keychain instead of not at all. */
function loadKeytar(): KeytarModule | Error {
  try {
    // require, not import(): the main bundle is CommonJS, and a native module unpacked beside the
    // app's asar archive is found by require's resolution.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('keytar') as KeytarModule;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    console.warn(`RCON Desk: the keychain library could not be loaded: ${detail}`);
    return new Error(detail);
  }
}

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
