import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The installed Electron executable, or undefined when its binary was never downloaded (installs
 * here use ELECTRON_SKIP_BINARY_DOWNLOAD=1). Requiring 'electron' would start a download when the
 * binary is missing, so this looks on disk instead.
 */
export function electronBinary(): string | undefined {
  try {
    const dir = dirname(createRequire(__filename).resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}
