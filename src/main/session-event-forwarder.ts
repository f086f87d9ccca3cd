import type { ApiResult, OutputReceipt, SessionEvent } from '../shared/api';
import { OVERTAKEN_KEEP_CHARS, OVERTAKEN_KEEP_LINES } from '../shared/console-limits';
import { EntryBacklog } from '../shared/entry-backlog';
import { outputParts } from '../shared/output-parts';

type OutputEvent = Extract<SessionEvent, { type: 'output' }>;

/** Server messages of one session sent to the window together: at most this long after the first. */
export const SERVER_OUTPUT_DELAY_MS = 8;
/** And at most this many characters (UTF-16 code units) together. */
export const SERVER_OUTPUT_CHARS = 64 * 1024;
/**
 * Output sent to the window and not yet taken by it (OUTPUT_RECEIVED_CHANNEL), in UTF-16 code
 * units, above which server messages wait here instead of queueing in the IPC pipe: an answer the
 * admin typed then crosses behind at most this much, not behind megabytes of a flood.
 */
export const OUTPUT_WINDOW_CHARS = 256 * 1024;
/**
 * Output held while the window is behind (a session's server messages, a streamed answer's parts)
 * is cut to its newest lines and characters: at least the console's scrollback (SCROLLBACK_LINES,
 * shared/console-limits.ts), so what is cut would have scrolled out unseen, and an answer keeps
 * more than the ANSWER_LINES_SHOWN the console shows of it (the main process keeps it whole).
 */
export const HELD_OUTPUT_LINES = 10_500;
export const HELD_OUTPUT_CHARS = 4 * 1024 * 1024;

export interface ForwarderOptions {
  delayMs?: number;
  maxChars?: number;
  windowChars?: number;
  heldLines?: number;
  heldChars?: number;
}

const SERVER_LANE = 'server:';
const STREAM_LANE = 'stream:';

/**
 * The lane of output that may wait for the window: a session's server messages (whole, not parts
 * of a long one), or the parts of one streamed answer. Undefined for anything that never waits.
 */
function laneOf(event: SessionEvent): string | undefined {
  if (event.type !== 'output') return undefined;
  if (event.stream !== undefined) return `${STREAM_LANE}${event.sessionId}:${event.stream}`;
  return event.kind === 'server' && event.more === undefined ? `${SERVER_LANE}${event.sessionId}` : undefined;
}

const isReceipt = (value: unknown): value is OutputReceipt => {
  if (typeof value !== 'object' || value === null) return false;
  const { page, chars } = value as Partial<Record<keyof OutputReceipt, unknown>>;
  return (
    typeof page === 'string' &&
    page.length > 0 &&
    page.length <= 64 &&
    Number.isSafeInteger(chars) &&
    Number(chars) >= 0
  );
};

/**
 * Forwards session events to the window.
 *
 * - Unsolicited server messages of a session that arrive together (a flood: a busy server's log,
 *   chat spam) go as one output event, their texts joined line after line, a few milliseconds
 *   later at most: a Rust server pushing thousands of lines a second then costs the window one
 *   message per read instead of one per line.
 * - Flow control: the window reports the output it has taken (`received`). While more than
 *   `windowChars` of output is on its way, server messages and the parts of a streamed answer wait
 *   here, bounded like the scrollback, and the next one sent says how much was left out (`dropped`).
 *   An answer's last part sends the rest of it first. Other events never wait: the admin's command,
 *   a short answer and status lines then overtake a flood the window has not taken, of which only
 *   the newest part follows them (OVERTAKEN_KEEP_LINES).
 * - Otherwise any other event sends the waiting messages first, so the order stays the server's.
 * - A long output goes over in parts (shared/output-parts.ts).
 */
export class SessionEventForwarder {
  /**
   * Output waiting for room in the window, by lane: a session's server messages, or the parts of
   * one streamed answer (laneOf). In the order the lanes first had some.
   */
  private readonly held = new Map<string, EntryBacklog<OutputEvent>>();
  private timer: NodeJS.Timeout | undefined;
  private inFlight = 0;
  private page: string | undefined;
  private readonly delayMs: number;
  private readonly maxChars: number;
  private readonly windowChars: number;
  private readonly heldLines: number;
  private readonly heldChars: number;

