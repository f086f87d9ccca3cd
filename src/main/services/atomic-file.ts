import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Files in the user-data folder are replaced, never rewritten in place: a crash or a full disk
 * in the middle of a save leaves either the old file or the new one, not half of each.
 */
export async function writeFileAtomic(path: string, contents: string): Promise<void> {
  const directory = dirname(path);
  await mkdir(directory, { recursive: true });
  const temporary = join(directory, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(contents, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncDirectory(directory);
}

/** The file's text, or undefined when it does not exist. */
export async function readTextFileIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
}

/**
 * Moves an unreadable file aside as `<file>.corrupt-<timestamp>` and returns the new path. The
 * copy is made before the original goes, and never over an existing file.
 */
export async function moveAsideCorruptFile(path: string, now: Date = new Date()): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  for (let attempt = 1; ; attempt += 1) {
    const backup = `${path}.corrupt-${stamp}${attempt > 1 ? `-${attempt}` : ''}`;
    try {
      await copyFile(path, backup, constants.COPYFILE_EXCL);
    } catch (error) {
      if (isErrno(error, 'EEXIST') && attempt < 100) continue;
      throw error;
    }
    await rm(path, { force: true });
    return backup;
  }
}

/** A file's size in bytes, 0 when it does not exist (yet). */
export async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return 0;
    throw error;
  }
}

/** Renames a file that may not exist, as rotating logs does with older generations. */
export async function renameIfExists(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
  }
}

export function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

/** Windows refuses a rename for a moment while an antivirus or indexer holds the target open. */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const busy = isErrno(error, 'EPERM') || isErrno(error, 'EACCES') || isErrno(error, 'EBUSY');
      if (process.platform !== 'win32' || !busy || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}

/** Makes the rename itself durable; directories cannot be opened for syncing on Windows, so it is best effort. */
async function syncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems refuse fsync on a directory; the data itself is already synced.
  }
}
