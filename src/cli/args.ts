import { DIALECTS, ENCODINGS, type RconClientOptions, type RconDialect, type RconEncoding } from '../main/rcon';
import { GAME_IDS, gameClientOptions, gamePreset, type GameId } from '../shared/game-presets';
import { AddressError, DEFAULT_RCON_PORT, parseAddress, type ServerAddress } from './address';
import type { QueryProtocol } from '../shared/server-status';

/** Arguments that make no sense; main prints the message with a hint and exits with status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** How every connection of this run is made, whether from the command line or from !connect. */
export interface ConnectionSettings extends Pick<RconClientOptions, 'pacing' | 'maxCommandBytes' | 'noOutputReplies'> {
  dialect: RconDialect;
  encoding: RconEncoding;
  commandTimeoutMs: number;
}

export const DEFAULT_SETTINGS: Readonly<ConnectionSettings> = {
  dialect: 'auto',
  encoding: 'utf8',
  commandTimeoutMs: 10_000,
};

export type CliRequest =
  | { kind: 'help' }
  | { kind: 'version' }
  | {
      kind: 'shell';
      address: ServerAddress | undefined;
      password: string | undefined;
      settings: ConnectionSettings;
      game?: GameId;
    }
  | { kind: 'diagnose'; address: ServerAddress; password: string | undefined; settings: ConnectionSettings }
  | { kind: 'info'; address: ServerAddress; protocol: QueryProtocol; json: boolean; timeoutMs: number }
  | {
      kind: 'execute';
      address: ServerAddress;
      password: string | undefined;
      commands: string[];
      settings: ConnectionSettings;
      game?: GameId;
    };

export const USAGE = `Usage: rcon [ADDRESS [-p PASSWORD]] [options]
       rcon ADDRESS [-p PASSWORD] -e COMMAND [-e COMMAND ...]
       rcon --diagnose ADDRESS [-p PASSWORD]
       rcon --info ADDRESS [--json]

Remote console for Source, Minecraft and other RCON game servers.
Without ADDRESS, opens a shell with no connection (type !connect there).
With ADDRESS, connects and opens the shell; with -e, runs COMMAND, prints
its answer and exits.

ADDRESS is HOST[:PORT], port ${DEFAULT_RCON_PORT} by default. IPv6 literals go in
brackets to carry a port: [::1]:${DEFAULT_RCON_PORT} (a bare ::1 is a host).

Options:
  -p, --password PASSWORD  the RCON password; it shows in the process list, so
                           prefer the RCON_PASSWORD environment variable, or
                           give neither to be asked without echo (on a terminal)
  -e, --execute COMMAND    run COMMAND, print its answer and exit (repeatable)
      --diagnose           check ADDRESS step by step (port, protocol, login,
                           dialect, ids, end marker, round trip) and say what
                           to fix; without a password only the port is tried
      --info               ask ADDRESS for its name, map and players over the
                           query port (no password; UDP, Source A2S; with
                           --game minecraft, the Server List Ping); exits 4
                           when the server does not answer
      --json               with --info: one JSON object {name, map, players,
                           maxPlayers, bots, game, pingMs, playerList}
      --dialect NAME       source, minecraft or auto (default: auto, detected
                           after login)
      --timeout SECONDS    how long to wait for each answer (default: ${DEFAULT_SETTINGS.commandTimeoutMs / 1000})
      --encoding NAME      utf8 or latin1 (default: utf8)
      --game NAME          the game's default port, dialect, encoding, pacing
                           and known quirks; --dialect and --encoding still win.
                           NAME is one of:
${wrapNames(GAME_IDS, 27, 78)}
  -h, --help               show this help and exit
      --version            show the version and exit

Shell commands:
  !connect HOST[:PORT] [PASSWORD]  connect (asks for the password if not given)
  !disconnect                      close the connection
  !shutdown                        stop the server (asks first)
  !help                            list these commands
  !exit                            leave the shell (or press Ctrl-D)
Every other line is sent to the server; Tab completes command and variable
names. History is kept in ~/.rcon_history (set RCON_HISTORY_FILE to move it,
or to an empty value to keep none).

Exit status:
  0 success              3 wrong password or banned   6 not an RCON server
  1 unexpected error     4 connection failed or lost     (protocol error)
  2 usage error          5 timed out
`;

