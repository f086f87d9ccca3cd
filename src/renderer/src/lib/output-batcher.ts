import { countNewlines } from '../../../shared/console-limits';

/**
 * Feeds text to a terminal in bounded batches, one batch per animation frame, and only once the
 * terminal has parsed the previous one (xterm's write callback). A response of many megabytes
 * then costs a few milliseconds per frame instead of freezing the window.
 *
 * Two lanes: text pushed as `urgent` (the admin's own commands and their answers) is written
 * before the backlog (unsolicited server output), so an answer typed during a flood shows at the
 * next frame instead of after megabytes of chat. Each lane keeps its own order and bounds.
 */

/** Writes a chunk and calls `done` once it has been processed (xterm's `write(data, callback)`). */
export type ChunkWriter = (chunk: string, done: () => void) => void;
/**
 * Runs the callback on the next frame (`requestAnimationFrame` in the renderer). `backlogOnly`:
 * the next batch holds no urgent text, so a scheduler may leave a frame out (see ConsoleTerminal).
 */
export type FrameScheduler = (callback: () => void, backlogOnly: boolean) => void;

/** Upper bound of one batch, in UTF-16 code units (about 64 KiB of ASCII). */
export const DEFAULT_MAX_BATCH_CHARS = 64 * 1024;

/**
 * A batch is sized so the terminal takes about this long to parse it (as measured on the batches
 * before, see `observe`), between MIN_BATCH_CHARS and maxBatchChars: xterm parses one write in one
 * task, so a fixed 64 Ki batch cost a frame 100 ms and more on a busy machine.
 */
export const WRITE_BUDGET_MS = 8;
export const MIN_BATCH_CHARS = 16 * 1024;
/**
 * The admin's own output (urgent) gets a bigger share of a frame, up to this many times
 * maxBatchChars: the end of a 20 MiB answer (640 KB) and the command typed after it are then on
 * screen in a few frames. Never less than maxBatchChars.
 */
export const URGENT_WRITE_BUDGET_MS = 16;
export const URGENT_BATCH_FACTOR = 4;
/** The pace is the quickest of this many recent batches: the time to a callback also counts other tasks run meanwhile. */
const PACE_SAMPLES = 8;

/** Resets colours and styles, so text kept after a cut does not inherit a style whose start was dropped. */
const RESET_STYLE = '\x1b[0m';

/** One queue of text to write, with its size in UTF-16 code units and in lines. */
interface Lane {
  queue: string[];
  chars: number;
  lines: number;
}

const emptyLane = (): Lane => ({ queue: [], chars: 0, lines: 0 });

