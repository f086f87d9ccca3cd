import type { OutputKind } from '../../../shared/api';
import { countNewlines } from '../../../shared/console-limits';

/**
 * The parts of one long output as they arrive (shared/output-parts.ts), with their line ends
 * counted on arrival: the whole is never scanned in one go, and its end is found from the last
 * parts alone. With `keepNewlines`, only the last parts holding that many line ends are kept (an
 * answer the console shows cut: the main process keeps it whole for saving).
 */
export class OutputParts {
  private readonly parts: string[] = [];
  private readonly newlines: number[] = [];
  private newlineTotal = 0;
  private keptNewlines = 0;

  constructor(
    readonly kind: OutputKind,
    /** When the first part arrived: the time the output is shown with. */
    readonly at: number,
    private readonly keepNewlines = Number.POSITIVE_INFINITY,
  ) {}

  add(text: string): void {
    const count = countNewlines(text);
    this.parts.push(text);
    this.newlines.push(count);
    this.newlineTotal += count;
    this.keptNewlines += count;
    while (this.parts.length > 1 && this.keptNewlines - this.newlines[0]! >= this.keepNewlines) {
      this.parts.shift();
      this.keptNewlines -= this.newlines.shift()!;
    }
  }

  /** Lines left out before the parts to come, on the way here (SessionEvent `dropped`): counted, not kept. */
  addDropped(lines: number): void {
    this.newlineTotal += lines;
  }

  /** Lines as the console draws them (long-answer.ts countLines): a trailing line end starts none. */
  lines(): number {
    const last = this.parts.findLast((part) => part !== '');
    if (last === undefined) return 0;
    return last.endsWith('\n') ? this.newlineTotal : this.newlineTotal + 1;
  }

  /** The last parts joined, enough of them to hold at least `lines` line ends (or all). */
  tail(lines: number): string {
    let count = 0;
    let from = this.parts.length;
    while (from > 0 && count < lines) {
      from -= 1;
      count += this.newlines[from]!;
    }
    return this.parts.slice(from).join('');
  }

  text(): string {
    return this.parts.join('');
  }
}
