/** Lines the console keeps above the screen; older ones are dropped. */
export const SCROLLBACK_LINES = 10_000;

/**
 * Lines of one answer the console shows: the scrollback, less room for the marker and the echo.
 * A longer answer is shown cut to its end; the main process keeps the whole of it for saving
 * (services/long-answers.ts), so the window never needs the rest.
 */
export const ANSWER_LINES_SHOWN = SCROLLBACK_LINES - 50;

/** Whether a text has more than `max` lines as the console draws them (a trailing line end starts none). */
export function hasMoreLinesThan(text: string, max: number): boolean {
  let lines = text === '' ? 0 : 1;
  for (let at = text.indexOf('\n'); at >= 0 && lines <= max; at = text.indexOf('\n', at + 1)) {
    if (at < text.length - 1) lines += 1;
  }
  return lines > max;
}
