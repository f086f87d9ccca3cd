import { appendFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { OutputKind, Profile, SessionEvent, SessionInfo, SessionStatus } from '../../shared/api';
import { profileSettings } from '../../shared/profile-settings';
import { isPlainServerText, sanitizeServerText } from '../../shared/server-text';
import { fileSize, renameIfExists } from './atomic-file';
import { NotFoundError, StorageError } from './errors';
import { maskCommand } from './sensitive-commands';
import { errorMessage } from './session-text';

/** What the writer needs from the profile store: a profile's name and settings, read when lines are written. */
export interface TranscriptProfiles {
  /** Throws NotFoundError for an unknown (deleted) profile. */
  get(id: string): Promise<Profile>;
}

export interface TranscriptWriterOptions {
  /** The folder that holds one folder per server (`<dataDir>/transcripts`). */
  folder: string;
  /** The open session with this id, or undefined; output events name only their session. */
  findSession: (sessionId: string) => SessionInfo | undefined;
  /** Told when a transcript cannot be written; the sessions go on regardless. */
  onError?: (error: unknown) => void;
  /** A day's file is rotated when a write would take it past this size. */
  maxBytes?: number;
  /** Rotated files kept per day besides the current one (`2026-11-30.1.log` is the newest). */
  keepFiles?: number;
  /** Lines waiting for the disk beyond this are dropped, and the transcript says how many. */
  maxPendingBytes?: number;
}

export const DEFAULT_TRANSCRIPT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_TRANSCRIPT_KEEP_FILES = 4;
const DEFAULT_MAX_PENDING_BYTES = 16 * 1024 * 1024;

/** A line waiting to be written; made into text only if its server's transcript is on. */
interface PendingLine {
  profileId: string;
  at: number;
  /** The size of its text, near enough, for the bound on what waits. */
  size: number;
  render: () => string;
}

/** Each kind has its own mark, so an answer that starts with "> " cannot pass for a command sent. */
const MARKERS: Readonly<Record<OutputKind, string>> = {
  command: '> ',
  response: '< ',
  server: '[server] ',
  error: '[error] ',
  info: '[info] ',
};

/** SGR sequences the sanitizer keeps for the screen, and Minecraft `§` codes: a text file shows neither. */
// eslint-disable-next-line no-control-regex -- the ESC of a colour code is what goes
const STYLE_CODES = /\x1b\[[0-9;]*m|\u00a7[0-9a-fk-or]/gi;

/**
 * The automatic transcript of the servers whose `autoTranscript` setting is on: every output event
 * of their sessions (commands, answers, server messages, errors, notes) and their status changes,
 * appended with the time to `<folder>/<server name>-<profile id>/<YYYY-MM-DD>.log` (local date).
 *
 * `handle` only queues a line, so a session never waits for the disk; the lines are written in
 * order, one append per file per batch. The setting is read when a batch is written, so turning
 * it on or off takes effect at once, without reopening the tab. Server text passes the same
 * sanitizer as the console and loses its colours too, so the file holds no escape sequence or
 * control character; commands come masked from the session manager and are masked once more.
 * Each day's file is rotated by size (like the audit log), so one server keeps at most
 * `(keepFiles + 1) × maxBytes` a day (an answer longer than `maxBytes` is still written whole).
 */
export class TranscriptWriter {
  private readonly maxBytes: number;
  private readonly keepFiles: number;
  private readonly maxPendingBytes: number;
  private readonly onError: (error: unknown) => void;
  private pending: PendingLine[] = [];
  private pendingBytes = 0;
  /** Per profile: lines dropped because the disk fell behind, said in its transcript at the next write. */
  private readonly dropped = new Map<string, number>();
  /** Known sizes of the files written to, so a batch does not stat before each append. */
  private readonly sizes = new Map<string, number>();
  private writing: Promise<void> | undefined;
  /** A failing disk is reported once, then again only after a write has worked. */
  private failing = false;

  constructor(
    private readonly profiles: TranscriptProfiles,
    private readonly options: TranscriptWriterOptions,
  ) {
    this.maxBytes = options.maxBytes ?? DEFAULT_TRANSCRIPT_MAX_BYTES;
    this.keepFiles = options.keepFiles ?? DEFAULT_TRANSCRIPT_KEEP_FILES;
    this.maxPendingBytes = options.maxPendingBytes ?? DEFAULT_MAX_PENDING_BYTES;
    this.onError = options.onError ?? (() => undefined);
  }

  /** The folder a server's transcripts go to. */
  folderOf(profile: Pick<Profile, 'id' | 'name'>): string {
    return join(this.options.folder, `${safeFileName(profile.name)}-${profile.id}`);
  }

  /**
   * Takes one session event and returns at once. Nothing is formatted here: most servers keep no
   * transcript, and a many-megabyte answer should cost them nothing.
   */
  handle(event: SessionEvent): void {
    let line: PendingLine | undefined;
    if (event.type === 'status') {
      const { session } = event;
      const text = describeStatus(session.status, session.reason);
      const at = Date.now();
      if (text !== undefined)
        line = {
          profileId: session.profileId,
          at,
          size: text.length,
          render: () => formatLine(session, '[status] ', text, at),
        };
    } else {
      const session = this.options.findSession(event.sessionId);
      if (session)
        line = {
          profileId: session.profileId,
          at: event.at,
          size: event.text.length,
          render: () => formatOutput(session, event),
        };
    }
    if (!line) return;
    // One line always fits, however long: the bound is for lines piling up behind a slow disk.
    if (this.pending.length > 0 && this.pendingBytes + line.size > this.maxPendingBytes) {
      this.dropped.set(line.profileId, (this.dropped.get(line.profileId) ?? 0) + 1);
      return;
    }
    this.pending.push(line);
    this.pendingBytes += line.size;
    this.startWriting();
  }

  /** Resolves when every line handled so far is on disk (or reported as failed). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private startWriting(): void {
    this.writing ??= this.drain()
      .catch((error: unknown) => this.report(error))
      .finally(() => {
        this.writing = undefined;
        // Lines queued between the end of the drain and this callback.
        if (this.pending.length > 0) this.startWriting();
      });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      this.pendingBytes = 0;
      await this.writeBatch(batch);
    }
  }

  private async writeBatch(batch: PendingLine[]): Promise<void> {
    const byProfile = new Map<string, PendingLine[]>();
    for (const line of batch) {
      const lines = byProfile.get(line.profileId);
      if (lines) lines.push(line);
      else byProfile.set(line.profileId, [line]);
    }
    for (const [profileId, lines] of byProfile) {
      const profile = await this.transcribed(profileId);
      const dropped = this.dropped.get(profileId);
      this.dropped.delete(profileId);
      if (!profile) continue;
      const folder = this.folderOf(profile);
      const byFile = new Map<string, string[]>();
      const add = (at: number, text: string): void => {
        const file = join(folder, `${localDay(at)}.log`);
        const texts = byFile.get(file);
        if (texts) texts.push(text);
        else byFile.set(file, [text]);
      };
      if (dropped !== undefined) {
        const at = lines[0]?.at ?? Date.now();
        const note = `${dropped} line${dropped === 1 ? '' : 's'} not written here: the output came faster than the disk took it.`;
        add(at, `${clock(at)} [transcript] ${note}`);
      }
      for (const line of lines) add(line.at, line.render());
      for (const [file, texts] of byFile) await this.append(folder, file, `${texts.join('\n')}\n`);
    }
  }

  /** The profile, when it exists and its transcript is on. */
  private async transcribed(profileId: string): Promise<Profile | undefined> {
    try {
      const profile = await this.profiles.get(profileId);
      return profileSettings(profile).autoTranscript ? profile : undefined;
    } catch (error) {
      // A deleted server has nothing to record; anything else is worth a log line.
      if (!(error instanceof NotFoundError)) this.report(error);
      return undefined;
    }
  }

  private async append(folder: string, file: string, text: string): Promise<void> {
    const bytes = Buffer.byteLength(text);
    try {
      await mkdir(folder, { recursive: true, mode: 0o700 });
      let size = this.sizes.get(file) ?? (await fileSize(file));
      if (size > 0 && size + bytes > this.maxBytes) {
        await this.rotate(file);
        size = 0;
      }
      // Consoles hold what players and admins typed: readable by the user only.
      await appendFile(file, text, { encoding: 'utf8', mode: 0o600 });
      this.sizes.set(file, size + bytes);
      this.failing = false;
    } catch (error) {
      this.sizes.delete(file);
      if (this.failing) return;
      this.failing = true;
      this.report(
        new StorageError(`A transcript could not be written (${file}): ${errorMessage(error)}`, { cause: error }),
      );
    }
  }

  /** `day.log` becomes `day.1.log`, `day.1.log` becomes `day.2.log`…, the oldest beyond `keepFiles` goes. */
  private async rotate(file: string): Promise<void> {
    const numbered = (n: number): string => file.replace(/\.log$/, `.${n}.log`);
    await rm(numbered(this.keepFiles), { force: true });
    for (let n = this.keepFiles - 1; n >= 1; n -= 1) await renameIfExists(numbered(n), numbered(n + 1));
    if (this.keepFiles > 0) await renameIfExists(file, numbered(1));
    else await rm(file, { force: true });
  }

  private report(error: unknown): void {
    try {
      this.onError(error);
    } catch {
      // A failing reporter must not stop the transcripts.
    }
  }
}

/** The words of a status change, or undefined for the steps of a login that need no line. */
function describeStatus(status: SessionStatus, reason: string | undefined): string | undefined {
  if (status === 'authenticating') return undefined;
  return reason === undefined ? status : `${status}: ${reason}`;
}

function formatOutput(session: SessionInfo, event: Extract<SessionEvent, { type: 'output' }>): string {
  let text = event.kind === 'command' ? maskCommand(event.text) : event.text;
  if (event.kind === 'response' && text.trim() === '') text = '(no output)';
  return formatLine(session, MARKERS[event.kind], text, event.at);
}

/**
 * `13:05:02.123 #1a2b3c > echo hi`: the time, the tab (two tabs of a server share the file), the
 * kind and the text; further lines of the text are indented under its first.
 */
function formatLine(session: SessionInfo, marker: string, text: string, at: number): string {
  const prefix = `${clock(at)} #${session.sessionId.slice(0, 6)} `;
  const body = withoutTrailingNewlines(plainText(text));
  // One native pass over the text: a 20 MiB answer must not hold up the main process for long.
  return `${prefix}${marker}${body.replace(/\n/g, `\n${' '.repeat(prefix.length)}`)}`;
}

/** Server text as plain text: sanitized as for the console, then without the colours it kept. */
export function plainText(text: string): string {
  const safe = isPlainServerText(text) ? text : sanitizeServerText(text);
  return safe.includes('\x1b') || safe.includes('\u00a7') ? safe.replace(STYLE_CODES, '') : safe;
}

function withoutTrailingNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x0a) end -= 1;
  return end === text.length ? text : text.slice(0, end);
}

/** A server name as part of a folder name on every platform. */
export function safeFileName(name: string): string {
  const safe = name
    .replace(/[^\p{L}\p{N} ._-]+/gu, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[ .]+|[ .]+$/g, '')
    .slice(0, 60);
  return safe === '' ? 'server' : safe;
}

/** `YYYY-MM-DD` in local time. */
export function localDay(at: number): string {
  const date = new Date(at);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function clock(at: number): string {
  const date = new Date(at);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
