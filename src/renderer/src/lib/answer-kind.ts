/**
 * Answers in which the server says it did not do what was asked, as the common servers word them
 * (Source: `Unknown command "x"`; Minecraft: `Unknown or incomplete command…`, `Incorrect argument…`).
 * They are drawn like errors, so they stand out from ordinary answers.
 */
const ERROR_ANSWER = /^\s*(unknown command\b|unknown or incomplete command\b|incorrect argument for command\b)/i;

export function isErrorAnswer(text: string): boolean {
  return ERROR_ANSWER.test(text);
}

/** An answer with nothing in it (some commands answer nothing at all). */
export function isEmptyAnswer(text: string): boolean {
  return !/\S/.test(text); // no copy of a text of megabytes, as trim() would make
}

/** What the console shows for an empty answer, so the command does not look unanswered. */
export const NO_OUTPUT = '(no output)';
