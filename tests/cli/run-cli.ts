import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Runs the built `rcon` (or its source through tsx) as a user would, for the CLI end-to-end tests. */
const ROOT = resolve(__dirname, '../..');
export const BUILT_CLI = join(ROOT, 'out/main/cli.js');
const SOURCE_CLI = join(ROOT, 'src/cli/main.ts');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const ELECTRON_VITE = join(ROOT, 'node_modules/.bin/electron-vite');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string>;
  stdin?: string;
  /** Run src/cli/main.ts through tsx instead of the bundle. */
  fromSource?: boolean;
}

/** Runs the CLI with no RCON_PASSWORD and no history file unless given, stdin a pipe (not a terminal). */
export function rcon(args: string[], options: RunOptions = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, RCON_HISTORY_FILE: '', ...options.env };
  if (!options.env || !('RCON_PASSWORD' in options.env)) delete env['RCON_PASSWORD'];
  const [command, commandArgs] = options.fromSource
    ? [TSX, [SOURCE_CLI, ...args]]
    : [process.execPath, [BUILT_CLI, ...args]];
  const child = spawn(command, commandArgs, { env, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(options.stdin ?? '');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`rcon ${args.join(' ')} did not exit.\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, 15_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function newestSourceTime(): number {
  const roots = ['src/cli', 'src/main', 'src/shared'].map((dir) => join(ROOT, dir));
  let newest = Math.max(
    statSync(join(ROOT, 'package.json')).mtimeMs,
    statSync(join(ROOT, 'electron.vite.config.ts')).mtimeMs,
  );
  for (const dir of roots) {
    for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      newest = Math.max(newest, statSync(join(dir, name)).mtimeMs);
    }
  }
  return newest;
}

/**
 * Builds out/main/cli.js unless it is newer than its sources. Test files run in parallel workers:
 * a lock directory keeps two of them from building into out/ at the same time.
 */
export async function ensureCliBuilt(): Promise<void> {
  // The same lock as tests/e2e/harness.ts: both build the whole app into out/.
  const lock = join(ROOT, 'out', '.e2e-build-lock');
  mkdirSync(join(ROOT, 'out'), { recursive: true });
  const deadline = Date.now() + 110_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`Another test run holds ${lock}; remove it if none does.`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    if (existsSync(BUILT_CLI) && statSync(BUILT_CLI).mtimeMs >= newestSourceTime()) return;
    execFileSync(ELECTRON_VITE, ['build'], { cwd: ROOT, stdio: 'pipe' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
