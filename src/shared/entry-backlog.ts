import { countNewlines } from './console-limits';

/**
 * Server output waiting for the console, kept as it arrived and bounded like the scrollback: a
 * flood faster than it can be shown is cut to its newest `keepLines` lines and about `keepChars`
 * characters. The window keeps one per console before formatting (nothing is formatted that would
 * scroll out unseen); the main process one per session while the window has not taken what was
 * sent (session-event-forwarder.ts). Entries are any records with a text.
 */
export class EntryBacklog<Entry extends { text: string }> {
  private entries: { entry: Entry; lines: number }[] = [];
  private head = 0;
  private lineCount = 0;
  private charCount = 0;
  private dropped = 0;
  private droppedNewlines = 0;

  constructor(
    readonly keepLines: number,
    readonly keepChars: number,
  ) {
    if (!(keepLines >= 1) || !(keepChars >= 1)) {
      throw new RangeError(`keepLines and keepChars must be at least 1, got ${keepLines} and ${keepChars}.`);
    }
  }

  get empty(): boolean {
    return this.head === this.entries.length;
  }

  /** Length of the oldest entry's text (0 when empty). */
  get nextLength(): number {
    return this.empty ? 0 : this.entries[this.head]!.entry.text.length;
  }

  get lines(): number {
    return this.lineCount;
  }

  get chars(): number {
    return this.charCount;
  }

  push(entry: Entry): void {
    if (entry.text === '') return;
    const lines = countNewlines(entry.text) + 1;
    this.entries.push({ entry, lines });
    this.lineCount += lines;
    this.charCount += entry.text.length;
    // Cutting only at twice the bounds keeps the cost linear in the output.
    if (this.lineCount > 2 * this.keepLines) this.keepNewestLines(this.keepLines);
    if (this.charCount > 2 * this.keepChars) this.keepNewestChars(this.keepChars);
  }

  /** The oldest entry, or its start up to `maxChars` cut after a line end (the rest stays first). */
  take(maxChars: number): Entry | undefined {
    if (this.empty) return undefined;
    const first = this.entries[this.head]!;
    const { text } = first.entry;
    if (text.length <= maxChars) {
      this.entries[this.head] = undefined as never;
      this.head += 1;
      this.lineCount -= first.lines;
      this.charCount -= text.length;
      // Counted down before a reset, never after: the counts of an emptied backlog are 0, not negative.
      if (this.empty) this.reset();
      else if (this.head > 1024 && this.head * 2 > this.entries.length) this.compact();
      return first.entry;
    }
    let cut = text.lastIndexOf('\n', maxChars - 1) + 1;
    if (cut === 0) {
      cut = maxChars;
      const code = text.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1; // keep a high surrogate with its low half
    }
    const taken = text.slice(0, cut);
    const takenLines = countNewlines(taken);
    first.entry = { ...first.entry, text: text.slice(cut) };
    first.lines -= takenLines;
    this.lineCount -= takenLines;
    this.charCount -= taken.length;
    return { ...first.entry, text: taken };
  }

  /** Counts characters left out before the entries pushed next, elsewhere (the main process). */
  addDropped(chars: number): void {
    if (Number.isSafeInteger(chars) && chars > 0) this.dropped += chars;
  }

  /** Characters dropped since the last call, and the line ends among them, to say so in the console. */
  takeDropped(): { chars: number; newlines: number } {
    const dropped = { chars: this.dropped, newlines: this.droppedNewlines };
    this.dropped = 0;
    this.droppedNewlines = 0;
    return dropped;
  }

  clear(): void {
    this.reset();
    this.dropped = 0;
    this.droppedNewlines = 0;
  }

  private reset(): void {
    this.entries = [];
    this.head = 0;
    this.lineCount = 0;
    this.charCount = 0;
  }

  private compact(): void {
    this.entries = this.entries.slice(this.head);
    this.head = 0;
  }

  private dropFirst(): void {
    const first = this.entries[this.head]!;
    this.entries[this.head] = undefined as never;
    this.head += 1;
    this.lineCount -= first.lines;
    this.charCount -= first.entry.text.length;
    this.dropped += first.entry.text.length;
    this.droppedNewlines += first.lines - 1;
  }

  /**
   * Cuts what waits to its newest `lines` lines and about `chars` characters, now (counted as
   * dropped): when the admin's own output overtakes it, older server output drawn after it must not
   * scroll it away.
   */
  trim(lines: number, chars: number): void {
    if (this.lineCount > lines) this.keepNewestLines(lines);
    if (this.charCount > chars) this.keepNewestChars(chars);
  }

  private keepNewestLines(keepLines: number): void {
    while (this.entries.length - this.head > 1 && this.lineCount - this.entries[this.head]!.lines >= keepLines) {
      this.dropFirst();
    }
    const excess = this.lineCount - keepLines;
    if (excess > 0) this.cutFirst(nthNewline(this.entries[this.head]!.entry.text, excess) + 1);
    this.compact();
  }

  private keepNewestChars(keepChars: number): void {
    while (
      this.entries.length - this.head > 1 &&
      this.charCount - this.entries[this.head]!.entry.text.length >= keepChars
    ) {
      this.dropFirst();
    }
    const { text } = this.entries[this.head]!.entry;
    const excess = this.charCount - keepChars;
    // Cut at a line start past the excess; a line with none is kept whole, a little over the bound.
    if (excess > 0) this.cutFirst(text.indexOf('\n', excess) + 1);
    this.compact();
  }

  /** Drops the first `cut` characters of the oldest entry (nothing when cut is 0 or the whole). */
  private cutFirst(cut: number): void {
    const first = this.entries[this.head]!;
    const { text } = first.entry;
    if (cut <= 0 || cut >= text.length) return;
    const droppedLines = countNewlines(text.slice(0, cut));
    first.entry = { ...first.entry, text: text.slice(cut) };
    first.lines -= droppedLines;
    this.lineCount -= droppedLines;
    this.charCount -= cut;
    this.dropped += cut;
    this.droppedNewlines += droppedLines;
  }
}

/** Index of the n-th newline (1-based) of a text, or -1. */
function nthNewline(text: string, n: number): number {
  let at = -1;
  for (let found = 0; found < n; found += 1) {
    at = text.indexOf('\n', at + 1);
    if (at < 0) return -1;
  }
  return at;
}
