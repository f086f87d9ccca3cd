import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isSensitiveCommand } from '../shared/sensitive-commands';

export const HISTORY_LIMIT = 1000;

/** Where shell history lives between runs, if anywhere. */
export interface HistoryStore {
  /** Newest first, as readline keeps it. */
  load(): string[];
  save(newestFirst: readonly string[]): void;
}

/**
 * ~/.rcon_history unless RCON_HISTORY_FILE says otherwise; an empty RCON_HISTORY_FILE keeps none.
 */
export function historyPathFrom(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const chosen = env['RCON_HISTORY_FILE'];
  if (chosen === undefined) return join(homedir(), '.rcon_history');
  return chosen === '' ? undefined : chosen;
}

/** One command a line, oldest first, like shell history files, so it can be read and edited by hand. */
export class FileHistoryStore implements HistoryStore {
  constructor(
    private readonly path: string,
    private readonly limit = HISTORY_LIMIT,
  ) {}

  load(): string[] {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return [];
    }
    return text
      .split('\n')
      .filter((line) => line.trim() !== '' && !isSensitiveCommand(line))
      .slice(-this.limit)
      .reverse();
  }

  save(newestFirst: readonly string[]): void {
    const lines = newestFirst
      .filter((line) => !isSensitiveCommand(line))
      .slice(0, this.limit)
      .reverse();
    try {
      // Owner-only, even for a file that existed with wider rights: `mode` applies only to a new file.
      writeFileSync(this.path, lines.map((line) => `${line}\n`).join(''), { mode: 0o600 });
      chmodSync(this.path, 0o600);
    } catch {
      // History is a convenience; a read-only home must not break the shell.
    }
  }
}

/**
 * The line as history should keep it: `!connect HOST PASSWORD` loses its password, so that the
 * up arrow and the history file never show it.
 */
export function redactForHistory(line: string): string {
  const match = /^(\s*!connect\s+\S+)\s+\S/.exec(line);
  return match?.[1] ?? line;
}

/** Makes `line` the newest entry and the only copy: redacting can make it equal an older one. */
export function removeOlderCopies(history: string[], line: string): void {
  history[0] = line;
  for (let index = history.length - 1; index > 0; index -= 1) {
    if (history[index] === line) history.splice(index, 1);
  }
}
