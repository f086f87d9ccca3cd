import { randomUUID } from 'node:crypto';
import type { Macro, Schedule } from '../../shared/fleet';
import { FLEET_LIMITS, parseMacro, parseSchedule } from '../fleet-validation';
import { expectArray, expectRecord } from '../validation';
import { moveAsideCorruptFile, readTextFileIfExists, writeFileAtomic } from './atomic-file';
import { NotFoundError, StorageError, ValidationError } from './errors';
import { SerialQueue } from './serial-queue';
import { errorMessage } from './session-text';

export const AUTOMATION_FILE_VERSION = 1;

interface AutomationFile {
  version: typeof AUTOMATION_FILE_VERSION;
  macros: Macro[];
  schedules: Schedule[];
}

/**
 * Macros and schedules, in `automation.json` beside the profiles file. A damaged file is moved
 * aside before anything is written, and `loadProblem` says so; a file that cannot be read at all
 * is left alone and saving is refused, so it is never replaced by an empty one.
 */
export class AutomationStore {
  private macros: Macro[] = [];
  private schedules: Schedule[] = [];
  private loading: Promise<void> | undefined;
  private readOnlyReason: string | undefined;
  private problem: string | undefined;
  private readonly queue = new SerialQueue();

  constructor(
    readonly filePath: string,
    private readonly createId: () => string = randomUUID,
  ) {}

  /** What went wrong loading the file, if anything. */
  get loadProblem(): string | undefined {
    return this.problem;
  }

  async load(): Promise<void> {
    this.loading ??= this.readFromDisk();
    await this.loading;
  }

  async listMacros(): Promise<Macro[]> {
    await this.load();
    return structuredClone(this.macros);
  }

  async getMacro(id: string): Promise<Macro> {
    await this.load();
    const macro = this.macros.find((m) => m.id === id);
    if (!macro) throw new NotFoundError('That macro does not exist (any more).');
    return structuredClone(macro);
  }

  async listSchedules(): Promise<Schedule[]> {
    await this.load();
    return structuredClone(this.schedules);
  }

  /** Creates the macro when it has no id, or replaces the one with its id. */
  saveMacro(draft: Omit<Macro, 'id'> & { id?: string }): Promise<Macro> {
    return this.change(() => {
      if (draft.id !== undefined && !this.macros.some((m) => m.id === draft.id)) {
        throw new NotFoundError('That macro does not exist (any more).');
      }
      const macro = parseMacro({ ...draft, id: draft.id ?? this.createId() });
      return { macros: upsert(this.macros, macro, FLEET_LIMITS.macros, 'macros'), result: macro };
    });
  }

  deleteMacro(id: string): Promise<void> {
    return this.change(() => {
      if (!this.macros.some((m) => m.id === id)) throw new NotFoundError('That macro does not exist (any more).');
      const users = this.schedules.filter((s) => s.action.kind === 'macro' && s.action.macroId === id);
      if (users.length > 0) {
        const names = users.map((s) => `"${s.name}"`).join(', ');
        throw new ValidationError(`The macro is used by the schedule${users.length > 1 ? 's' : ''} ${names}.`);
      }
      return { macros: this.macros.filter((m) => m.id !== id), result: undefined };
    });
  }

  saveSchedule(draft: Omit<Schedule, 'id'> & { id?: string }): Promise<Schedule> {
    return this.change(() => {
      if (draft.id !== undefined && !this.schedules.some((s) => s.id === draft.id)) {
        throw new NotFoundError('That schedule does not exist (any more).');
      }
      const schedule = parseSchedule({ ...draft, id: draft.id ?? this.createId() });
      if (schedule.action.kind === 'macro') {
        const macroId = schedule.action.macroId;
        if (!this.macros.some((m) => m.id === macroId))
          throw new ValidationError('The schedule’s macro does not exist.');
      }
      return { schedules: upsert(this.schedules, schedule, FLEET_LIMITS.schedules, 'schedules'), result: schedule };
    });
  }

  deleteSchedule(id: string): Promise<void> {
    return this.change(() => {
      if (!this.schedules.some((s) => s.id === id)) throw new NotFoundError('That schedule does not exist (any more).');
      return { schedules: this.schedules.filter((s) => s.id !== id), result: undefined };
    });
  }

  private change<T>(edit: () => { macros?: Macro[]; schedules?: Schedule[]; result: T }): Promise<T> {
    return this.queue.run(async () => {
      await this.load();
      if (this.readOnlyReason !== undefined) throw new StorageError(this.readOnlyReason);
      const { macros = this.macros, schedules = this.schedules, result } = edit();
      const file: AutomationFile = { version: AUTOMATION_FILE_VERSION, macros, schedules };
      try {
        await writeFileAtomic(this.filePath, `${JSON.stringify(file, null, 2)}\n`);
      } catch (error) {
        throw new StorageError(`Macros and schedules could not be saved (${this.filePath}): ${errorMessage(error)}`, {
          cause: error,
        });
      }
      this.macros = macros;
      this.schedules = schedules;
      return result;
    });
  }

  private async readFromDisk(): Promise<void> {
    let text: string | undefined;
    try {
      text = await readTextFileIfExists(this.filePath);
    } catch (error) {
      this.readOnlyReason = `${this.filePath} could not be read (${errorMessage(error)}); it is left as it is and changes are not saved.`;
      this.problem = this.readOnlyReason;
      return;
    }
    if (text === undefined) return;
    try {
      const record = expectRecord(JSON.parse(text) as unknown, 'The file', ['version', 'macros', 'schedules']);
      if (record['version'] !== AUTOMATION_FILE_VERSION) {
        throw new ValidationError(`The file's version ${String(record['version'])} is not one this app reads.`);
      }
      this.macros = expectArray(record['macros'], 'The macros', FLEET_LIMITS.macros).map((m, i) =>
        parseMacro(m, `Macro ${i + 1}`),
      );
      this.schedules = expectArray(record['schedules'], 'The schedules', FLEET_LIMITS.schedules).map((s, i) =>
        parseSchedule(s, `Schedule ${i + 1}`),
      );
    } catch (error) {
      this.macros = [];
      this.schedules = [];
      const backup = await moveAsideCorruptFile(this.filePath);
      this.problem = `Macros and schedules could not be read (${errorMessage(error)}); the file was kept as ${backup}.`;
    }
  }
}

function upsert<T extends { id: string }>(items: T[], item: T, max: number, what: string): T[] {
  const index = items.findIndex((i) => i.id === item.id);
  if (index >= 0) return items.map((existing, i) => (i === index ? item : existing));
  if (items.length >= max) throw new ValidationError(`There are already ${max} ${what}, the most that can be kept.`);
  return [...items, item];
}
