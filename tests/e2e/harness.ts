/**
 * End-to-end harness: the built renderer in a real Chromium, talking through the real preload
 * bridge (src/preload/bridge.ts, bundled with esbuild) to the real main-process services running
 * in this Node process: ProfileStore in a temp dir, KeytarSecretStore on the real keychain under
 * a test service name, HistoryStore, SessionManager with real TCP sessions to ReferenceServers.
 *
 * Only Electron itself is replaced: its IPC becomes a WebSocket to this process (bridge-socket.ts),
 * where ipcRenderer.invoke calls the same createApiHandlers() handlers and webContents.send is a
 * message to the page.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { buildSync } from 'esbuild';
import * as keytar from 'keytar';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { createApiHandlers, type ApiHandlers } from '../../src/main/api-handlers';
import { createAppServices } from '../../src/main/app-services';
import type { AuditLog } from '../../src/main/services/audit-log';
import type { FleetService } from '../../src/main/services/fleet-service';
import type { ForegroundSession } from '../../src/main/services/drop-notifier';
import type { HistoryStore } from '../../src/main/services/history-store';
import type { ProfileStore } from '../../src/main/services/profile-store';
import type { OpenFileRequest } from '../../src/main/services/profile-transfer';
import { decodeBoundSecret } from '../../src/main/services/bound-secret';
import { KeytarSecretStore, type KeytarModule } from '../../src/main/services/secret-store';
import type { SessionManager, ReconnectPolicy, SessionClientOptions } from '../../src/main/services/session-manager';
import { ReferenceServer } from '../../src/reference-server/server';
import { profileDraft } from '../../src/shared/profile-defaults';
import { SessionEventForwarder } from '../../src/main/session-event-forwarder';
import { BRIDGE_SOCKET_PATH, BridgeSocket } from './bridge-socket';
import type { ReferenceServerOptions } from '../../src/reference-server/options';
import {
  FLEET_EVENT_CHANNEL,
  INVOKE_CHANNELS,
  OUTPUT_RECEIVED_CHANNEL,
  SESSION_EVENT_CHANNEL,
  type InvokeMethod,
  type ProfileDraft,
  type ProfileView,
  type SessionEvent,
} from '../../src/shared/api';
import type { CellStyle, TerminalModes } from '../../src/renderer/src/testing/terminal-probe';

export type { CellStyle, TerminalModes };

export const ROOT = resolve(__dirname, '../..');
export const RENDERER_OUT = join(ROOT, 'out/renderer');
export const SCREENSHOTS = join(ROOT, 'docs/screenshots');
export const CHROMIUM = process.env['RCON_DESK_CHROMIUM'] ?? '/usr/bin/chromium';
export const VIEWPORT = { width: 1280, height: 800 };

/** Every wait in these tests is bounded by this unless it says otherwise. */
export const DEFAULT_TIMEOUT_MS = 10_000;

// ---------------------------------------------------------------------------------------------
// Building the renderer

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

function rendererIsFresh(): boolean {
  const built = join(RENDERER_OUT, 'index.html');
  if (!existsSync(built)) return false;
  const sources = ['src/renderer', 'src/shared', 'package-lock.json', 'electron.vite.config.ts'].map((p) =>
    join(ROOT, p),
  );
  const newestSource = Math.max(...sources.filter((p) => existsSync(p)).map(newestMtime));
  return statSync(built).mtimeMs > newestSource;
}

/**
 * Builds the app with `electron-vite build` unless out/renderer is newer than every source.
 * A lock directory keeps two test files (two workers) from building at once.
 */
export function ensureRendererBuilt(): void {
  if (rendererIsFresh()) return;
  const lock = join(ROOT, 'out', '.e2e-build-lock');
  mkdirSync(join(ROOT, 'out'), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`Gave up waiting for the build lock ${lock}; delete it if stale.`);
      // Another worker is building: wait for it without spinning the CPU.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    if (!rendererIsFresh()) {
      execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'pipe', timeout: 170_000 });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// The preload bridge, for the page

