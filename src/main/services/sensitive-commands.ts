/**
 * Commands that carry a secret in their arguments, such as `rcon_password new-secret` or
 * `sv_setsteamaccount <token>`. They are kept out of the history (a masked entry would be
 * dangerous to recall: it would set the password to the mask) and echoed with the arguments masked.
 */
const SENSITIVE_COMMAND_NAME = /pass(word|wd)|secret|token|api_?key|auth_?key|setsteamaccount|authme/i;

export const MASK = '********';

/** Passwords shorter than this are not searched for in text: they would mask ordinary words. */
const MIN_MASKED_SECRET_LENGTH = 4;

export function isSensitiveCommand(command: string): boolean {
  const match = /^\s*(\S+)\s+\S/.exec(command);
  return match !== null && SENSITIVE_COMMAND_NAME.test(match[1] ?? '');
}

/** The command as it may be shown: the arguments of a sensitive command are masked. */
export function maskCommand(command: string): string {
  if (!isSensitiveCommand(command)) return command;
  const match = /^(\s*\S+)/.exec(command);
  return `${match?.[1] ?? ''} ${MASK}`;
}

export function containsSecret(text: string, secret: string | undefined): boolean {
  return secret !== undefined && secret.length >= MIN_MASKED_SECRET_LENGTH && text.includes(secret);
}

/** Replaces every occurrence of a known secret, e.g. the session's password echoed by a server. */
export function maskSecret(text: string, secret: string | undefined): string {
  return containsSecret(text, secret) ? text.split(secret as string).join(MASK) : text;
}
