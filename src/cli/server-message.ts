export const SERVER_MESSAGE_PREFIX = '[server] ';

/** Each line of a message the server sent unasked, marked so it cannot pass for an answer. */
export function formatServerMessage(text: string): string {
  const body = text.replace(/\s+$/, '');
  if (body === '') return '';
  return body
    .split(/\r?\n/)
    .map((line) => `${SERVER_MESSAGE_PREFIX}${line}\n`)
    .join('');
}