  constructor(
    private readonly send: (event: SessionEvent) => void,
    options: ForwarderOptions = {},
  ) {
    this.delayMs = options.delayMs ?? SERVER_OUTPUT_DELAY_MS;
    this.maxChars = options.maxChars ?? SERVER_OUTPUT_CHARS;
    this.windowChars = options.windowChars ?? OUTPUT_WINDOW_CHARS;
    this.heldLines = options.heldLines ?? HELD_OUTPUT_LINES;
    this.heldChars = options.heldChars ?? HELD_OUTPUT_CHARS;
  }

  forward(event: SessionEvent): void {
    const lane = laneOf(event);
    if (lane && event.type === 'output' && event.more === true) {
      // A part of a streamed answer: it waits while the window is behind, like server messages.
      this.backlogOf(lane).push(event);
      this.sendHeld(lane);
      return;
    }
    if (lane && event.type === 'output' && event.stream === undefined) {
      const backlog = this.backlogOf(lane);
      backlog.push(event);
      if (backlog.chars >= this.maxChars) this.sendHeld(lane);
      else this.timer ??= setTimeout(() => this.flush(), this.delayMs);
      return;
    }
    if (event.type === 'output' && event.kind !== 'server' && this.inFlight >= this.windowChars) {
      // It overtakes the session's server messages still held: only their newest part follows it.
      this.held.get(`${SERVER_LANE}${event.sessionId}`)?.trim(OVERTAKEN_KEEP_LINES, OVERTAKEN_KEEP_CHARS);
    }
    this.flush();
    // The last part of a streamed answer: the rest of it goes first, room or not (it is bounded).
    if (lane) this.sendHeld(lane, true);
    this.sendEvent(event);
  }

  /**
   * The window's bridge took an output event (OUTPUT_RECEIVED_CHANNEL): held messages may go. A
   * receipt from a new page load starts the count again, since what was on its way to the old
   * page will never be receipted.
   */
  received(receipt: unknown): ApiResult<void> {
    if (!isReceipt(receipt)) {
      return { ok: false, error: { kind: 'validation', message: 'An output receipt needs a page name and a count.' } };
    }
    if (receipt.page !== this.page) {
      this.page = receipt.page;
      this.inFlight = 0;
    }
    this.inFlight = Math.max(0, this.inFlight - receipt.chars);
    this.flush();
    return { ok: true, value: undefined };
  }

  /** Sends the output held back, as far as the window has room. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const lane of [...this.held.keys()]) this.sendHeld(lane);
  }

  /** Nothing is held back. */
  get idle(): boolean {
    return this.held.size === 0;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.held.clear();
  }

  private backlogOf(lane: string): EntryBacklog<OutputEvent> {
    let backlog = this.held.get(lane);
    if (!backlog) this.held.set(lane, (backlog = new EntryBacklog(this.heldLines, this.heldChars)));
    return backlog;
  }

  /**
   * A lane's held output while the window has room (or all of it, `all`): server messages joined
   * in events of at most maxChars, the parts of a streamed answer as they came. The first event
   * after a cut says what was left out.
   */
  private sendHeld(lane: string, all = false): void {
    const backlog = this.held.get(lane);
    if (!backlog) return;
    while (!backlog.empty && (all || this.inFlight < this.windowChars)) {
      const { chars: droppedChars, newlines } = backlog.takeDropped();
      const dropped = droppedChars > 0 ? { dropped: { chars: droppedChars, lines: newlines } } : {};
      if (lane.startsWith(STREAM_LANE)) {
        this.sendEvent({ ...backlog.take(Number.MAX_SAFE_INTEGER)!, ...dropped });
        continue;
      }
      // A message longer than maxChars goes in slices cut after line ends; shorter ones whole.
      const first = backlog.take(this.maxChars)!;
      const texts = [first.text];
      let chars = first.text.length;
      while (!backlog.empty && chars + backlog.nextLength + 1 <= this.maxChars) {
        const next = backlog.take(this.maxChars)!;
        // Each message starts a line of its own, as it would as an event of its own.
        if (!texts[texts.length - 1]!.endsWith('\n')) {
          texts.push('\n');
          chars += 1;
        }
        texts.push(next.text);
        chars += next.text.length;
      }
      const text = texts.length === 1 ? first.text : texts.join('');
      this.sendEvent({ ...first, text, ...dropped });
    }
    if (backlog.empty) this.held.delete(lane);
  }

  private sendEvent(event: SessionEvent): void {
    for (const part of outputParts(event)) {
      if (part.type === 'output') this.inFlight += part.text.length;
      this.send(part);
    }
  }
}
