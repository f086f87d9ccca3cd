import type { PendingCommand } from './client-types';

/** Timed-out commands whose text is kept to name them when a late answer comes. */
const REMEMBERED_TIMEOUTS = 64;

/**
 * The commands in flight on one connection. Commands that end on a silence (quiet mode) or whose
 * answers cannot be named (ids not echoed) go one at a time, so a silence, or any packet, can only
 * belong to the one command in flight: those wait in a queue here.
 */
export class CommandTable {
  private readonly byId = new Map<number, PendingCommand>();
  private readonly serialQueue: PendingCommand[] = [];
  /** The text of commands that timed out, by id, to name a late answer. */
  private readonly timedOut = new Map<number, string>();

  /** Adds a command; true when it may be written now (one-at-a-time commands wait their turn). */
  add(command: PendingCommand): boolean {
    this.byId.set(command.id, command);
    if (!command.endsOnSilence) return true;
    this.serialQueue.push(command);
    return this.serialQueue.length === 1;
  }

  get(id: number): PendingCommand | undefined {
    return this.byId.get(id);
  }

  /** The one-at-a-time command in flight, if any. */
  get serialInFlight(): PendingCommand | undefined {
    return this.serialQueue[0];
  }

  /**
   * Removes a finished command and stops its timers. `next` is the one-at-a-time command whose
   * turn it now is, to be written by the caller.
   */
  take(id: number): { command: PendingCommand; next: PendingCommand | undefined } | undefined {
    const command = this.byId.get(id);
    if (!command) return undefined;
    this.byId.delete(id);
    clearTimeout(command.timer);
    clearTimeout(command.quietTimer);
    let next: PendingCommand | undefined;
    if (this.serialQueue[0] === command) {
      this.serialQueue.shift();
      next = this.serialQueue[0];
    }
    return { command, next };
  }

  rememberTimeout(command: PendingCommand): void {
    this.timedOut.set(command.id, command.command);
    if (this.timedOut.size > REMEMBERED_TIMEOUTS) this.timedOut.delete(this.timedOut.keys().next().value!);
  }

  /** The text of a command that timed out, to name its late answer ('' when forgotten). */
  timedOutCommand(id: number): string {
    return this.timedOut.get(id) ?? '';
  }

  /** Empties the table for a closed connection; returns what was in flight, for failing it. */
  drain(): number[] {
    this.serialQueue.length = 0;
    return [...this.byId.keys()];
  }
}
