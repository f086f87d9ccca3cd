import type { OutputEntry } from '../lib/format';
import { ConsoleTerminal } from './console-terminal';

/**
 * The console terminals, by session id. They are created on the first output (which can come
 * before the tab is drawn) and live until their tab closes, outside React so that switching tabs
 * never loses a line.
 */
class TerminalRegistry {
  private readonly terminals = new Map<string, ConsoleTerminal>();
  private timestamps = false;

  get(sessionId: string): ConsoleTerminal | undefined {
    return this.terminals.get(sessionId);
  }

  getOrCreate(sessionId: string): ConsoleTerminal {
    let terminal = this.terminals.get(sessionId);
    if (!terminal) {
      terminal = new ConsoleTerminal(sessionId, { timestamps: this.timestamps });
      this.terminals.set(sessionId, terminal);
    }
    return terminal;
  }

  append(sessionId: string, entry: OutputEntry): void {
    this.getOrCreate(sessionId).append(entry);
  }

  setTimestamps(on: boolean): void {
    this.timestamps = on;
    for (const terminal of this.terminals.values()) terminal.setTimestamps(on);
  }

  dispose(sessionId: string): void {
    this.terminals.get(sessionId)?.dispose();
    this.terminals.delete(sessionId);
  }

  ids(): string[] {
    return [...this.terminals.keys()];
  }
}

export const terminals = new TerminalRegistry();
