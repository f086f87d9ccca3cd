/**
 * Feeds text to a terminal in bounded batches, one batch per animation frame, and only once the
 * terminal has parsed the previous one (xterm's write callback). A response of many megabytes
 * then costs a few milliseconds per frame instead of freezing the window.
 */

/** Writes a chunk and calls `done` once it has been processed (xterm's `write(data, callback)`). */
export type ChunkWriter = (chunk: string, done: () => void) => void;
/** Runs the callback on the next frame (`requestAnimationFrame` in the renderer). */
export type FrameScheduler = (callback: () => void) => void;

/** Upper bound of one batch, in UTF-16 code units (about 64 KiB of ASCII). */
export const DEFAULT_MAX_BATCH_CHARS = 64 * 1024;

/** Resets colours and styles, so text kept after a cut does not inherit a style whose start was dropped. */
const RESET_STYLE = '\x1b[0m';

export class OutputBatcher {
  private queue: string[] = [];
  private queuedChars = 0;
  private queuedLines = 0;
  private scheduled = false;
  private writing = false;
  private disposed = false;
  /** Bumped by clear(): a write callback from before the clear must not restart the old flow twice. */
  private generation = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly writer: ChunkWriter,
    private readonly schedule: FrameScheduler,
    readonly maxBatchChars = DEFAULT_MAX_BATCH_CHARS,
    /**
     * The terminal keeps only this many lines; a backlog longer than that is cut to its last
     * `keepLines` lines before it is written. What ends up on screen is the same, but an answer
     * typed during a flood shows at once instead of after the whole backlog has been drawn.
     */
    readonly keepLines = Number.POSITIVE_INFINITY,
    /**
     * The same in size: a backlog over twice this many UTF-16 code units is cut to about this
     * many, at a line start, with a line saying so. Lines alone do not bound memory.
     */
    readonly keepChars = Number.POSITIVE_INFINITY,
  ) {
    if (!Number.isInteger(maxBatchChars) || maxBatchChars < 2) {
      throw new RangeError(`maxBatchChars must be an integer of at least 2, got ${maxBatchChars}.`);
    }
  }

  /** Characters waiting to be written. */
  get pendingChars(): number {
    return this.queuedChars;
  }

  /** Nothing queued, scheduled or being written. */
  get idle(): boolean {
    return this.queuedChars === 0 && !this.scheduled && !this.writing;
  }

  push(text: string): void {
    if (this.disposed || text === '') return;
    this.queue.push(text);
    this.queuedChars += text.length;
    this.queuedLines += countLines(text);
    // Cutting only at twice the limit keeps the cost of counting lines linear in the output.
    if (this.queuedLines > 2 * this.keepLines) this.dropBacklog();
    if (this.queuedChars > 2 * this.keepChars) this.dropOldestChars();
    this.kick();
  }

  /** Keeps the last keepLines lines of the queue. */
  private dropBacklog(): void {
    let lines = 0;
    for (let index = this.queue.length - 1; index >= 0; index -= 1) {
      const chunk = this.queue[index]!;
      const inChunk = countLines(chunk);
      if (lines + inChunk < this.keepLines) {
        lines += inChunk;
        continue;
      }
      // Cut just after the newline that comes before the last keepLines of them.
      let cut = chunk.length;
      for (let needed = this.keepLines - lines; needed >= 0 && cut >= 0; needed -= 1) {
        cut = chunk.lastIndexOf('\n', cut - 1);
      }
      const kept = [RESET_STYLE + chunk.slice(cut + 1), ...this.queue.slice(index + 1)];
      this.queue = kept;
      this.queuedChars = kept.reduce((sum, part) => sum + part.length, 0);
      this.queuedLines = this.keepLines;
      return;
    }
  }

  /**
   * Keeps about the last keepChars of the queue: whole chunks go first, then the oldest kept
   * chunk starts at its first line start past the cut, so no sequence or line is split.
   */
  private dropOldestChars(): void {
    let dropped = 0;
    while (this.queue.length > 1 && this.queuedChars - this.queue[0]!.length >= this.keepChars) {
      const chunk = this.queue.shift()!;
      this.queuedChars -= chunk.length;
      dropped += chunk.length;
    }
    const head = this.queue[0]!;
    const excess = this.queuedChars - this.keepChars;
    // A head without a line start past the cut is kept whole: a little over the bound, never a split line.
    const lineStart = excess > 0 ? head.indexOf('\n', excess) + 1 : 0;
    if (lineStart > 0 && lineStart < head.length) {
      dropped += lineStart;
      this.queuedChars -= lineStart;
      this.queue[0] = head.slice(lineStart);
    }
    if (dropped === 0) return;
    const notice = `${RESET_STYLE}\x1b[90m[… ${formatSize(dropped)} of older output not shown: it came faster than it could be drawn]${RESET_STYLE}\r\n`;
    this.queue.unshift(notice);
    this.queuedChars += notice.length;
    this.queuedLines = this.queue.reduce((sum, part) => sum + countLines(part), 0);
  }

  /** Drops everything not yet written (the terminal is being cleared). */
  clear(): void {
    this.queue = [];
    this.queuedChars = 0;
    this.queuedLines = 0;
    this.settleIfIdle();
  }

  /** Resolves once everything pushed so far has been written. */
  whenIdle(): Promise<void> {
    if (this.idle || this.disposed) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  dispose(): void {
    this.disposed = true;
    this.generation += 1;
    this.clear();
    this.writing = false;
    this.scheduled = false;
    this.settleIfIdle();
  }

  private kick(): void {
    if (this.scheduled || this.writing || this.queuedChars === 0 || this.disposed) return;
    this.scheduled = true;
    const generation = this.generation;
    this.schedule(() => {
      if (generation !== this.generation) return;
      this.scheduled = false;
      this.writeBatch();
    });
  }

  private writeBatch(): void {
    const chunk = this.takeBatch();
    if (chunk === '') {
      this.settleIfIdle();
      return;
    }
    this.writing = true;
    const generation = this.generation;
    let called = false;
    this.writer(chunk, () => {
      if (called || generation !== this.generation) return;
      called = true;
      this.writing = false;
      if (this.queuedChars > 0) this.kick();
      else this.settleIfIdle();
    });
  }

  /** Takes at most maxBatchChars from the front of the queue, never splitting a surrogate pair. */
  private takeBatch(): string {
    const parts: string[] = [];
    let room = this.maxBatchChars;
    while (room > 0 && this.queue.length > 0) {
      const head = this.queue[0]!;
      if (head.length <= room) {
        parts.push(head);
        this.queue.shift();
        room -= head.length;
        continue;
      }
      let cut = room;
      const code = head.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1; // keep a high surrogate with its low half
      if (cut === 0) break;
      parts.push(head.slice(0, cut));
      this.queue[0] = head.slice(cut);
      room = 0;
    }
    const chunk = parts.join('');
    this.queuedChars -= chunk.length;
    this.queuedLines = Math.max(0, this.queuedLines - countLines(chunk));
    return chunk;
  }

  private settleIfIdle(): void {
    if (!this.idle && !this.disposed) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

function countLines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

function formatSize(chars: number): string {
  if (chars >= 1024 * 1024) return `${(chars / (1024 * 1024)).toFixed(1)} Mi characters`;
  if (chars >= 1024) return `${Math.round(chars / 1024)} Ki characters`;
  return `${chars} characters`;
}
