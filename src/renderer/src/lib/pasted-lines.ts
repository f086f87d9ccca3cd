/**
 * The commands in pasted text: one per line, trimmed, blank lines left out. A single line (with or
 * without its line end) is one command to edit in the command line; several are sent one by one.
 */
export function pastedCommands(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Whether pasted text holds a line break, so the browser would glue its lines with spaces. */
export function isMultiLine(text: string): boolean {
  return /[\r\n]/.test(text);
}
