import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Which URLs are the app's own page: the built index.html on disk, or the Vite dev server's
 * origin while developing. IPC from any other page, and navigation to it, is refused.
 */
export class AppOrigin {
  private readonly rendererFile: string;
  private readonly devOrigin: string | undefined;

  constructor(options: { rendererFile: string; devServerUrl?: string }) {
    this.rendererFile = normalizePath(resolve(options.rendererFile));
    this.devOrigin = options.devServerUrl ? new URL(options.devServerUrl).origin : undefined;
  }

  /** The URL the window loads in development, if any. */
  get devServer(): string | undefined {
    return this.devOrigin;
  }

  isAppPage(url: string): boolean {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (this.devOrigin !== undefined) {
      return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.origin === this.devOrigin;
    }
    if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return false;
    try {
      return normalizePath(fileURLToPath(parsed)) === this.rendererFile;
    } catch {
      return false;
    }
  }
}

function normalizePath(path: string): string {
  return process.platform === 'win32' ? path.toLowerCase() : path;
}
