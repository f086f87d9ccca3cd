/**
 * Commands that carry a secret in their arguments, such as `rcon_password new-secret` or
 * `sv_setsteamaccount <token>`. The app and the `rcon` shell both keep them out of history (a
 * masked entry would be dangerous to recall: it would set the password to the mask) and show
 * them with the secret masked.
 *
 * A secret can hide anywhere in a line, so the whole line is read, not its first word:
 * - every command of a `;`-chain (`echo x;rcon_password Secret`), which Source runs one by one;
 * - wrappers that run or set another command: `sm_rcon`, `sm_cvar`, `rcon`, `ma_rcon`, `es_xrcon`,
 *   `alias`/`bind` bodies, Minecraft's `execute … run …`; a known secret-setting name counts
 *   wherever it stands as a word, so no wrapper list can be outrun;
 * - quoted and glued forms: `rcon_password"Secret"`, `"sv_password" "x"`, `+sv_password x`,
 *   `?ServerAdminPassword=x`.
 * A false positive costs a history entry and an unmasked echo; a false negative leaks a password.
 * So ordinary words are not enough: `say my password is long` is not sensitive, because
 * `password` is neither a command name in command position nor a known secret-setting name.
 */

/** Names that set a secret in the games RCON Desk talks to, matched as whole words anywhere in a line. */
const SECRET_SETTING_NAMES = new Set(
  [
    // Source engine (CS2, TF2, Garry's Mod, L4D…) and SourceTV
    'rcon_password',
    'sv_password',
    'sv_setsteamaccount',
    'tv_password',
    'tv_relaypassword',
    'sv_rcon_password',
    // Rust
    'server.password',
    'rcon.password',
    // ARK: Survival Evolved (options and the cheat login)
    'serverpassword',
    'serveradminpassword',
    'spectatorpassword',
    'enablecheats',
    // Palworld, Conan Exiles, Squad-like admin logins
    'adminpassword',
    'setserverpassword',
    // 7 Days to Die
    'telnetpassword',
    // Factorio (`/config set password x`, `/server-password`), Minecraft login plugins
    'server-password',
    'changepassword',
    'authme',
    // Arma / BattlEye admin login
    '#login',
  ].map((name) => name.toLowerCase()),
);

/** A command name in command position that looks like it sets a secret. */
const SENSITIVE_COMMAND_NAME = /pass(word|wd)|secret|token|api_?key|auth_?key|setsteamaccount|authme/i;

/** Commands whose arguments are another command, read as one for the name check. */
// Factorio's `/config set password x` reads as the wrappers `config` and `set` around `password`.
const WRAPPERS = new Set([
  'sm_rcon',
  'rcon',
  'sm_cvar',
  'ma_rcon',
  'es_xrcon',
  'sudo',
  'sm_execute',
  'run',
  'config',
  'set',
]);

/** Minecraft login commands whose first argument is the password (`/login pw`, `/register pw pw`). */
const LOGIN_COMMANDS = new Set(['login', 'register', 'l', 'reg', 'cp']);

export const MASK = '********';

/** Passwords shorter than this are not searched for in text: they would mask ordinary words. */
const MIN_MASKED_SECRET_LENGTH = 4;

interface Word {
  /** Lower-case, without a leading `/`, `+` or `-`. */
  name: string;
  end: number;
  /** First word of a command: at the start or after `;` or a line break, or after a wrapper. */
  commandPosition: boolean;
  /** Anything follows it on the line. */
  hasArgument: boolean;
}

// Words are cut at spaces, `;`, quotes and the `=`, `?`, `&` of option strings.
const WORD = /[^\s;"'=?&]+/g;

function readWords(line: string): Word[] {
  const words: Word[] = [];
  let previousEnd = 0;
  let afterWrapper = false;
  for (const match of line.matchAll(WORD)) {
    const start = match.index;
    const separator = line.slice(previousEnd, start);
    const name = match[0].replace(/^[/+-]+/, '').toLowerCase();
    const commandPosition: boolean = words.length === 0 || /[;\n\r]/.test(separator) || afterWrapper;
    words.push({ name, end: start + match[0].length, commandPosition, hasArgument: false });
    // `run` ends Minecraft's `execute … run <command>` wherever it stands.
    afterWrapper = WRAPPERS.has(name) && (commandPosition || name === 'run');
    previousEnd = start + match[0].length;
  }
  words.forEach((word, index) => {
    word.hasArgument = index < words.length - 1;
  });
  return words;
}

function isSecretWord(word: Word): boolean {
  if (!word.hasArgument) return false;
  if (SECRET_SETTING_NAMES.has(word.name)) return true;
  return word.commandPosition && (SENSITIVE_COMMAND_NAME.test(word.name) || LOGIN_COMMANDS.has(word.name));
}

/** The first word after which the rest of the line is a secret, if any. */
function firstSecretWord(command: string): Word | undefined {
  return readWords(command).find(isSecretWord);
}

export function isSensitiveCommand(command: string): boolean {
  return firstSecretWord(command) !== undefined;
}

/** The command as it may be shown: everything after the first secret-setting name is masked. */
export function maskCommand(command: string): string {
  const word = firstSecretWord(command);
  if (!word) return command;
  return `${command.slice(0, word.end).trimStart()} ${MASK}`;
}

export function containsSecret(text: string, secret: string | undefined): boolean {
  return secret !== undefined && secret.length >= MIN_MASKED_SECRET_LENGTH && text.includes(secret);
}

/** Replaces every occurrence of a known secret, e.g. the session's password echoed by a server. */
export function maskSecret(text: string, secret: string | undefined): string {
  return containsSecret(text, secret) ? text.split(secret as string).join(MASK) : text;
}