const VALUE_OPTIONS = {
  '-p': 'password',
  '--password': 'password',
  '-e': 'execute',
  '--execute': 'execute',
  '--dialect': 'dialect',
  '--timeout': 'timeout',
  '--encoding': 'encoding',
  '--game': 'game',
} as const;

type ValueOption = (typeof VALUE_OPTIONS)[keyof typeof VALUE_OPTIONS];

const MAX_TIMEOUT_SECONDS = 24 * 60 * 60;

/** Parses the arguments after `node cli.js`. Pure: the environment and the terminal are main's business. */
export function parseArgs(argv: readonly string[]): CliRequest {
  const optionEnd = argv.indexOf('--');
  const options = optionEnd === -1 ? argv : argv.slice(0, optionEnd);
  // Asking for help must work even next to a mistake.
  if (options.some((arg) => arg === '-h' || arg === '--help')) return { kind: 'help' };
  if (options.includes('--version')) return { kind: 'version' };

  const positionals: string[] = [];
  const commands: string[] = [];
  const settings: ConnectionSettings = { ...DEFAULT_SETTINGS };
  let password: string | undefined;
  let game: GameId | undefined;
  const given = { dialect: false, encoding: false };
  let diagnoseRequested = false;
  let infoRequested = false;
  let jsonRequested = false;
  let timeoutGiven = false;

  const take = (name: ValueOption, value: string, spelled: string): void => {
    switch (name) {
      case 'password':
        password = value;
        return;
      case 'execute':
        if (value.trim() === '') throw new UsageError(`${spelled} needs a command to run`);
        commands.push(value);
        return;
      case 'dialect':
        settings.dialect = oneOf(DIALECTS, value, spelled);
        given.dialect = true;
        return;
      case 'encoding':
        settings.encoding = oneOf(ENCODINGS, value, spelled);
        given.encoding = true;
        return;
      case 'game':
        game = oneOf(GAME_IDS, value, spelled);
        return;
      case 'timeout':
        settings.commandTimeoutMs = parseTimeout(value, spelled);
        timeoutGiven = true;
        return;
    }
  };

  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (index === optionEnd) {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    if (arg === '--diagnose') {
      diagnoseRequested = true;
      continue;
    }
    if (arg === '--info' || arg === '--json') {
      if (arg === '--info') infoRequested = true;
      else jsonRequested = true;
      continue;
    }
    const split = splitOption(arg);
    if (!split) throw new UsageError(`unknown option ${optionName(arg)}`);
    const { spelled, inline } = split;
    if (inline !== undefined) {
      take(split.name, inline, spelled);
      continue;
    }
    const value = argv[index + 1];
    if (value === undefined || (index + 1 === optionEnd && optionEnd !== -1)) {
      throw new UsageError(`${spelled} needs a value`);
    }
    take(split.name, value, spelled);
    index += 1;
  }

  if (positionals.length > 1) {
    // Never echo the extra words: a password typed without -p would end up on the screen.
    throw new UsageError('too many arguments: give one ADDRESS (the password goes after -p, commands after -e)');
  }
  if (jsonRequested && !infoRequested) throw new UsageError('--json goes with --info');
  if (infoRequested)
    return infoRequest(positionals[0], game, timeoutGiven ? settings.commandTimeoutMs : undefined, {
      json: jsonRequested,
      conflicting: diagnoseRequested || commands.length > 0,
    });
  if (game) applyGame(settings, game, given);
  const defaultPort = game ? gamePreset(game).defaultPort : DEFAULT_RCON_PORT;
  const address = positionals[0] === undefined ? undefined : parseAddressArgument(positionals[0], defaultPort);

  if (diagnoseRequested) {
    if (!address) throw new UsageError('--diagnose needs an ADDRESS to check');
    if (commands.length > 0) throw new UsageError('--diagnose runs no commands: leave out -e');
    return { kind: 'diagnose', address, password, settings };
  }
  if (commands.length > 0) {
    if (!address) throw new UsageError('-e needs an ADDRESS to send the command to');
    return { kind: 'execute', address, password, commands, settings, ...(game ? { game } : {}) };
  }
  if (!address && password !== undefined) throw new UsageError('-p needs an ADDRESS to connect to');
  return { kind: 'shell', address, password, settings, ...(game ? { game } : {}) };
}

/** Query answers come in milliseconds; a down server should not hold a script for 10 s. */
const DEFAULT_INFO_TIMEOUT_MS = 3000;

