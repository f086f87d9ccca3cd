import { cvarTable, findCvar } from './cvars';
import { HOSTILE_COMMANDS } from './hostile';
import type { PersonalityName } from './options';
import { formatCvarList, formatHelp, formatStatus, STATUS_HOSTNAME, STATUS_MAP } from './source-output';

export type ServerFamily = 'source' | 'minecraft';

/** Text is encoded with the server's encoding; a Buffer is sent as raw bytes. */
export type CommandResult = string | Buffer;

export interface CommandContext {
  readonly personality: PersonalityName;
  readonly family: ServerFamily;
  /** host:port the server listens on. */
  readonly endpoint: string;
  readonly remoteAddress: string;
  /** Waits, but returns early when the connection closes. */
  sleep(ms: number): Promise<void>;
  /** Pushes an unsolicited chat packet (id 0) to every authenticated connection. */
  broadcast(text: string): void;
}

export type CommandHandler = (args: string, ctx: CommandContext) => CommandResult | Promise<CommandResult>;

/** Largest `bytes` answer, so a typo cannot exhaust memory. */
export const MAX_BYTES_ANSWER = 64 * 1024 * 1024;
export const MAX_SLEEP_MS = 10 * 60 * 1000;
export const MINECRAFT_LIST = '§6There are §c2§6 of a max of §c20§6 players online: Alex, Steve';

const LINE_BYTES = 64;
const LINE_FILLER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Exactly n bytes of ASCII: 64-byte lines numbered from 0, so a client that loses, repeats or
 * reorders a fragment produces text that visibly differs from the expected one.
 */
export function deterministicBytes(n: number): string {
  const lineCount = Math.ceil(n / LINE_BYTES);
  const lines: string[] = [];
  for (let line = 0; line < lineCount; line += 1) {
    const label = String(line).padStart(8, '0');
    lines.push(`${label} ${LINE_FILLER.slice(0, LINE_BYTES - label.length - 2)}\n`);
  }
  return lines.join('').slice(0, n);
}

const COMMON: Record<string, CommandHandler> = {
  echo: (args) => args,
  bytes: (args) => {
    const count = Number(args.trim());
    if (args.trim() === '' || !Number.isInteger(count) || count < 0 || count > MAX_BYTES_ANSWER) {
      return `Usage: bytes <count from 0 to ${MAX_BYTES_ANSWER}>\n`;
    }
    return deterministicBytes(count);
  },
  sleep: async (args, ctx) => {
    const ms = Number(args.trim());
    if (args.trim() === '' || !Number.isInteger(ms) || ms < 0 || ms > MAX_SLEEP_MS) {
      return `Usage: sleep <milliseconds from 0 to ${MAX_SLEEP_MS}>\n`;
    }
    await ctx.sleep(ms);
    return `Slept ${ms} ms\n`;
  },
  // A real server would shut down; the reference server only says it would, so tests keep it.
  exit: () => 'Server shutdown requested (ignored by the reference server)\n',
  quit: () => 'Server shutdown requested (ignored by the reference server)\n',
};

const SOURCE: Record<string, CommandHandler> = {
  ...COMMON,
  status: (_args, ctx) => formatStatus(STATUS_HOSTNAME, ctx.endpoint, STATUS_MAP),
  say: (args, ctx) => {
    if (ctx.personality === 'broadcast') ctx.broadcast(`[Chat] Console: ${args}`);
    return `Console: ${args}\n`;
  },
  help: (args) => {
    const name = args.trim();
    if (name === '') return 'Usage:  help <cvarname>\n';
    const entry = findCvar(name);
    return entry ? formatHelp(entry) : `help:  no cvar or command named ${name}\n`;
  },
  cvarlist: (args) => {
    const prefix = args.trim().toLowerCase();
    return formatCvarList(cvarTable().filter((entry) => entry.name.startsWith(prefix)));
  },
};

const MINECRAFT: Record<string, CommandHandler> = {
  ...COMMON,
  list: () => MINECRAFT_LIST,
  // Vanilla sends `say` to the players and returns nothing to RCON.
  say: () => '',
};

/** Splits "name  rest of line": the name is matched case-insensitively, the arguments are kept verbatim. */
export function parseCommandLine(line: string): { name: string; args: string } {
  const trimmed = line.replace(/^\s+/, '');
  const match = /^(\S*)\s*([\s\S]*)$/.exec(trimmed);
  return { name: (match?.[1] ?? '').toLowerCase(), args: match?.[2] ?? '' };
}

export function unknownCommandAnswer(family: ServerFamily, line: string, name: string): string {
  // Vanilla Minecraft glues its two error lines together without a separator; so do we.
  return family === 'minecraft'
    ? `Unknown or incomplete command, see below for error${line}<--[HERE]`
    : `Unknown command "${name}"\n`;
}

export async function runCommand(
  line: string,
  custom: Record<string, CommandHandler>,
  ctx: CommandContext,
): Promise<CommandResult> {
  const command = ctx.family === 'minecraft' ? line.replace(/^\//, '') : line;
  const { name, args } = parseCommandLine(command);
  if (name === '') return '';
  const handler =
    findHandler(custom, name) ??
    (ctx.personality === 'hostile' ? findHandler(HOSTILE_COMMANDS, name) : undefined) ??
    findHandler(ctx.family === 'minecraft' ? MINECRAFT : SOURCE, name);
  if (!handler) return unknownCommandAnswer(ctx.family, command, name);
  return handler(args, ctx);
}

/** Own entries only: a command named "constructor" must not find Object.prototype's. */
function findHandler(table: Record<string, CommandHandler>, name: string): CommandHandler | undefined {
  for (const [key, handler] of Object.entries(table)) {
    if (key.toLowerCase() === name) return handler;
  }
  return undefined;
}

export const BUILTIN_COMMANDS: Readonly<Record<ServerFamily, readonly string[]>> = {
  source: Object.keys(SOURCE),
  minecraft: Object.keys(MINECRAFT),
};