/** The init script: the real createBridge + forContextBridge with a Playwright transport. */
function bridgeScript(): string {
  const entry = `
    import { createBridge, forContextBridge } from './src/preload/bridge';
    import { decodeBridgeMessage, encodeBridgeMessage } from './tests/e2e/bridge-codec';
    const listeners = new Map();
    // Opened before the page's Content-Security-Policy (connect-src 'none') is parsed, as Electron's
    // IPC is not subject to it either.
    const socket = location.protocol === 'http:' ? new WebSocket('ws://' + location.host + ${JSON.stringify(BRIDGE_SOCKET_PATH)}) : undefined;
    const outbox = [];
    const replies = new Map();
    let nextId = 1;
    const send = (message) => {
      const text = encodeBridgeMessage(message);
      if (socket?.readyState === WebSocket.OPEN) socket.send(text);
      else outbox.push(text);
    };
    socket?.addEventListener('open', () => {
      for (const text of outbox.splice(0)) socket.send(text);
      window.__rconDeskBridgeOpen = true;
    });
    socket?.addEventListener('close', () => {
      for (const [, reply] of replies) reply.reject(new Error('The bridge socket to the harness closed.'));
      replies.clear();
    });
    socket?.addEventListener('message', (event) => {
      const message = decodeBridgeMessage(event.data);
      if (message.type === 'push') window.__rconDeskPush(message.channel, message.payload);
      else if (message.type === 'sync') send({ type: 'synced', id: message.id });
      else if (message.type === 'reply') {
        replies.get(message.id)?.resolve(message.result);
        replies.delete(message.id);
      }
    });
    const transport = {
      invoke: (channel, args) =>
        new Promise((resolve, reject) => {
          const id = nextId++;
          replies.set(id, { resolve, reject });
          send({ type: 'invoke', id, channel, args });
        }),
      subscribe: (channel, listener) => {
        let set = listeners.get(channel);
        if (!set) listeners.set(channel, (set = new Set()));
        set.add(listener);
        return () => set.delete(listener);
      },
    };
    // What webContents.send does in the app: deliver a payload to the channel's listeners.
    window.__rconDeskPush = (channel, payload) => {
      for (const listener of listeners.get(channel) ?? []) listener(payload);
    };
    window.rconDesk = forContextBridge(createBridge(transport));
  `;
  const result = buildSync({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'ts', sourcefile: 'e2e-preload.ts' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

// ---------------------------------------------------------------------------------------------
// Static file server for out/renderer (http://127.0.0.1, so the CSP's 'self' is a real origin)

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

async function serveRenderer(): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(RENDERER_OUT, path === '/' ? 'index.html' : path));
    if (!file.startsWith(RENDERER_OUT + sep) || !existsSync(file) || statSync(file).isDirectory()) {
      response.writeHead(404).end('Not found');
      return;
    }
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
    });
    response.end(readFileSync(file));
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/` };
}

// ---------------------------------------------------------------------------------------------
// Polling

/** Polls `probe` until it returns something other than undefined/false, or fails after `timeoutMs`. */
export async function poll<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
  intervalMs = 40,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, intervalMs));
  }
}

// ---------------------------------------------------------------------------------------------
// The harness

export interface HarnessOptions {
  /** 'real' (default): the OS keychain under a unique service name; 'unavailable': keytar fails to load. */
  keychain?: 'real' | 'unavailable';
  /** Text written as the profiles file before the services start (e.g. something corrupt). */
  profilesFileContent?: string;
  reconnect?: Partial<ReconnectPolicy>;
  /** Engine timeouts for the sessions, over the harness defaults (connect 5 s, command 15 s). */
  clientOptions?: SessionClientOptions;
  /** Keep every message that crosses the bridge in `bridgeLog` (invokes with their results, pushed events). */
  recordBridge?: boolean;
}

/** One invoke from the page, as the main side received it and what it answered. */
export interface BridgeInvokeRecord {
  direction: 'invoke';
  channel: string;
  /** Undefined for a channel that is not part of the API. */
  method: InvokeMethod | undefined;
  /** The arguments as they arrived from the page (renderer to main). */
  args: unknown;
  /** What went back to the page (main to renderer). */
  result: unknown;
  /** Date.now() when the call arrived and when its answer was handed back. */
  startedAt: number;
  endedAt: number;
}

/** One event pushed to the page (main to renderer), like webContents.send. */
export interface BridgeEventRecord {
  direction: 'event';
  channel: string;
  payload: SessionEvent;
  at: number;
}

export type BridgeRecord = BridgeInvokeRecord | BridgeEventRecord;

interface TestHookTab {
  sessionId: string;
  profileId: string;
  status: string;
  reason: string | undefined;
}

/** The page's `window`, as far as these tests use it (tsconfig.node has no DOM types). */
interface PageWindow {
  __rconDeskTest: {
    terminalText(sessionId: string): string;
    terminalIdle(sessionId: string): Promise<void>;
    cellStyle(sessionId: string, text: string, atLineStart?: boolean): CellStyle | null;
    gutteredLines(sessionId: string): string[];
    terminalModes(sessionId: string): TerminalModes | null;
    terminalRenderer(sessionId: string): string | null;
    tabs(): TestHookTab[];
    activeSessionId(): string | undefined;
  };
  __rconDeskPush(channel: string, payload: unknown): void;
  /** Set by the bridge script once its socket to the harness is open. */
  __rconDeskBridgeOpen?: boolean;
}
declare const window: PageWindow;

export class Harness {
  readonly serviceName = `rcon-desk-e2e-${randomUUID()}`;
  readonly dataDir: string;
  readonly profiles: ProfileStore;
  readonly history: HistoryStore;
  readonly secrets: KeytarSecretStore;
  readonly sessions: SessionManager;
  readonly fleet: FleetService;
  readonly audit: AuditLog;
  /** The console tab the page reports as in front (setForegroundSession). */
  readonly foreground: ForegroundSession;
  private readonly stopScheduler: () => void;
  readonly handlers: ApiHandlers;
  /** Every session event, in order, as the main process emitted it. */
  readonly events: SessionEvent[] = [];
  /** Messages the page wrote to its console at level error, and page errors. */
  readonly pageErrors: string[] = [];
  readonly servers: ReferenceServer[] = [];
  /** Every message that crossed the bridge, in order; filled only with `recordBridge: true`. */
  readonly bridgeLog: BridgeRecord[] = [];
  /** File names the app offered in save dialogs, in order. */
  readonly saveDialogRequests: string[] = [];
  /** What the next save dialogs answer: a file name inside dataDir; none left means "cancelled". */
  readonly saveDialogAnswers: string[] = [];
  /** The open dialogs the app showed, in order. */
  readonly openDialogRequests: OpenFileRequest[] = [];
  /** What the next open dialogs answer: a path (absolute, or a name inside dataDir); none left means "cancelled". */
  readonly openDialogAnswers: string[] = [];
  private readonly recordBridge: boolean;
  private readonly forwarder = new SessionEventForwarder((part) => this.push(part));
  private bridge: BridgeSocket | undefined;
  private context: BrowserContext | undefined;
  private http: Server | undefined;
  private appUrl = '';
  private pageRef: Page | undefined;
  private readonly keychainMode: 'real' | 'unavailable';

  private constructor(options: HarnessOptions) {
    this.keychainMode = options.keychain ?? 'real';
    this.recordBridge = options.recordBridge ?? false;
    this.dataDir = mkdtempSync(join(tmpdir(), 'rcon-desk-e2e-'));
    const profilesFile = join(this.dataDir, 'profiles.json');
    if (options.profilesFileContent !== undefined) {
      // A file written before the store loads it, like one left by an older or broken run.
      writeFileSync(profilesFile, options.profilesFileContent);
    }
    const keytarModule: KeytarModule | (() => KeytarModule) =
      this.keychainMode === 'real'
        ? keytar
        : () => {
            throw new Error('libsecret-1.so.0: cannot open shared object file (simulated by the e2e test)');
          };
    this.secrets = new KeytarSecretStore(keytarModule, this.serviceName, { timeoutMs: 5_000 });
    const services = createAppServices({
      dataDir: this.dataDir,
      secrets: this.secrets,
      // Electron's save dialog cannot run here: this stand-in answers it with the next queued choice.
      choosePath: async (suggestedName) => {
        this.saveDialogRequests.push(suggestedName);
        const choice = this.saveDialogAnswers.shift();
        return choice === undefined ? undefined : join(this.dataDir, choice);
      },
      // Electron's open dialog, likewise.
      chooseOpenPath: async (request) => {
        this.openDialogRequests.push(request);
        const choice = this.openDialogAnswers.shift();
        return choice === undefined ? undefined : resolve(this.dataDir, choice);
      },
      sessions: {
        reconnect: { initialDelayMs: 1_000, maxDelayMs: 2_000, maxAttempts: 5, ...options.reconnect },
        clientOptions: { connectTimeoutMs: 5_000, commandTimeoutMs: 15_000, ...options.clientOptions },
      },
    });
    this.profiles = services.profiles;
    this.history = services.history;
    this.sessions = services.sessions;
    this.fleet = services.fleet;
    this.audit = services.audit;
    this.foreground = services.foreground;
    this.stopScheduler = () => {
      services.scheduler.stop();
      services.fleet.cancelAll();
    };
    this.handlers = createApiHandlers(services, {
      onInternalError: (method, error) => this.pageErrors.push(`internal error in ${method}: ${String(error)}`),
    });
    this.fleet.on('event', (event) => this.push(event, FLEET_EVENT_CHANNEL));
    this.sessions.on('event', (event) => {
      this.events.push(event);
      if (this.recordBridge)
        this.bridgeLog.push({ direction: 'event', channel: SESSION_EVENT_CHANNEL, payload: event, at: Date.now() });
      // As src/main/ipc.ts does: server messages that come together cross together, a long output in parts.
      this.forwarder.forward(event);
    });
  }

  /** Builds the renderer if needed and starts the services; call `openApp()` next. */
  static async start(options: HarnessOptions = {}): Promise<Harness> {
    ensureRendererBuilt();
    const harness = new Harness(options);
    if (harness.keychainMode === 'real') {
      const status = await harness.secrets.isAvailable();
      if (!status.available) {
        throw new Error(
          `The keychain is unreachable: ${status.reason} Run the e2e tests inside a secret service: ` +
            `dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx vitest run tests/e2e'`,
        );
      }
    }
    await harness.profiles.load();
    return harness;
  }

  get page(): Page {
    if (!this.pageRef) throw new Error('openApp() first.');
    return this.pageRef;
  }

  async startServer(options: ReferenceServerOptions): Promise<ReferenceServer> {
    const server = new ReferenceServer({ broadcastIntervalMs: 0, ...options });
    await server.listen();
    this.servers.push(server);
    return server;
  }

  /** Saves a profile directly in the store (with its password in the keychain when given). */
  async addProfile(
    draft: Partial<ProfileDraft> & { name: string; port: number },
    password?: string,
  ): Promise<ProfileView> {
    return this.profiles.save({
      profile: profileDraft({ host: '127.0.0.1', ...draft }),
      password: password === undefined ? { kind: 'keep' } : { kind: 'set', password },
    });
  }

  /** The password the real keychain holds for an account under this test's service name. */
  async keychainPassword(account: string): Promise<string | null> {
    const stored = await keytar.getPassword(this.serviceName, account);
    return stored === null ? null : decodeBoundSecret(stored).password;
  }

  /** Text of the terminal lines that carry an app line's gutter mark. */
  gutteredLines(sessionId: string): Promise<string[]> {
    return this.page.evaluate((id) => window.__rconDeskTest.gutteredLines(id), sessionId);
  }

  terminalModes(sessionId: string): Promise<TerminalModes | null> {
    return this.page.evaluate((id) => window.__rconDeskTest.terminalModes(id), sessionId);
  }

  /** The renderer drawing the session's console: 'webgl', 'canvas' or 'dom' (null before it is shown). */
  terminalRenderer(sessionId: string): Promise<string | null> {
    return this.page.evaluate((id) => window.__rconDeskTest.terminalRenderer(id), sessionId);
  }

  /** Launches Chromium on the app, with the bridge installed before any page script runs. */
  async openApp(): Promise<Page> {
    const { server, url } = await serveRenderer();
    this.http = server;
    // RCON_DESK_RENDERER=webgl|canvas|dom pins the console's renderer (the benchmarks compare them).
    const renderer = process.env['RCON_DESK_RENDERER'];
    this.appUrl = `${url}?test${renderer ? `&renderer=${encodeURIComponent(renderer)}` : ''}`;
    const userDataDir = join(this.dataDir, 'chromium');
    this.context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: VIEWPORT,
      deviceScaleFactor: 1,
      colorScheme: 'dark',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
        '--font-render-hinting=none',
        // As in the app's window (windows.ts): a middle-click fires no auxclick.
        '--disable-blink-features=Auxclick',
      ],
      timeout: 30_000,
    });
    const methodByChannel = new Map<string, InvokeMethod>(
      (Object.entries(INVOKE_CHANNELS) as [InvokeMethod, string][]).map(([method, channel]) => [channel, method]),
    );
    this.bridge = new BridgeSocket(server, async (channel: unknown, args: unknown) => {
      // As src/main/ipc.ts does: the bridge's flow-control receipts go to the forwarder.
      if (channel === OUTPUT_RECEIVED_CHANNEL)
        return this.forwarder.received(Array.isArray(args) ? args[0] : undefined);
      const startedAt = Date.now();
      const method = typeof channel === 'string' ? methodByChannel.get(channel) : undefined;
      let result: unknown;
      if (!method) {
        result = { ok: false, error: { kind: 'internal', message: `Unknown channel ${String(channel)}` } };
      } else {
        const handler = this.handlers[method] as (args: unknown[]) => Promise<unknown>;
        result = await handler(Array.isArray(args) ? args : []);
      }
      if (this.recordBridge) {
        this.bridgeLog.push({
          direction: 'invoke',
          channel: String(channel),
          method,
          args,
          result,
          startedAt,
          endedAt: Date.now(),
        });
      }
      return result;
    });
    await this.context.addInitScript({ content: bridgeScript() });
    const page = this.context.pages()[0] ?? (await this.context.newPage());
    page.setDefaultTimeout(DEFAULT_TIMEOUT_MS);
    page.on('pageerror', (error) => this.pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') this.pageErrors.push(`console: ${message.text()}`);
    });
    this.pageRef = page;
    await this.load(page);
    return page;
  }

  /** Loads the app in the page: its test hook is installed and its bridge connected (no push is lost after). */
  private async load(page: Page): Promise<void> {
    await page.goto(this.appUrl, { waitUntil: 'load', timeout: DEFAULT_TIMEOUT_MS });
    await page.waitForFunction(
      () => window.__rconDeskTest !== undefined && window.__rconDeskBridgeOpen === true,
      undefined,
      { timeout: DEFAULT_TIMEOUT_MS },
    );
  }

  /** Reloads the page (tabs are gone; sessions stay open in the services, as after a renderer reload). */
  async reload(): Promise<void> {
    await this.load(this.page);
  }

  /** Lets the page use the async clipboard (Copy button). */
  async grantClipboard(): Promise<void> {
    await this.context!.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(this.appUrl).origin,
    });
  }

  clipboardText(): Promise<string> {
    return this.page.evaluate('navigator.clipboard.readText()') as Promise<string>;
  }

  // --- reading the page ---------------------------------------------------------------------

  tabs(): Promise<TestHookTab[]> {
    return this.page.evaluate(() => window.__rconDeskTest.tabs());
  }

  activeSessionId(): Promise<string | undefined> {
    return this.page.evaluate(() => window.__rconDeskTest.activeSessionId());
  }

  terminalText(sessionId: string): Promise<string> {
    return this.page.evaluate((id) => window.__rconDeskTest.terminalText(id), sessionId);
  }

  /** The style of the first cell of `text` (on a line starting with it, when `atLineStart`). */
  cellStyle(sessionId: string, text: string, atLineStart = false): Promise<CellStyle | null> {
    return this.page.evaluate(([id, needle, start]) => window.__rconDeskTest.cellStyle(id, needle, start), [
      sessionId,
      text,
      atLineStart,
    ] as const);
  }

  /** Waits until the terminal's text satisfies `test` (everything received has been written). */
  async waitForTerminal(
    sessionId: string,
    test: (text: string) => boolean,
    what: string,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<string> {
    let last = '';
    try {
      return await poll(
        async () => {
          last = await this.terminalText(sessionId);
          return test(last) ? last : undefined;
        },
        what,
        timeoutMs,
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- terminal text (last 1500 chars) ---\n${last.slice(-1500)}`);
    }
  }

  /** A saved server's row in the server list. */
  profileRow(name: string): Locator {
    return this.page.locator('[data-testid=profile-row]', { hasText: name });
  }

  /** Opens a console from the server list (its Connect button, or a double click on the name); resolves with the new tab's session id. */
  async openTabFromList(name: string, how: 'connect-button' | 'double-click' = 'connect-button'): Promise<string> {
    const profileIds = new Set((await this.profiles.list()).filter((p) => p.name === name).map((p) => p.id));
    const before = new Set((await this.tabs()).map((tab) => tab.sessionId));
    const row = this.profileRow(name);
    if (how === 'double-click') await row.locator('.profile-name').dblclick();
    else await row.getByRole('button', { name: `Connect to ${name}` }).click();
    // Only a tab of this server counts: after a reload the window restores the tabs it had, meanwhile.
    const isNew = (tab: TestHookTab): boolean => profileIds.has(tab.profileId) && !before.has(tab.sessionId);
    return (await this.waitForTab(isNew, `a new tab for ${name}`)).sessionId;
  }

  /** Waits for the first tab that matches; returns it. */
  async waitForTab(
    match: (tab: TestHookTab) => boolean,
    what: string,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<TestHookTab> {
    return poll(async () => (await this.tabs()).find(match), what, timeoutMs);
  }

  /** Types a command in the active console's command line and presses Enter. */
  async runCommand(command: string): Promise<void> {
    const input = this.page.locator('[data-testid=console]:not([hidden]) [data-testid=command-input]');
    await input.fill(command);
    await input.press('Enter');
  }

  /** Saves a picture of the window, at `size` when given (the window is put back afterwards). */
  async screenshot(name: string, size?: { width: number; height: number }): Promise<string> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const before = this.page.viewportSize() ?? VIEWPORT;
    if (size) await this.page.setViewportSize(size);
    const path = join(SCREENSHOTS, name);
    // Let fonts settle and animations finish: screenshots only, never a substitute for a condition.
    await this.page.evaluate(() => document.fonts.ready.then(() => undefined));
    const { width, height } = this.page.viewportSize() ?? VIEWPORT;
    await this.page.mouse.move(width - 2, height - 2); // no hover effects in the picture
    await this.page.screenshot({ path, animations: 'disabled', caret: 'hide' });
    if (size) await this.page.setViewportSize(before);
    return path;
  }

  /** Resolves once every session event emitted so far has been handed to the page (or dropped with it). */
  async pushesDelivered(): Promise<void> {
    // Server output the forwarder holds back goes as the page's receipts come in.
    for (;;) {
      this.forwarder.flush();
      await this.bridge?.delivered();
      if (this.forwarder.idle || !this.bridge?.connected) return;
    }
  }

  // --- teardown ----------------------------------------------------------------------------

  /** Closes the browser (and flushes its profile folder) while the services keep running. */
  async closeBrowser(): Promise<void> {
    await this.context?.close().catch(() => undefined);
    this.context = undefined;
    await this.bridge?.close();
    this.bridge = undefined;
    const http = this.http;
    this.http = undefined;
    await new Promise<void>((done) => (http ? http.close(() => done()) : done()));
  }

  async close(): Promise<void> {
    this.forwarder.dispose();
    await this.context?.close().catch(() => undefined);
    await this.bridge?.close();
    await new Promise<void>((done) => (this.http ? this.http.close(() => done()) : done()));
    this.stopScheduler();
    await this.sessions.closeAll().catch(() => undefined);
    await Promise.all(this.servers.map((server) => server.close()));
    if (this.keychainMode === 'real') {
      for (const { account } of await keytar.findCredentials(this.serviceName).catch(() => [])) {
        await keytar.deletePassword(this.serviceName, account).catch(() => false);
      }
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private push(event: unknown, channel: string = SESSION_EVENT_CHANNEL): void {
    this.bridge?.push(channel, event);
  }
}

declare const document: { fonts: { ready: Promise<unknown> } };