function infoRequest(
  text: string | undefined,
  game: GameId | undefined,
  timeoutMs: number | undefined,
  flags: { json: boolean; conflicting: boolean },
): CliRequest {
  if (flags.conflicting) throw new UsageError('--info runs no commands and no diagnosis: leave out -e and --diagnose');
  if (text === undefined) throw new UsageError('--info needs an ADDRESS to ask');
  const query = game ? gamePreset(game).query : undefined;
  if (game && !query) throw new UsageError(`--info: ${gamePreset(game).name} has no query protocol RCON Desk speaks`);
  return {
    kind: 'info',
    address: parseAddressArgument(text, query?.defaultPort ?? DEFAULT_RCON_PORT),
    protocol: query?.protocol ?? 'a2s',
    json: flags.json,
    timeoutMs: timeoutMs ?? DEFAULT_INFO_TIMEOUT_MS,
  };
}

/** The game's dialect and encoding, unless given on the command line, and its pacing and limits. */
function applyGame(settings: ConnectionSettings, game: GameId, given: { dialect: boolean; encoding: boolean }): void {
  const { dialect, encoding, ...limits } = gameClientOptions(game);
  if (!given.dialect) settings.dialect = dialect;
  if (!given.encoding) settings.encoding = encoding;
  Object.assign(settings, limits);
}

function wrapNames(names: readonly string[], indent: number, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const name of names) {
    const next = line === '' ? name : `${line}, ${name}`;
    if (indent + next.length + 1 > width && line !== '') {
      lines.push(`${line},`);
      line = name;
    } else {
      line = next;
    }
  }
  lines.push(line);
  return lines.map((text) => ' '.repeat(indent) + text).join('\n');
}

function splitOption(arg: string): { name: ValueOption; spelled: string; inline: string | undefined } | undefined {
  if (arg.startsWith('--')) {
    const equals = arg.indexOf('=');
    const spelled = equals === -1 ? arg : arg.slice(0, equals);
    const name = lookup(spelled);
    return name && { name, spelled, inline: equals === -1 ? undefined : arg.slice(equals + 1) };
  }
  // Short options take their value glued on too: -pSECRET, -e"status".
  const spelled = arg.slice(0, 2);
  const name = lookup(spelled);
  return name && { name, spelled, inline: arg.length > 2 ? arg.slice(2) : undefined };
}

function lookup(spelled: string): ValueOption | undefined {
  return Object.hasOwn(VALUE_OPTIONS, spelled) ? VALUE_OPTIONS[spelled as keyof typeof VALUE_OPTIONS] : undefined;
}

/** The option as typed, minus any `=value`, which may be a mistyped --password. */
function optionName(arg: string): string {
  if (arg.startsWith('--')) return arg.split('=')[0] ?? arg;
  return arg.slice(0, 2);
}

function oneOf<T extends string>(allowed: readonly T[], value: string, spelled: string): T {
  const found = allowed.find((candidate) => candidate === value.toLowerCase());
  if (found === undefined) throw new UsageError(`${spelled} must be ${allowed.join(', ')}; got "${value}"`);
  return found;
}

function parseTimeout(value: string, spelled: string): number {
  const seconds = /^\s*\d*\.?\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds > 0) || seconds > MAX_TIMEOUT_SECONDS) {
    throw new UsageError(`${spelled} must be a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS}`);
  }
  return Math.max(1, Math.round(seconds * 1000));
}

function parseAddressArgument(text: string, defaultPort: number): ServerAddress {
  try {
    return parseAddress(text, defaultPort);
  } catch (error) {
    if (error instanceof AddressError) throw new UsageError(`bad ADDRESS: ${error.message}`);
    throw error;
  }
}

export type PasswordSource =
  { kind: 'given'; password: string } | { kind: 'prompt' } | { kind: 'missing'; message: string };

/**
 * Where the password comes from: -p, then RCON_PASSWORD (an empty one counts as unset, since
 * shells often export empty variables), then a hidden prompt if there is a terminal to ask on.
 */
export function choosePasswordSource(
  fromFlag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  canPrompt: boolean,
): PasswordSource {
  if (fromFlag !== undefined) return { kind: 'given', password: fromFlag };
  const fromEnv = env['RCON_PASSWORD'];
  if (fromEnv !== undefined && fromEnv !== '') return { kind: 'given', password: fromEnv };
  if (canPrompt) return { kind: 'prompt' };
  return {
    kind: 'missing',
    message: 'no password: give -p PASSWORD or set RCON_PASSWORD (stdin is not a terminal, so it cannot be asked for)',
  };
}
