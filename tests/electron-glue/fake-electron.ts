import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * A FAKE of the `electron` module, for tests only: no Electron binary can run here, so the built
 * main and preload bundles are executed under plain Node with this in place of `electron`.
 *
 * It models only the API surface the glue (src/main/index.ts, ipc.ts, windows.ts, menu.ts and
 * src/preload/index.ts) uses, and records every call. Everything the glue can reach is a Proxy
 * that lists the members it models: reading any other member throws FakeElectronGap (and is
 * remembered in `gaps`), so the fake cannot drift silently from what the glue calls. Where
 * Electron has a rule the glue could break, the fake enforces it too: no window and no default
 * session before `ready`, `enableSandbox` only before it, one `ipcMain.handle` per channel, IPC
 * values structured-cloned, listeners only for events the fake can emit.
 *
 * What it cannot tell: whether real Electron honours these options. That is the job of
 * tests/electron/electron-app.test.ts, which runs wherever an Electron binary exists.
 */

/** The glue touched something the fake does not model: extend the fake, knowingly. */
export class FakeElectronGap extends Error {
  constructor(path: string) {
    super(`fake electron: the glue read ${path}, which the fake does not model. Model it in tests/electron-glue.`);
    this.name = 'FakeElectronGap';
  }
}

type Listener = Parameters<EventEmitter['on']>[1];

/** Shared by every fake object of one FakeElectron: what went wrong, in order. */
class GapLog {
  readonly gaps: string[] = [];
}

/**
 * `target` as the glue sees it: only `modelled` members (and symbols, and `then`, which awaiting
 * probes and real Electron objects lack too) may be read; nothing may be assigned.
 */
function strict<T extends object>(target: T, name: string, modelled: readonly string[], log: GapLog): T {
  const allowed = new Set(modelled);
  return new Proxy(target, {
    get(object, key, receiver) {
      if (typeof key === 'symbol' || key === 'then' || allowed.has(key)) {
        const value: unknown = Reflect.get(object, key, receiver);
        // A method from a class runs on the target, so its own bookkeeping is not a gap.
        return typeof value === 'function' && !Object.hasOwn(object, key) ? value.bind(object) : value;
      }
      log.gaps.push(`${name}.${key}`);
      throw new FakeElectronGap(`${name}.${key}`);
    },
    set(_object, key) {
      log.gaps.push(`${name}.${String(key)} =`);
      throw new FakeElectronGap(`${name}.${String(key)} (assignment)`);
    },
  });
}

/** EventEmitter that refuses listeners for events the fake never emits: they would go untested. */
class ModelledEvents extends EventEmitter {
  constructor(
    private readonly owner: string,
    private readonly events: readonly string[],
    protected readonly log: GapLog,
  ) {
    super();
  }

  override on(event: string | symbol, listener: Listener): this {
    this.check(event);
    return super.on(event, listener);
  }

  override once(event: string | symbol, listener: Listener): this {
    this.check(event);
    return super.once(event, listener);
  }

  private check(event: string | symbol): void {
    if (typeof event === 'string' && this.events.includes(event)) return;
    this.log.gaps.push(`${this.owner}.on('${String(event)}')`);
    throw new FakeElectronGap(`${this.owner}.on('${String(event)}')`);
  }
}

