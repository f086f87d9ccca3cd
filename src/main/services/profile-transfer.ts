import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ExportProfilesResult, ImportProfilesResult } from '../../shared/api';
import { StorageError, ValidationError } from './errors';
import { exportProfiles, importProfiles, MAX_IMPORT_BYTES, parseImportFile } from './profile-import';
import type { ProfileStore } from './profile-store';
import type { TextFileSaver } from './text-file-saver';

/** What an open dialog offers: the kinds of file it shows first. */
export interface OpenFileRequest {
  title: string;
  filters: { name: string; extensions: string[] }[];
}

/** Asks the user for a file to read; undefined when they cancel. The app shows Electron's open dialog. */
export type OpenPathChooser = (request: OpenFileRequest) => Promise<string | undefined>;

const IMPORT_DIALOG: OpenFileRequest = {
  title: 'Import servers',
  filters: [
    {
      name: 'Server lists (rcon.yaml, ARRCON .hosts, RCON Desk export)',
      extensions: ['yaml', 'yml', 'json', 'hosts', 'ini'],
    },
    { name: 'All files', extensions: ['*'] },
  ],
};

export const EXPORT_FILE_NAME = 'RCON Desk servers.json';

/**
 * The app's "Import servers…" and "Export servers…": the same import and export as `rcon --import`
 * and `rcon --export` (profile-import.ts), with the file chosen in a dialog. A file that cannot be
 * read or understood is refused whole, before any server is added.
 */
export class ProfileTransfer {
  constructor(
    private readonly profiles: ProfileStore,
    private readonly chooseFile: OpenPathChooser,
    private readonly files: TextFileSaver,
  ) {}

  /** Null when the user cancelled the dialog. */
  async importFromFile(): Promise<ImportProfilesResult | null> {
    const path = await this.chooseFile(IMPORT_DIALOG);
    if (path === undefined) return null;
    const fileName = basename(path);
    const plan = parseImportFile(fileName, await readImportFile(path, fileName));
    // A profiles file that could not be read stays read-only: the first save refuses, so nothing is added.
    return { fileName, ...(await importProfiles(this.profiles, plan)) };
  }

  async exportToFile(): Promise<ExportProfilesResult> {
    const profiles = await this.profiles.list();
    const result = await this.files.save(EXPORT_FILE_NAME, exportProfiles(profiles));
    return { ...result, count: profiles.length };
  }
}

async function readImportFile(path: string, fileName: string): Promise<string> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new ValidationError(`${fileName} is not a file.`);
    if (info.size > MAX_IMPORT_BYTES) {
      throw new ValidationError(`${fileName} is larger than 1 MiB: that is not a list of servers.`);
    }
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    const code = error instanceof Error && 'code' in error ? ` (${String(error.code)})` : '';
    throw new StorageError(`${fileName} could not be read${code}. Nothing was imported.`, { cause: error });
  }
}
