import type { DetectedDialect } from '../main/rcon';
import { AddressError, parseAddress, type ServerAddress } from './address';

/** The shell's own commands (lines starting with `!`) and what it says about a connection. */

export interface ShellCommandHelp {
  name: string;
  usage: string;
  description: string;
}

export const SHELL_COMMANDS: readonly ShellCommandHelp[] = [
  {
    name: '!connect',
    usage: '!connect HOST[:PORT] [PASSWORD]',
    description: 'connect and log in (asks for the password if not given)',
  },
  { name: '!disconnect', usage: '!disconnect', description: 'close the connection' },
  { name: '!shutdown', usage: '!shutdown', description: 'stop the server, after asking' },
  { name: '!help', usage: '!help', description: 'show this list' },
  { name: '!exit', usage: '!exit', description: 'leave the shell (Ctrl-D does too)' },
];

export function helpText(): string {
  const width = Math.max(...SHELL_COMMANDS.map((command) => command.usage.length));
  const rows = SHELL_COMMANDS.map((command) => `  ${command.usage.padEnd(width)}  ${command.description}\n`);
  return (
    'Shell commands:\n' +
    rows.join('') +
    'Every other line is sent to the server (try "help <name>" for a server command or variable).\n' +
    "Tab completes shell commands and, on Source servers, the server's command and variable names.\n"
  );
}

/** Typed at a Source console these stop the server, which is rarely what someone leaving a shell means. */
const SHUTDOWN_WORDS = new Set(['exit', 'quit']);

/** The word of a line that would stop the server (`exit`, `quit`), or undefined. */
export function shutdownWordOf(line: string): string | undefined {
  const firstWord = line.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  return SHUTDOWN_WORDS.has(firstWord) ? firstWord : undefined;
}

/**
 * Reads `!connect HOST[:PORT] [PASSWORD]`: the password is the rest of the line, spaces included.
 * Returns what to say instead when the line is not one.
 */
export function parseConnectCommand(
  line: string,
  defaultPort: number | undefined,
): { address: ServerAddress; password: string | undefined } | string {
  const match = /^\S+\s+(\S+)(?:\s+(.*))?$/.exec(line);
  if (!match?.[1]) return 'usage: !connect HOST[:PORT] [PASSWORD]';
  try {
    return { address: parseAddress(match[1], defaultPort), password: match[2] };
  } catch (error) {
    if (!(error instanceof AddressError)) throw error;
    return `bad address: ${error.message}`;
  }
}

/** How a connection's answers end, said for the "Connected to …" line. */
export function describeDialect(dialect: DetectedDialect | undefined, echoesIds: boolean | undefined): string {
  if (echoesIds === false) {
    return 'the server does not put request ids on its answers: commands run one at a time';
  }
  switch (dialect) {
    case 'source':
      return 'Source dialect';
    case 'minecraft':
      return 'Minecraft dialect';
    case 'quiet':
      return 'the server does not mark the end of answers: each one ends after a short silence';
    default:
      return 'dialect unknown';
  }
}
