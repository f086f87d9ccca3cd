import { countNewlines } from '../../../shared/console-limits';

/** An answer too long for the scrollback: the end that is shown, and how much is not. */
export interface CutAnswer {
  /** The last `shown` lines of the answer. */
  kept: string;
  /** Lines of the answer in all, and those left out at its start. */
  total: number;
  hidden: number;
}

/** Lines in a text as the console draws them: a trailing line end does not start another line. */
export function countLines(text: string): number {
  if (text === '') return 0;
  const count = countNewlines(text) + 1;
  return text.endsWith('\n') ? count - 1 : count;
}

/** Cuts an answer to its last `maxLines` lines, or returns undefined when it fits. */
export function cutLongAnswer(text: string, maxLines: number): CutAnswer | undefined {
  const total = countLines(text);
  if (total <= maxLines) return undefined;
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  let at = body.length;
  for (let found = 0; found < maxLines; found += 1) at = body.lastIndexOf('\n', at - 1);
  return { kept: text.slice(at + 1), total, hidden: total - maxLines };
}

/** The line that stands for the lines not shown, e.g. "[first 68,125 lines not shown …]". */
export function cutMarker(cut: Pick<CutAnswer, 'total' | 'hidden'>): string {
  const n = (value: number) => value.toLocaleString('en-US');
  return `[first ${n(cut.hidden)} lines not shown: the answer has ${n(cut.total)} lines. “Save full answer” above keeps all of it.]`;
}
