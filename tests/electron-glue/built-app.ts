import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { compileFunction } from 'node:vm';
import { FakeElectron, type FakeBrowserWindow, type FakeElectronOptions, type FakeWebContents } from './fake-electron';

const ROOT = resolve(__dirname, '../..');
export const MAIN_BUNDLE = join(ROOT, 'out/main/index.js');
export const PRELOAD_BUNDLE = join(ROOT, 'out/preload/index.js');
export const RENDERER_PAGE = join(ROOT, 'out/renderer/index.html');
const MAIN_DIR = join(ROOT, 'out/main') + sep;
const SOURCES = [
  'src/main',
  'src/preload',
  'src/shared',
  'src/renderer',
  'electron.vite.config.ts',
  'package-lock.json',
];
/** The same lock as tests/e2e/harness.ts, so two test files never build into out/ at once. */
const BUILD_LOCK = join(ROOT, 'out', '.e2e-build-lock');

// ---------------------------------------------------------------------------------------------
// Building

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function bundlesAreFresh(): boolean {
  const built = [MAIN_BUNDLE, PRELOAD_BUNDLE, RENDERER_PAGE];
  if (!built.every((file) => existsSync(file))) return false;
  const oldestBuilt = Math.min(...built.map((file) => statSync(file).mtimeMs));
  return (
    oldestBuilt >
    Math.max(
      ...SOURCES.map((path) => join(ROOT, path))
        .filter(existsSync)
        .map(newestMtime),
    )
  );
}

/**
 * The glue tests run what `npm run build` writes. scripts/test.sh builds before the tests; a
 * developer running `npm test` alone gets the same build here, when out/ is missing or older
 * than the sources.
 */
export function ensureAppBuilt(): void {
  if (bundlesAreFresh()) return;
  mkdirSync(join(ROOT, 'out'), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      if (Date.now() > deadline)
        throw new Error(`Gave up waiting for the build lock ${BUILD_LOCK}; delete it if stale.`);
      // Another test file is building: wait for it without spinning the CPU.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    if (!bundlesAreFresh()) {
      execFileSync(join(ROOT, 'node_modules/.bin/electron-vite'), ['build'], {
        cwd: ROOT,
        stdio: 'pipe',
        timeout: 170_000,
      });
    }
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Running the main bundle

type ModuleLoad = (request: string, parent: { filename?: string } | undefined, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: ModuleLoad };
const nodeRequire = createRequire(__filename);

export interface LaunchOptions extends Partial<Omit<FakeElectronOptions, 'userData'>> {
  /** ELECTRON_RENDERER_URL as electron-vite's dev server would set it; absent by default. */
  devServerUrl?: string;
  /** Makes `require('keytar')` in the bundle throw this, as a broken native module does. */
  keytarLoadError?: Error;
}

/**
 * The built main bundle, loaded fresh under a FakeElectron with a new, empty user-data folder.
 * `electron` (and, on request, a failing `keytar`) is swapped in through Node's module loader,
 * for requires from out/main only; everything else is the real thing.
 */
export class LaunchedApp {
  readonly userData = mkdtempSync(join(tmpdir(), 'rcon-desk-glue-'));
  readonly fake: FakeElectron;
  private readonly originalLoad = loader._load;

  constructor(private readonly options: LaunchOptions = {}) {
    this.fake = new FakeElectron({ ...options, userData: this.userData });
    const { fake, originalLoad } = this;
    const keytarLoadError = options.keytarLoadError;
    loader._load = function (request, parent, isMain) {
      if (parent?.filename?.startsWith(MAIN_DIR)) {
        if (request === 'electron') return fake.main;
        if (request === 'keytar' && keytarLoadError) throw keytarLoadError;
      }
      return originalLoad.call(this, request, parent, isMain);
    };
    // The glue sets Electron's userData to $RCON_DESK_DATA (as the CLI reads it): the test's folder.
    const env = {
      ELECTRON_RENDERER_URL: options.devServerUrl,
      RCON_DESK_DEMO: undefined,
      RCON_DESK_DATA: this.userData,
    };
    const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
    try {
      setEnv(env);
      nodeRequire(MAIN_BUNDLE);
    } catch (error) {
      this.unload();
      throw error;
    } finally {
      setEnv(saved);
    }
  }

  /** Makes the app ready and waits until it has opened its window, or fails if it exits instead. */
  async ready(): Promise<FakeBrowserWindow> {
    const exited = once(this.fake, 'exit').then(([code]) => {
      const gaps = this.fake.gaps.length > 0 ? ` Unmodelled: ${this.fake.gaps.join(', ')}.` : '';
      throw new Error(`The app exited with code ${code} while starting; see its console output.${gaps}`);
    });
    const opened = once(this.fake, 'window').then(([window]) => window as FakeBrowserWindow);
    this.fake.ready();
    return Promise.race([opened, exited]);
  }

  /** Quits as the user would, waits until the quit went through, and unloads the bundle. */
  async close(): Promise<void> {
    try {
      if (!this.fake.quit.quitCompleted) {
        const quit = once(this.fake, 'quit');
        this.fake.requestQuit();
        if (!this.fake.quit.quitCompleted) await quit;
      }
    } finally {
      this.unload();
    }
  }

  private unload(): void {
    loader._load = this.originalLoad;
    for (const file of Object.keys(nodeRequire.cache)) {
      if (file.startsWith(MAIN_DIR)) delete nodeRequire.cache[file];
    }
    rmSync(this.userData, { recursive: true, force: true });
  }
}

function setEnv(values: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

// ---------------------------------------------------------------------------------------------
// Running the preload bundle

/** What a sandboxed preload may require besides `electron` (Electron polyfills these). */
const SANDBOX_MODULES = new Set(['events', 'timers', 'url', 'node:events', 'node:timers', 'node:url']);

/**
 * Runs the built preload as Electron runs a sandboxed one: a function of `require`, `module` and
 * `exports`, where `require` knows only `electron` (here the fake's renderer side, bound to
 * `contents`) and a few polyfilled modules. Returns what it exposed on the page's `window`.
 */
export function runPreload(fake: FakeElectron, contents: FakeWebContents): Map<string, unknown> {
  const { module: electron, mainWorld } = fake.rendererModule(contents);
  const sandboxRequire = (id: string): unknown => {
    if (id === 'electron') return electron;
    if (SANDBOX_MODULES.has(id)) return nodeRequire(id);
    throw new Error(`A sandboxed preload cannot require '${id}': the preload bundle must be self-contained.`);
  };
  const run = compileFunction(readFileSync(PRELOAD_BUNDLE, 'utf8'), ['require', 'module', 'exports'], {
    filename: PRELOAD_BUNDLE,
  });
  const module = { exports: {} };
  run(sandboxRequire, module, module.exports);
  return mainWorld;
}
