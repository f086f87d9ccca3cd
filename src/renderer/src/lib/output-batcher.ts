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

export class OutputBatcher {
  private queue: string[] = [];
  private queuedChars = 0;
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
    this.kick();
  }

  /** Drops everything not yet written (the terminal is being cleared). */
  clear(): void {
    this.queue = [];
    this.queuedChars = 0;
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
    return chunk;
  }

  private settleIfIdle(): void {
    if (!this.idle && !this.disposed) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
