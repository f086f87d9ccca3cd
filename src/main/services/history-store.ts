import { expectArray, expectRecord, parseId } from '../validation';
import { moveAsideCorruptFile, readTextFileIfExists, writeFileAtomic } from './atomic-file';
import { StorageError } from './errors';
import { isSensitiveCommand } from './sensitive-commands';
import { SerialQueue } from './serial-queue';

export const HISTORY_FILE_VERSION = 1;
export const DEFAULT_MAX_ENTRIES = 500;
/** Longer commands are sent but not remembered: the file stays small and recall stays useful. */
export const DEFAULT_MAX_COMMAND_LENGTH = 2000;

export interface HistoryStoreOptions {
  maxEntries?: number;
  maxCommandLength?: number;
  now?: () => Date;
}

export interface HistoryFile {
  version: typeof HISTORY_FILE_VERSION;
  histories: Record<string, string[]>;
}

/**
 * Each profile's sent commands, oldest first, in one JSON file in the user-data folder.
 *
 * At most `maxEntries` per profile are kept; a command equal to the one before it is not added
 * again. Commands that carry a secret (see sensitive-commands.ts) are never stored, not even
 * masked. A damaged file is moved aside and history starts empty: history is a convenience, not
 * data worth refusing to start over.
 */
export class HistoryStore {
  private histories = new Map<string, string[]>();
  private loading: Promise<void> | undefined;
  private readonly queue = new SerialQueue();
  private readonly maxEntries: number;
  private readonly maxCommandLength: number;
  private readonly now: () => Date;
  private lastLoadProblem: string | undefined;
  /** False when the file exists but could not be read: writing would replace it with less. */
  private writable = true;

  constructor(
    readonly filePath: string,
    options: HistoryStoreOptions = {},
  ) {
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.maxCommandLength = options.maxCommandLength ?? DEFAULT_MAX_COMMAND_LENGTH;
    this.now = options.now ?? (() => new Date());
  }

  /** What went wrong loading the file, if anything (for logs; the file was moved aside). */
  get loadProblem(): string | undefined {
    return this.lastLoadProblem;
  }

  async load(): Promise<void> {
    this.loading ??= this.readFromDisk();
    await this.loading;
  }

  async get(profileId: string): Promise<string[]> {
    await this.load();
    return [...(this.histories.get(profileId) ?? [])];
  }

  /** Resolves to whether the command was stored (false for a blank, sensitive, too long or repeated one). */
  append(profileId: string, command: string): Promise<boolean> {
    return this.queue.run(async () => {
      await this.load();
      if (command.trim() === '' || command.length > this.maxCommandLength || isSensitiveCommand(command)) {
        return false;
      }
      const entries = this.histories.get(profileId) ?? [];
      if (entries[entries.length - 1] === command) return false;
      const next = [...entries, command].slice(-this.maxEntries);
      const histories = new Map(this.histories).set(profileId, next);
      await this.write(histories);
      return true;
    });
  }

  /** Drops a profile's history, e.g. when the profile is deleted. */
  forget(profileId: string): Promise<void> {
    return this.queue.run(async () => {
      await this.load();
      if (!this.histories.has(profileId)) return;
      const histories = new Map(this.histories);
      histories.delete(profileId);
      await this.write(histories);
    });
  }

  /** Waits for every pending write. */
  flush(): Promise<void> {
    return this.queue.run(async () => undefined);
  }

  private async write(histories: Map<string, string[]>): Promise<void> {
    if (!this.writable) {
      throw new StorageError(`The command history is not saved: ${this.lastLoadProblem ?? 'its file is unreadable.'}`);
    }
    const file: HistoryFile = { version: HISTORY_FILE_VERSION, histories: Object.fromEntries(histories) };
    try {
      await writeFileAtomic(this.filePath, `${JSON.stringify(file)}\n`);
    } catch (error) {
      throw new StorageError(
        `The command history could not be saved: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    this.histories = histories;
  }

  private async readFromDisk(): Promise<void> {
    let text: string | undefined;
    try {
      text = await readTextFileIfExists(this.filePath);
    } catch (error) {
      this.lastLoadProblem = `The history file could not be read: ${error instanceof Error ? error.message : String(error)}`;
      this.writable = false;
      return;
    }
    if (text === undefined) return;
    try {
      this.histories = this.parse(text);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      try {
        const backup = await moveAsideCorruptFile(this.filePath, this.now());
        this.lastLoadProblem = `The history file was damaged (${detail}); it was kept as ${backup}.`;
      } catch {
        this.lastLoadProblem = `The history file was damaged (${detail}) and could not be moved aside.`;
        this.writable = false;
      }
    }
  }

  private parse(text: string): Map<string, string[]> {
    const record = expectRecord(JSON.parse(text), 'The history file', ['version', 'histories']);
    if (record.version !== HISTORY_FILE_VERSION) {
      throw new StorageError(`unsupported history file version ${JSON.stringify(record.version)}`);
    }
    const raw = record.histories;
    const keys = typeof raw === 'object' && raw !== null ? Object.keys(raw) : [];
    const histories = expectRecord(raw, 'The histories', keys, []);
    const result = new Map<string, string[]>();
    for (const [profileId, entries] of Object.entries(histories)) {
      parseId(profileId, 'A history profile id');
      const commands = expectArray(entries, 'A history', Number.MAX_SAFE_INTEGER).filter(
        (entry): entry is string =>
          typeof entry === 'string' &&
          entry.trim() !== '' &&
          entry.length <= this.maxCommandLength &&
          !isSensitiveCommand(entry),
      );
      result.set(profileId, commands.slice(-this.maxEntries));
    }
    return result;
  }
}
