import { writeFile } from 'node:fs/promises';
import type { SaveTextResult } from '../../shared/api';
import { StorageError } from './errors';

/** Asks the user where to save a file; undefined when they cancel. The app shows Electron's save dialog. */
export type SavePathChooser = (suggestedName: string) => Promise<string | undefined>;

/** Saves text the user asked to keep (a cut answer, a whole console) where they choose. */
export class TextFileSaver {
  constructor(private readonly choosePath: SavePathChooser) {}

  async save(suggestedName: string, text: string): Promise<SaveTextResult> {
    const path = await this.choosePath(suggestedName);
    if (path === undefined) return { saved: false };
    try {
      // Consoles and logs can hold what players and admins typed: readable by the user only.
      await writeFile(path, text, { encoding: 'utf8', mode: 0o600 });
    } catch (error) {
      const reason = error instanceof Error && 'code' in error ? ` (${String(error.code)})` : '';
      throw new StorageError(`Could not write ${path}${reason}. Choose another folder and try again.`, {
        cause: error,
      });
    }
    return { saved: true, path };
  }
}
