import type { SessionEvent } from '../shared/api';
import { outputParts } from '../shared/output-parts';

type OutputEvent = Extract<SessionEvent, { type: 'output' }>;

/** Server messages of one session sent to the window together: at most this long after the first. */
export const SERVER_OUTPUT_DELAY_MS = 8;
/** And at most this many characters (UTF-16 code units) together. */
export const SERVER_OUTPUT_CHARS = 64 * 1024;

/**
 * Forwards session events to the window. Unsolicited server messages of a session that arrive
 * together (a flood: a busy server's log, chat spam) go as one output event, their texts joined
 * line after line, a few milliseconds later at most: a Rust server pushing thousands of lines a
 * second then costs the window one message per read instead of one per line. Any other event flushes
 * them first, so the order stays the server's, and the admin's commands and answers never wait.
 * A long output goes over in parts (shared/output-parts.ts).
 */
export class SessionEventForwarder {
  private pending: OutputEvent | undefined;
  private parts: string[] = [];
  private chars = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly send: (event: SessionEvent) => void,
    private readonly delayMs = SERVER_OUTPUT_DELAY_MS,
    private readonly maxChars = SERVER_OUTPUT_CHARS,
  ) {}

  forward(event: SessionEvent): void {
    if (event.type === 'output' && event.kind === 'server' && event.more === undefined) {
      if (this.pending && this.pending.sessionId !== event.sessionId) this.flush();
      this.gather(event);
      return;
    }
    this.flush();
    this.sendParts(event);
  }

  /** Sends the server messages held back, now. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const pending = this.pending;
    if (!pending) return;
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.pending = undefined;
    this.parts = [];
    this.chars = 0;
    this.sendParts({ ...pending, text });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
    this.parts = [];
  }

  private gather(event: OutputEvent): void {
    if (this.pending) {
      // Each message starts a line of its own, as it would as an event of its own.
      const last = this.parts[this.parts.length - 1]!;
      if (!last.endsWith('\n')) this.parts.push('\n');
    } else {
      this.pending = event;
      this.timer = setTimeout(() => this.flush(), this.delayMs);
    }
    this.parts.push(event.text);
    this.chars += event.text.length;
    if (this.chars >= this.maxChars) this.flush();
  }

  private sendParts(event: SessionEvent): void {
    for (const part of outputParts(event)) this.send(part);
  }
}
