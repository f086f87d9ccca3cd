import { appendFile, mkdir, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { COMMAND_SOURCES, type AuditFilter, type AuditRecord, type ExportFormat } from '../../shared/fleet';
import { fileSize, isErrno, renameIfExists } from './atomic-file';
import { StorageError } from './errors';
import { SerialQueue } from './serial-queue';

export const DEFAULT_AUDIT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_AUDIT_KEEP_FILES = 5;

export interface AuditLogOptions {
  /** The current file is rotated when a record would take it past this size. */
  maxBytes?: number;
  /** Rotated files kept besides the current one (`audit.jsonl.1` is the newest). */
  keepFiles?: number;
}

/** What reading the log found: the records, and how many lines could not be read. */
export interface AuditReadResult {
  records: AuditRecord[];
  unreadableLines: number;
}

/**
 * Every command sent, by hand or by broadcast, macro or schedule: one JSON object per line in
 * the app's data folder, rotated by size so it never grows without bound.
 *
 * Appending a line is all a write does, so a crash loses at most the line being written; a torn
 * or foreign line is skipped when reading and counted, never a reason to refuse the rest. The
 * command is stored as the caller passes it: callers mask secret-carrying commands first.
 */
export class AuditLog {
  private readonly queue = new SerialQueue();
  private readonly maxBytes: number;
  private readonly keepFiles: number;

  constructor(
    readonly filePath: string,
    options: AuditLogOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? DEFAULT_AUDIT_MAX_BYTES;
    this.keepFiles = options.keepFiles ?? DEFAULT_AUDIT_KEEP_FILES;
  }

  record(record: AuditRecord): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    return this.queue.run(async () => {
      try {
        await mkdir(dirname(this.filePath), { recursive: true });
        const size = await fileSize(this.filePath);
        if (size > 0 && size + Buffer.byteLength(line) > this.maxBytes) await this.rotate();
        await appendFile(this.filePath, line, { encoding: 'utf8', mode: 0o600 });
      } catch (error) {
        throw new StorageError(`The audit log could not be written (${this.filePath}): ${describe(error)}`, {
          cause: error,
        });
      }
    });
  }

  /** The records that match, newest first. */
  async read(filter: AuditFilter = {}): Promise<AuditReadResult> {
    const { records, unreadableLines } = await this.queue.run(() => this.readAll());
    const text = filter.text?.toLowerCase();
    const matching = records.filter(
      (r) =>
        (filter.profileId === undefined || r.profileId === filter.profileId) &&
        (filter.source === undefined || r.source === filter.source) &&
        (filter.outcome === undefined || r.outcome === filter.outcome) &&
        (filter.since === undefined || r.at >= filter.since) &&
        (filter.until === undefined || r.at <= filter.until) &&
        (text === undefined || r.server.toLowerCase().includes(text) || r.command.toLowerCase().includes(text)),
    );
    matching.reverse();
    return { records: filter.limit === undefined ? matching : matching.slice(0, filter.limit), unreadableLines };
  }

  /** The matching records as a CSV or JSON document, oldest first, for a file the user saves. */
  async export(format: ExportFormat, filter: AuditFilter = {}): Promise<string> {
    const { records } = await this.read(filter);
    records.reverse();
    if (format === 'json') return `${JSON.stringify(records, null, 2)}\n`;
    const header = ['at', 'server', 'address', 'command', 'source', 'outcome', 'error', 'durationMs'] as const;
    const rows = records.map((r) => header.map((key) => csvCell(String(r[key] ?? ''))).join(','));
    return `${[header.join(','), ...rows].join('\r\n')}\r\n`;
  }

  /** The files from oldest to newest: `.N` … `.1`, then the current one. */
  private files(): string[] {
    const rotated = Array.from({ length: this.keepFiles }, (_, i) => `${this.filePath}.${this.keepFiles - i}`);
    return [...rotated, this.filePath];
  }

  private async rotate(): Promise<void> {
    await rm(`${this.filePath}.${this.keepFiles}`, { force: true });
    for (let n = this.keepFiles - 1; n >= 1; n -= 1) {
      await renameIfExists(`${this.filePath}.${n}`, `${this.filePath}.${n + 1}`);
    }
    if (this.keepFiles > 0) await renameIfExists(this.filePath, `${this.filePath}.1`);
    else await rm(this.filePath, { force: true });
  }

  private async readAll(): Promise<AuditReadResult> {
    const records: AuditRecord[] = [];
    let unreadableLines = 0;
    for (const file of this.files()) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if (isErrno(error, 'ENOENT')) continue;
        throw new StorageError(`The audit log could not be read (${file}): ${describe(error)}`, { cause: error });
      }
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        const record = parseRecord(line);
        if (record) records.push(record);
        else unreadableLines += 1;
      }
    }
    return { records, unreadableLines };
  }
}

function parseRecord(line: string): AuditRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Record<string, unknown>;
  const strings = ['at', 'profileId', 'server', 'address', 'command'] as const;
  if (!strings.every((key) => typeof r[key] === 'string')) return undefined;
  if (!(COMMAND_SOURCES as readonly unknown[]).includes(r['source'])) return undefined;
  if (r['outcome'] !== 'ok' && r['outcome'] !== 'error') return undefined;
  if (typeof r['durationMs'] !== 'number' || !Number.isFinite(r['durationMs'])) return undefined;
  if (r['error'] !== undefined && typeof r['error'] !== 'string') return undefined;
  const record: AuditRecord = {
    at: r['at'] as string,
    profileId: r['profileId'] as string,
    server: r['server'] as string,
    address: r['address'] as string,
    command: r['command'] as string,
    source: r['source'] as AuditRecord['source'],
    outcome: r['outcome'],
    durationMs: r['durationMs'],
  };
  if (typeof r['error'] === 'string') record.error = r['error'];
  return record;
}

/**
 * Quotes a CSV cell. A cell that starts like a formula is prefixed with `'`, so a spreadsheet
 * shows a command such as `=cmd|' /C calc'!A0` as text instead of running it.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
