import { DIALECTS, ENCODINGS, type RconClientOptions, type RconDialect, type RconEncoding } from '../main/rcon';
import { GAME_IDS, gameClientOptions, gamePreset, type GameId } from '../shared/game-presets';
import { AddressError, DEFAULT_RCON_PORT, parseAddress, type ServerAddress } from './address';
import type { QueryProtocol } from '../shared/server-status';
import { PROTOCOLS, PROTOCOL_DEFAULT_PORTS, type RemoteConsoleProtocol } from '../main/protocol/remote-console';

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
  /** Which remote console the server speaks; `rcon` (Source RCON) unless --protocol says otherwise. */
  protocol: RemoteConsoleProtocol;
}

/** Servers worked on at once when a run has several targets. */
export const DEFAULT_CONCURRENCY = 8;
const MAX_CONCURRENCY = 64;

export const DEFAULT_SETTINGS: Readonly<ConnectionSettings> = {
  dialect: 'auto',
  encoding: 'utf8',
  commandTimeoutMs: 10_000,
  protocol: 'rcon',
};

/** One target of a run on several servers: a typed address, a saved server (@NAME), a group. */
export type TargetSpec =
  { kind: 'address'; address: ServerAddress } | { kind: 'saved'; name: string } | { kind: 'group'; name: string };

export type CliRequest =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'list'; json: boolean }
  | { kind: 'import'; file: string }
  | { kind: 'export'; file: string }
  | {
      kind: 'fleet';
      targets: TargetSpec[];
      password: string | undefined;
      commands: string[];
      settings: ConnectionSettings;
      json: boolean;
      concurrency: number;
      raw: boolean;
    }
  | {
      /** `rcon @NAME`: the shell on a saved server. */
      kind: 'saved-shell';
      name: string;
      settings: ConnectionSettings;
      raw: boolean;
    }
  | {
      kind: 'shell';
      address: ServerAddress | undefined;
      password: string | undefined;
      settings: ConnectionSettings;
      game?: GameId;
      /** Write the server's bytes untouched instead of through the sanitizer (shared/server-text.ts). */
      raw: boolean;
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
      raw: boolean;
    };

