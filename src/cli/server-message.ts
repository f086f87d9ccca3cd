import { sanitizeServerText } from '../shared/server-text';

export const SERVER_MESSAGE_PREFIX = '[server] ';
const SGR_RESET = '\x1b[0m';

/**
 * Server text as the shell prints it: through the sanitizer (shared/server-text.ts) unless the user
 * asked for --raw, so that it cannot move the cursor, change modes or make the terminal answer.
 */
export function serverTextForOutput(text: string, raw: boolean): string {
  return raw ? text : sanitizeServerText(text);
}

/**
 * Each line of a message the server sent unasked, marked so it cannot pass for an answer. The text
 * is sanitized first, so a CR or an escape sequence cannot erase the prefix of its own line.
 */
export function formatServerMessage(text: string, raw = false): string {
  const body = serverTextForOutput(text, raw).replace(/\s+$/, '');
  if (body === '') return '';
  return (
    body
      .split(/\r?\n/)
      // A colour left on at a line's end would paint the next line's prefix.
      .map((line) => `${SERVER_MESSAGE_PREFIX}${line}${line.includes('\x1b') ? SGR_RESET : ''}\n`)
      .join('')
  );
}