/** An Electron event object: it records whether the glue prevented the default. */
export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url?: string) {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeFrame {
  constructor(public url: string) {}
}

export interface WindowOpenDetails {
  url: string;
}

export class FakeWebContents extends ModelledEvents {
  static readonly modelled = ['setWindowOpenHandler', 'on', 'isDestroyed', 'send', 'mainFrame'];
  /** The top frame; `mainFrame` is the same frame as the glue sees it. */
  readonly frame = new FakeFrame('about:blank');
  readonly mainFrame: FakeFrame;
  /** The strict view the glue is given; one per WebContents, as in Electron, so identity checks hold. */
  readonly glue: FakeWebContents;
  windowOpenHandler: ((details: WindowOpenDetails) => unknown) | undefined;
  destroyed = false;
  /** Listeners the preload registered through ipcRenderer.on, by channel. */
  readonly rendererListeners = new Map<string, Set<(event: object, payload: unknown) => void>>();

  constructor(log: GapLog, name: string) {
    super(name, ['will-navigate', 'will-redirect', 'will-frame-navigate', 'will-attach-webview'], log);
    this.mainFrame = strict(this.frame, `${name}.mainFrame`, ['url'], log);
    this.glue = strict(this, name, FakeWebContents.modelled, log);
  }

  setWindowOpenHandler(handler: (details: WindowOpenDetails) => unknown): void {
    this.windowOpenHandler = handler;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  send(channel: string, payload: unknown): void {
    const copy = structuredClone(payload);
    for (const listener of this.rendererListeners.get(channel) ?? []) listener({}, copy);
  }

  /** What Electron does before navigating: ask the will-navigate listeners. */
  navigationPrevented(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string): boolean {
    const fired = new FakeEvent(url);
    const modelled = event === 'will-frame-navigate' ? ['preventDefault', 'url'] : ['preventDefault'];
    this.emit(event, strict(fired, `${event} event`, modelled, this.log), url);
    return fired.defaultPrevented;
  }
}

export class FakeBrowserWindow extends ModelledEvents {
  static readonly modelled = [
    'webContents',
    'on',
    'once',
    'show',
    'loadURL',
    'loadFile',
    'isDestroyed',
    'isMinimized',
    'restore',
    'focus',
    'isFocused',
  ];
  /** The constructor options, as given. */
  readonly options: Record<string, unknown>;
  readonly webContents: FakeWebContents;
  readonly contents: FakeWebContents;
  readonly loads: { kind: 'url' | 'file'; target: string }[] = [];
  destroyed = false;
  minimized = false;
  shown = false;
  /** Whether the window has the keyboard focus (the user is looking at it). */
  focused = true;
  readonly focusCalls: string[] = [];

  constructor(options: Record<string, unknown>, log: GapLog, index: number) {
    super(`BrowserWindow#${index}`, ['closed', 'ready-to-show'], log);
    this.options = options;
    this.contents = new FakeWebContents(log, `BrowserWindow#${index}.webContents`);
    this.webContents = this.contents.glue;
  }

  show(): void {
    this.shown = true;
  }
  async loadURL(url: string): Promise<void> {
    this.loads.push({ kind: 'url', target: url });
    this.contents.frame.url = url;
  }
  async loadFile(path: string): Promise<void> {
    this.loads.push({ kind: 'file', target: path });
    this.contents.frame.url = pathToFileURL(resolve(path)).href;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
    this.focusCalls.push('restore');
  }
  focus(): void {
    this.focusCalls.push('focus');
  }
  isFocused(): boolean {
    return this.focused;
  }
  /** What the user closing the window does. */
  close(): void {
    this.destroyed = true;
    this.contents.destroyed = true;
    this.emit('closed');
  }
}

/** A desktop notification the glue made: what it says, whether it was shown, and its click. */
export class FakeNotification extends ModelledEvents {
  static readonly modelled = ['on', 'show'];
  shown = false;

  constructor(
    readonly options: { title?: string; body?: string },
    log: GapLog,
  ) {
    super('Notification', ['click'], log);
  }

  show(): void {
    this.shown = true;
  }
}

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
type PermissionCheckHandler = (contents: unknown, permission: string) => boolean;
interface HeadersDetails {
  responseHeaders?: Record<string, string[]>;
}
type HeadersListener = (
  details: HeadersDetails,
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | undefined;
  permissionCheckHandler: PermissionCheckHandler | undefined;
  headersListener: HeadersListener | undefined;
  readonly webRequest: { onHeadersReceived(listener: HeadersListener): void };

  constructor(log: GapLog) {
    this.webRequest = strict(
      { onHeadersReceived: (listener: HeadersListener) => void (this.headersListener = listener) },
      'session.defaultSession.webRequest',
      ['onHeadersReceived'],
      log,
    );
  }

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }
}

type InvokeHandler = (event: object, ...args: unknown[]) => unknown;

/** The two ends of a fake quit: `before-quit` events and whether a quit went through. */
export interface QuitRecord {
  beforeQuitEvents: FakeEvent[];
  quitCompleted: boolean;
}

export interface FakeElectronOptions {
  userData: string;
  isPackaged?: boolean;
  /** What requestSingleInstanceLock returns: false when another instance runs. */
  singleInstanceLock?: boolean;
}

/**
 * One fake Electron world: the main process's `electron` module (`main`), and for any
 * WebContents a renderer-side module for its preload (`rendererModule`). The test drives it
 * through the unproxied members (`ready()`, `app`, `windows`, `session`, `handlers`…).
 */
export class FakeElectron extends EventEmitter {
  private readonly log = new GapLog();
  readonly windows: FakeBrowserWindow[] = [];
  readonly handlers = new Map<string, InvokeHandler>();
  readonly session: FakeSession;
  readonly quit: QuitRecord = { beforeQuitEvents: [], quitCompleted: false };
  /** The app's calls that matter for order (lock, sandbox, whenReady, quit, exit). */
  readonly calls: string[] = [];
  /** Every invoke channel called, in order. */
  readonly invocations: string[] = [];
  exitCode: number | undefined;
  menuTemplate: unknown;
  readonly app: ModelledEvents;
  /** The `electron` module as the main bundle sees it. */
  readonly main: object;
  private isReady = false;
  /** app.getPath('userData'): the folder given to the fake, until the glue sets another. */
  userData: string;
  /** Paths the save dialog answers, in order; null (or none left) is Cancel. */
  readonly saveDialogAnswers: (string | null)[] = [];
  /** Paths the open dialog answers, in order; null (or none left) is Cancel. */
  readonly openDialogAnswers: (string | null)[] = [];
  /** The options each open dialog was shown with. */
  readonly openDialogOptions: unknown[] = [];
  /** Every desktop notification the glue created, in order. */
  readonly notifications: FakeNotification[] = [];
  private readonly windowProxies = new WeakMap<FakeBrowserWindow, FakeBrowserWindow>();
  private readonly readyGate: { promise: Promise<void>; open: () => void };

  constructor(options: FakeElectronOptions) {
    super();
    const log = this.log;
    this.userData = options.userData;
    this.session = new FakeSession(log);
    let open!: () => void;
    this.readyGate = { promise: new Promise<void>((resolve) => (open = resolve)), open };
    this.app = new ModelledEvents(
      'app',
      ['web-contents-created', 'second-instance', 'activate', 'before-quit', 'window-all-closed'],
      log,
    );
    const app = Object.assign(this.app, {
      isPackaged: options.isPackaged ?? false,
      requestSingleInstanceLock: () => this.record('requestSingleInstanceLock', options.singleInstanceLock ?? true),
      quit: () => this.requestQuit(),
      exit: (code: number) => {
        this.record('exit', (this.exitCode = code));
        this.emit('exit', code);
      },
      enableSandbox: () => {
        if (this.isReady) throw new Error('fake electron: app.enableSandbox() must be called before the app is ready.');
        this.record('enableSandbox', undefined);
      },
      whenReady: () => this.record('whenReady', this.readyGate.promise),
      getPath: (name: string) => {
        // The save dialog starts in Documents; here that is the test's folder too.
        if (name === 'documents') return this.userData;
        if (name !== 'userData') {
          log.gaps.push(`app.getPath('${name}')`);
          throw new FakeElectronGap(`app.getPath('${name}')`);
        }
        return this.userData;
      },
      setPath: (name: string, path: string) => {
        if (name !== 'userData') {
          log.gaps.push(`app.setPath('${name}')`);
          throw new FakeElectronGap(`app.setPath('${name}')`);
        }
        if (this.isReady) throw new Error('fake electron: set the userData path before the app is ready.');
        this.userData = path;
      },
    });

    const isReady = (): boolean => this.isReady;
    const windows = this.windows;
    const opened = (window: FakeBrowserWindow): FakeBrowserWindow => {
      windows.push(window);
      this.app.emit('web-contents-created', strict(new FakeEvent(), 'event', [], log), window.webContents);
      this.emit('window', window);
      // What `new BrowserWindow()` gives the glue is the strict view of the window.
      return this.glueWindow(window);
    };
    const allWindows = (): FakeBrowserWindow[] =>
      windows.filter((window) => !window.destroyed).map((window) => this.glueWindow(window));

    class BrowserWindow extends FakeBrowserWindow {
      constructor(windowOptions: Record<string, unknown>) {
        if (!isReady()) throw new Error('fake electron: Cannot create BrowserWindow before app is ready');
        super(windowOptions, log, windows.length);
        return opened(this);
      }
      static getAllWindows(): FakeBrowserWindow[] {
        return allWindows();
      }
    }

    const notifications = this.notifications;
    class Notification extends FakeNotification {
      constructor(notificationOptions: { title?: string; body?: string }) {
        super(notificationOptions, log);
        notifications.push(this);
        return strict(this, `Notification#${notifications.length - 1}`, FakeNotification.modelled, log);
      }
      static isSupported(): boolean {
        return true;
      }
    }

    const session = this.session;
    this.main = strict(
      {
        app: strict(
          app,
          'app',
          [
            'isPackaged',
            'requestSingleInstanceLock',
            'quit',
            'exit',
            'enableSandbox',
            'on',
            'whenReady',
            'getPath',
            'setPath',
          ],
          log,
        ),
        BrowserWindow: strict(BrowserWindow, 'BrowserWindow', ['getAllWindows', 'prototype'], log),
        session: strict(
          Object.defineProperty({}, 'defaultSession', {
            get: (): FakeSession => {
              if (!this.isReady)
                throw new Error('fake electron: the default session is only there once the app is ready.');
              return strict(
                session,
                'session.defaultSession',
                ['setPermissionRequestHandler', 'setPermissionCheckHandler', 'webRequest'],
                log,
              );
            },
          }),
          'session',
          ['defaultSession'],
          log,
        ),
        ipcMain: strict(
          {
            handle: (channel: string, handler: InvokeHandler) => {
              if (this.handlers.has(channel))
                throw new Error(`Attempted to register a second handler for '${channel}'`);
              this.handlers.set(channel, handler);
            },
            removeHandler: (channel: string) => void this.handlers.delete(channel),
          },
          'ipcMain',
          ['handle', 'removeHandler'],
          log,
        ),
        dialog: strict(
          {
            showSaveDialog: async (...args: unknown[]) => {
              const filePath = this.saveDialogAnswers.shift() ?? null;
              this.record('showSaveDialog', args.length);
              return filePath === null ? { canceled: true, filePath: '' } : { canceled: false, filePath };
            },
            // As Electron: (window, options) or (options); the answer lists the chosen files.
            showOpenDialog: async (...args: unknown[]) => {
              const filePath = this.openDialogAnswers.shift() ?? null;
              this.record('showOpenDialog', args.length);
              this.openDialogOptions.push(args[args.length - 1]);
              return filePath === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [filePath] };
            },
          },
          'dialog',
          ['showSaveDialog', 'showOpenDialog'],
          log,
        ),
        Notification: strict(Notification, 'Notification', ['isSupported', 'prototype'], log),
        Menu: strict(
          {
            buildFromTemplate: (template: unknown) => ({ template }),
            setApplicationMenu: (menu: { template: unknown }) => void (this.menuTemplate = menu.template),
          },
          'Menu',
          ['buildFromTemplate', 'setApplicationMenu'],
          log,
        ),
      },
      'electron',
      ['app', 'BrowserWindow', 'session', 'ipcMain', 'dialog', 'Menu', 'Notification'],
      log,
    );
  }

  /** Every unmodelled access so far; a test ends with none. */
  get gaps(): readonly string[] {
    return this.log.gaps;
  }

  /** What Electron does once initialised: `whenReady()` resolves. */
  ready(): void {
    this.isReady = true;
    this.readyGate.open();
  }

  /** The window as the glue sees it (a proxy): always the same one for the same window. */
  glueWindow(window: FakeBrowserWindow): FakeBrowserWindow {
    let proxy = this.windowProxies.get(window);
    if (!proxy) {
      proxy = strict(window, `BrowserWindow#${this.windows.indexOf(window)}`, FakeBrowserWindow.modelled, this.log);
      this.windowProxies.set(window, proxy);
    }
    return proxy;
  }

  /** A frame as the glue would see one, e.g. a subframe or another page's. */
  foreignFrame(url: string): FakeFrame {
    return strict(new FakeFrame(url), 'frame', ['url'], this.log);
  }

  /** Another WebContents than the window's, e.g. a page the app never opened. */
  foreignContents(): FakeWebContents {
    return new FakeWebContents(this.log, 'foreign webContents');
  }

  /**
   * An `ipcMain.handle` call as Electron makes it: the event names the sending WebContents and
   * frame; arguments and result are structured-cloned. No handler rejects, as in Electron.
   */
  async invoke(channel: string, sender: FakeWebContents, frame: FakeFrame | null, args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    this.invocations.push(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': No handler registered for '${channel}'`);
    const event = strict(
      { sender: sender.glue, senderFrame: frame },
      'IpcMainInvokeEvent',
      ['sender', 'senderFrame'],
      this.log,
    );
    return structuredClone(await handler(event, ...structuredClone(args)));
  }

  /** The `electron` module as the preload of `contents` sees it: contextBridge and ipcRenderer. */
  rendererModule(contents: FakeWebContents): { module: object; mainWorld: Map<string, unknown> } {
    const mainWorld = new Map<string, unknown>();
    const log = this.log;
    const contextBridge = strict(
      {
        // contextBridge copies what it is given; keeping it as given is enough to see what is exposed.
        exposeInMainWorld: (key: string, api: unknown) => {
          if (mainWorld.has(key))
            throw new Error(`Cannot bind an API on top of an existing property on the window object`);
          mainWorld.set(key, api);
        },
      },
      'contextBridge',
      ['exposeInMainWorld'],
      log,
    );
    const ipcRenderer = strict(
      {
        invoke: (channel: string, ...args: unknown[]) => this.invoke(channel, contents, contents.mainFrame, args),
        on: (channel: string, listener: (event: object, payload: unknown) => void) => {
          let listeners = contents.rendererListeners.get(channel);
          if (!listeners) contents.rendererListeners.set(channel, (listeners = new Set()));
          listeners.add(listener);
        },
        removeListener: (channel: string, listener: (event: object, payload: unknown) => void) => {
          contents.rendererListeners.get(channel)?.delete(listener);
        },
      },
      'ipcRenderer',
      ['invoke', 'on', 'removeListener'],
      log,
    );
    const module = strict({ contextBridge, ipcRenderer }, 'electron (preload)', ['contextBridge', 'ipcRenderer'], log);
    return { module, mainWorld };
  }

  /** Electron's quit (menu Quit or `app.quit()`): `before-quit`, then, unless prevented, the quit. */
  requestQuit(): void {
    this.record('quit', undefined);
    const event = new FakeEvent();
    this.quit.beforeQuitEvents.push(event);
    this.app.emit('before-quit', strict(event, 'before-quit event', ['preventDefault'], this.log));
    if (event.defaultPrevented) return;
    this.quit.quitCompleted = true;
    this.emit('quit');
  }

  private record<T>(call: string, value: T): T {
    this.calls.push(call);
    return value;
  }
}