export const USAGE = `Usage: rcon [ADDRESS [-p PASSWORD]] [options]
       rcon ADDRESS [-p PASSWORD] -e COMMAND [-e COMMAND ...]
       rcon TARGET... [--group NAME] [--json] -e COMMAND [-e COMMAND ...]
       rcon @NAME
       rcon --diagnose ADDRESS [-p PASSWORD]
       rcon --info ADDRESS [--json]
       rcon --list [--json] | --import FILE | --export FILE

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
      --raw                write the server's answers byte for byte. Unsafe on a
                           terminal: a hostile server can then set your
                           clipboard, retitle the window, rewrite the screen
                           or make the terminal type at your prompt. Without
                           it, escape sequences and control characters are
                           removed (colours, bold, italic and underline kept),
                           on a terminal and in pipes alike
      --protocol NAME      rcon (Source RCON, default), webrcon (Rust, port
                           28016), battleye (DayZ/Arma, UDP 2306) or telnet
                           (7 Days to Die, port 8081); the port defaults to it
Saved servers (the app's, in $RCON_DESK_DATA or the app's data folder; their
passwords come from the OS keychain, never from the command line):
  @NAME                    a saved server, by name; alone, opens the shell on it
      --group NAME         every saved server of the group (repeatable)
      --list               list the saved servers
      --import FILE        add servers from gorcon rcon-cli's rcon.yaml/.json,
                           ARRCON's .hosts file or an RCON Desk export;
                           passwords go to the keychain
      --export FILE        write the saved servers to FILE, without passwords
Several targets (ADDRESS with a port or a dotted host, @NAME, --group):
  the commands run on all of them, ${DEFAULT_CONCURRENCY} at a time (--concurrency N); each
  server's answers print under a header naming it, and the exit status is the
  worst of all the servers'.
      --json               one JSON object per server and command: {"server",
                           "command", "ok", "answer", "error", "exitCode",
                           "durationMs"} (also for one target)
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
  '--protocol': 'protocol',
  '--group': 'group',
  '--import': 'import',
  '--export': 'export',
  '--concurrency': 'concurrency',
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
  const raw = options.includes('--raw');

  const positionals: string[] = [];
  const commands: string[] = [];
  const settings: ConnectionSettings = { ...DEFAULT_SETTINGS };
  let password: string | undefined;
  let game: GameId | undefined;
  const given = { dialect: false, encoding: false };
  let diagnoseRequested = false;
  const json = options.includes('--json');
  const list = options.includes('--list');
  const groups: string[] = [];
  let importPath: string | undefined;
  let exportPath: string | undefined;
  let concurrency = DEFAULT_CONCURRENCY;
  let infoRequested = false;
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
      case 'protocol':
        settings.protocol = oneOf(PROTOCOLS, value, spelled);
        return;
      case 'group':
        if (value.trim() === '') throw new UsageError(`${spelled} needs the name of a group`);
        groups.push(value.trim());
        return;
      case 'import':
        importPath = value;
        return;
      case 'export':
        exportPath = value;
        return;
      case 'concurrency':
        concurrency = parseConcurrency(value, spelled);
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
    if (arg === '--info') {
      infoRequested = true;
      continue;
    }
    if (arg === '--raw' || arg === '--json' || arg === '--list') continue;
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

  if (list) return { kind: 'list', json };
  if (importPath !== undefined) return { kind: 'import', file: importPath };
  if (exportPath !== undefined) return { kind: 'export', file: exportPath };
  if (infoRequested)
    return infoRequest(positionals, game, timeoutGiven ? settings.commandTimeoutMs : undefined, {
      json,
      conflicting: diagnoseRequested || commands.length > 0 || groups.length > 0,
    });
  if (game) applyGame(settings, game, given);
  // A protocol other than Source RCON has its own usual port; else the game's, else 27015.
  const defaultPort =
    settings.protocol !== 'rcon'
      ? PROTOCOL_DEFAULT_PORTS[settings.protocol]
      : game
        ? gamePreset(game).defaultPort
        : DEFAULT_RCON_PORT;
  const several = positionals.length > 1 || groups.length > 0 || positionals.some((p) => p.startsWith('@'));
  if (several || (json && commands.length > 0)) {
    const targets = parseTargets(positionals, groups, defaultPort, commands.length > 0);
    const [only] = targets;
    if (commands.length === 0) {
      if (targets.length === 1 && only?.kind === 'saved')
        return { kind: 'saved-shell', name: only.name, settings, raw };
      throw new UsageError('give the commands to run on several servers with -e');
    }
    return { kind: 'fleet', targets, password, commands, settings, json, concurrency, raw };
  }
  const address = positionals[0] === undefined ? undefined : parseAddressArgument(positionals[0], defaultPort);

  if (diagnoseRequested) {
    if (!address) throw new UsageError('--diagnose needs an ADDRESS to check');
    if (commands.length > 0) throw new UsageError('--diagnose runs no commands: leave out -e');
    return { kind: 'diagnose', address, password, settings };
  }
  if (commands.length > 0) {
    if (!address) throw new UsageError('-e needs an ADDRESS to send the command to');
    return { kind: 'execute', address, password, commands, settings, raw, ...(game ? { game } : {}) };
  }
  if (!address && password !== undefined) throw new UsageError('-p needs an ADDRESS to connect to');
  return { kind: 'shell', address, password, settings, raw, ...(game ? { game } : {}) };
}

/**
 * The targets of a run on several servers. Without -e only one saved server makes sense (its shell).
 * A typed address among several must carry a port or a dot, so that a stray word (perhaps a
 * password typed without -p) is never looked up as a host name; it is never echoed either.
 */
function parseTargets(
  positionals: string[],
  groups: string[],
  defaultPort: number,
  withCommands: boolean,
): TargetSpec[] {
  const targets: TargetSpec[] = groups.map((name) => ({ kind: 'group', name }));
  const strayWord =
    'too many arguments: several servers are each HOST:PORT, a dotted host name or @NAME (the password goes after -p)';
  for (const word of positionals) {
    if (word.startsWith('@')) {
      const name = word.slice(1).trim();
      if (name === '') throw new UsageError('@ needs the name of a saved server, as in @Survival');
      targets.push({ kind: 'saved', name });
      continue;
    }
    if (!withCommands || (positionals.length + groups.length > 1 && !/[:.[]/.test(word)))
      throw new UsageError(strayWord);
    targets.push({ kind: 'address', address: parseAddressArgument(word, defaultPort) });
  }
  return targets;
}

function parseConcurrency(value: string, spelled: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1 || number > MAX_CONCURRENCY) {
    throw new UsageError(`${spelled} must be a whole number from 1 to ${MAX_CONCURRENCY}, got "${value.slice(0, 20)}"`);
  }
  return number;
}

/** Query answers come in milliseconds; a down server should not hold a script for 10 s. */
const DEFAULT_INFO_TIMEOUT_MS = 3000;

function infoRequest(
  positionals: readonly string[],
  game: GameId | undefined,
  timeoutMs: number | undefined,
  flags: { json: boolean; conflicting: boolean },
): CliRequest {
  if (flags.conflicting) throw new UsageError('--info runs no commands and no diagnosis: leave out -e and --diagnose');
  const [text] = positionals;
  if (text === undefined) throw new UsageError('--info needs an ADDRESS to ask');
  if (positionals.length > 1) throw new UsageError('--info asks one server: give one ADDRESS');
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