export class OutputBatcher {
  private urgent: Lane = emptyLane();
  private backlog: Lane = emptyLane();
  private scheduled = false;
  private backlogHeld = false;
  private writing = false;
  private disposed = false;
  /** Bumped by clear(): a write callback from before the clear must not restart the old flow twice. */
  private generation = 0;
  private idleWaiters: (() => void)[] = [];
  /** Milliseconds per character the terminal took on recent batches, newest last. */
  private costs: number[] = [];

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
    return this.urgent.chars + this.backlog.chars;
  }

  /**
   * Records how long the terminal took for a batch (from the write to its callback): the next
   * batches are sized to WRITE_BUDGET_MS at the quickest pace of the last few. The time to the
   * callback also counts whatever else ran meanwhile, so the quickest is the closest to xterm's own.
   */
  observe(chars: number, ms: number): void {
    if (!(chars > 0) || !(ms >= 0)) return;
    this.costs.push(ms / chars);
    if (this.costs.length > PACE_SAMPLES) this.costs.shift();
  }

  /** The size of the next batch of server output, in UTF-16 code units. */
  get batchChars(): number {
    const fits = this.fits(WRITE_BUDGET_MS);
    if (fits === undefined) return this.maxBatchChars;
    return Math.max(Math.min(MIN_BATCH_CHARS, this.maxBatchChars), Math.min(this.maxBatchChars, fits));
  }

  /** The size of the next batch of urgent text, in UTF-16 code units. */
  get urgentBatchChars(): number {
    const fits = this.fits(URGENT_WRITE_BUDGET_MS);
    if (fits === undefined) return this.maxBatchChars;
    return Math.max(this.maxBatchChars, Math.min(URGENT_BATCH_FACTOR * this.maxBatchChars, fits));
  }

  /** Characters the terminal parses in `ms` at the quickest recent pace, or undefined before any. */
  private fits(ms: number): number | undefined {
    const cost = this.costs.length === 0 ? 0 : Math.min(...this.costs);
    return cost === 0 ? undefined : Math.floor(ms / cost);
  }

  /** Nothing queued, scheduled or being written. */
  get idle(): boolean {
    return this.pendingChars === 0 && !this.scheduled && !this.writing;
  }

  /** Queues text; `urgent` text is written before any backlog queued in the other lane. */
  push(text: string, urgent = false): void {
    if (this.disposed || text === '') return;
    const lane = urgent ? this.urgent : this.backlog;
    lane.queue.push(text);
    lane.chars += text.length;
    lane.lines += countNewlines(text);
    // Cutting only at twice the limit keeps the cost of counting lines linear in the output.
    if (lane.lines > 2 * this.keepLines) this.dropOldestLines(lane);
    if (lane.chars > 2 * this.keepChars) this.dropOldestChars(lane);
    this.kick();
  }

  /** Keeps the last keepLines lines of a lane. */
  private dropOldestLines(lane: Lane): void {
    let lines = 0;
    for (let index = lane.queue.length - 1; index >= 0; index -= 1) {
      const chunk = lane.queue[index]!;
      const inChunk = countNewlines(chunk);
      if (lines + inChunk < this.keepLines) {
        lines += inChunk;
        continue;
      }
      // Cut just after the newline that comes before the last keepLines of them.
      let cut = chunk.length;
      for (let needed = this.keepLines - lines; needed >= 0 && cut >= 0; needed -= 1) {
        cut = chunk.lastIndexOf('\n', cut - 1);
      }
      const kept = [RESET_STYLE + chunk.slice(cut + 1), ...lane.queue.slice(index + 1)];
      lane.queue = kept;
      lane.chars = kept.reduce((sum, part) => sum + part.length, 0);
      lane.lines = this.keepLines;
      return;
    }
  }

  /**
   * Keeps about the last keepChars of the queue: whole chunks go first, then the oldest kept
   * chunk starts at its first line start past the cut, so no sequence or line is split.
   */
  private dropOldestChars(lane: Lane): void {
    let dropped = 0;
    while (lane.queue.length > 1 && lane.chars - lane.queue[0]!.length >= this.keepChars) {
      const chunk = lane.queue.shift()!;
      lane.chars -= chunk.length;
      dropped += chunk.length;
    }
    const head = lane.queue[0]!;
    const excess = lane.chars - this.keepChars;
    // A head without a line start past the cut is kept whole: a little over the bound, never a split line.
    const lineStart = excess > 0 ? head.indexOf('\n', excess) + 1 : 0;
    if (lineStart > 0 && lineStart < head.length) {
      dropped += lineStart;
      lane.chars -= lineStart;
      lane.queue[0] = head.slice(lineStart);
    }
    if (dropped === 0) return;
    const notice = droppedOutputNotice(dropped);
    lane.queue.unshift(notice);
    lane.chars += notice.length;
    lane.lines = lane.queue.reduce((sum, part) => sum + countNewlines(part), 0);
  }

  /**
   * While held, only urgent text is written: the rest of an urgent entry still on its way (formatted
   * a slice per frame) then follows its start with no backlog in between.
   */
  holdBacklog(held: boolean): void {
    if (held === this.backlogHeld) return;
    this.backlogHeld = held;
    if (!held) this.kick();
  }

  /** Drops everything not yet written (the terminal is being cleared). */
  clear(): void {
    this.urgent = emptyLane();
    this.backlog = emptyLane();
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
    const writable = this.backlogHeld ? this.urgent.chars : this.pendingChars;
    if (this.scheduled || this.writing || writable === 0 || this.disposed) return;
    this.scheduled = true;
    const generation = this.generation;
    this.schedule(() => {
      if (generation !== this.generation) return;
      this.scheduled = false;
      this.writeBatch();
    }, this.urgent.chars === 0);
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
      this.kick();
      this.settleIfIdle();
    });
  }

  /**
   * Takes at most maxBatchChars, the urgent lane first, never splitting a surrogate pair. A batch
   * holds text of one lane only, so urgent text is never glued to the middle of a backlog line.
   */
  private takeBatch(): string {
    const lane = this.urgent.chars > 0 || this.backlogHeld ? this.urgent : this.backlog;
    const parts: string[] = [];
    // The admin's answers go in bigger batches: the end of a 20 MiB answer (640 KB) must be on
    // screen within a few frames, and the command typed after it waits behind it.
    let room = lane === this.urgent ? this.urgentBatchChars : this.batchChars;
    while (room > 0 && lane.queue.length > 0) {
      const head = lane.queue[0]!;
      if (head.length <= room) {
        parts.push(head);
        lane.queue.shift();
        room -= head.length;
        continue;
      }
      // Cut after a line end when there is one, so the other lane never lands inside a line.
      let cut = head.lastIndexOf('\n', room - 1) + 1;
      if (cut === 0) {
        if (parts.length > 0) break;
        cut = room;
        const code = head.charCodeAt(cut - 1);
        if (code >= 0xd800 && code <= 0xdbff) cut -= 1; // keep a high surrogate with its low half
      }
      if (cut === 0) break;
      parts.push(head.slice(0, cut));
      lane.queue[0] = head.slice(cut);
      room = 0;
    }
    const chunk = parts.join('');
    lane.chars -= chunk.length;
    lane.lines = Math.max(0, lane.lines - countNewlines(chunk));
    return chunk;
  }

  private settleIfIdle(): void {
    if (!this.idle && !this.disposed) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** The grey line that says output was left out because it came faster than it could be drawn. */
export function droppedOutputNotice(chars: number): string {
  return `${RESET_STYLE}\x1b[90m[… ${formatSize(chars)} of older output not shown: it came faster than it could be drawn]${RESET_STYLE}\r\n`;
}

function formatSize(chars: number): string {
  if (chars >= 1024 * 1024) return `${(chars / (1024 * 1024)).toFixed(1)} Mi characters`;
  if (chars >= 1024) return `${Math.round(chars / 1024)} Ki characters`;
  return `${chars} characters`;
}
