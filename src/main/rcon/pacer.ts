/** How many requests a server tolerates per window; more and it blocks the client (Conan Exiles). */
export interface Pacing {
  readonly requests: number;
  readonly perMs: number;
}

interface Waiting {
  weight: number;
  send: () => void;
}

/**
 * Lets writes through in order, at most `requests` request packets in any window of `perMs`.
 * A command and its end marker are two requests. Without pacing every write goes at once.
 */
export class Pacer {
  private readonly sent: number[] = [];
  private readonly waiting: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly pacing: Pacing | undefined) {}

  /** Requests written by someone who could not wait (the login, the probe) still count. */
  record(weight: number): void {
    if (!this.pacing) return;
    const now = performance.now();
    for (let i = 0; i < weight; i += 1) this.sent.push(now);
  }

  run(weight: number, send: () => void): void {
    if (!this.pacing) {
      send();
      return;
    }
    this.waiting.push({ weight, send });
    this.pump();
  }

  /** Forgets everything waiting: the connection is gone. */
  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting.length = 0;
    this.sent.length = 0;
  }

  private pump(): void {
    const pacing = this.pacing;
    if (!pacing || this.timer) return;
    for (let next = this.waiting[0]; next; next = this.waiting[0]) {
      const now = performance.now();
      while (this.sent.length > 0 && this.sent[0]! <= now - pacing.perMs) this.sent.shift();
      // A single write heavier than the whole budget still goes once the window is empty.
      const room = Math.max(pacing.requests, next.weight) - this.sent.length;
      if (room < next.weight) {
        // The oldest writes leave the window first; this one waits until enough of them have.
        const expiring = this.sent[next.weight - room - 1]!;
        this.timer = setTimeout(
          () => {
            this.timer = undefined;
            this.pump();
          },
          Math.max(1, expiring + pacing.perMs - now),
        );
        return;
      }
      this.waiting.shift();
      for (let i = 0; i < next.weight; i += 1) this.sent.push(now);
      next.send();
    }
  }
}
