/** Lines the console keeps above the screen; older ones are dropped. */
export const SCROLLBACK_LINES = 10_000;

/**
 * Lines of one answer the console shows: the scrollback, less room for the marker and the echo.
 * A longer answer is shown cut to its end; the main process keeps the whole of it for saving
 * (services/long-answers.ts), so the window never needs the rest.
 */
export const ANSWER_LINES_SHOWN = SCROLLBACK_LINES - 50;

/**
 * When the admin's own output (a command, its answer, a status line) overtakes server output still
 * waiting to be shown (a flood the window is behind on), only the newest this many lines and
 * characters of that older output follow it, after a line saying how much was left out: a screen
 * or so, which cannot scroll the answer out of the scrollback. Transcripts keep everything.
 */
export const OVERTAKEN_KEEP_LINES = 200;
export const OVERTAKEN_KEEP_CHARS = 64 * 1024;

/** The line ends (\n) in a text. */
export function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

/** Whether a text has more than `max` lines as the console draws them (a trailing line end starts none). */
export function hasMoreLinesThan(text: string, max: number): boolean {
  let lines = text === '' ? 0 : 1;
  for (let at = text.indexOf('\n'); at >= 0 && lines <= max; at = text.indexOf('\n', at + 1)) {
    if (at < text.length - 1) lines += 1;
  }
  return lines > max;
}
