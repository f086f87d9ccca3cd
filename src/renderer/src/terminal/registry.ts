import type { OutputEntry } from '../lib/format';
import { isEmptyAnswer, isErrorAnswer, NO_OUTPUT } from '../lib/answer-kind';
import { cutLongAnswer, cutMarker } from '../lib/long-answer';
import { ConsoleTerminal } from './console-terminal';
import { SCROLLBACK_LINES } from './theme';

/** Lines of one answer the console shows: the scrollback, less room for the marker and the echo. */
export const ANSWER_LINES_SHOWN = SCROLLBACK_LINES - 50;

/** The whole text of the last answer that was too long to show, kept so it can be saved to a file. */
export interface LongAnswer {
  text: string;
  total: number;
  hidden: number;
  at: number;
}

/**
 * The console terminals, by session id. They are created on the first output (which can come
 * before the tab is drawn) and live until their tab closes, outside React so that switching tabs
 * never loses a line.
 */
class TerminalRegistry {
  private readonly terminals = new Map<string, ConsoleTerminal>();
  private timestamps = false;
  private readonly longAnswers = new Map<string, LongAnswer>();
  private readonly longAnswerListeners = new Set<(sessionId: string) => void>();

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

  /**
   * Writes an entry to its console. An answer longer than the console can show is cut to its end,
   * after a marker that says how many lines are not shown; its whole text is kept for saving.
   */
  append(sessionId: string, entry: OutputEntry): void {
    const terminal = this.getOrCreate(sessionId);
    if (entry.kind === 'response' && isEmptyAnswer(entry.text)) {
      terminal.append({ kind: 'info', text: NO_OUTPUT, at: entry.at });
      return;
    }
    const cut = entry.kind === 'response' ? cutLongAnswer(entry.text, ANSWER_LINES_SHOWN) : undefined;
    if (!cut) {
      terminal.append(entry.kind === 'response' && isErrorAnswer(entry.text) ? { ...entry, kind: 'error' } : entry);
      return;
    }
    this.longAnswers.set(sessionId, { text: entry.text, total: cut.total, hidden: cut.hidden, at: entry.at });
    terminal.append({ kind: 'info', text: cutMarker(cut), at: entry.at });
    terminal.append({ ...entry, text: cut.kept });
    for (const listener of this.longAnswerListeners) listener(sessionId);
  }

  /** The last answer of the session that was cut, if any. */
  longAnswer(sessionId: string): LongAnswer | undefined {
    return this.longAnswers.get(sessionId);
  }

  forgetLongAnswer(sessionId: string): void {
    if (this.longAnswers.delete(sessionId)) for (const listener of this.longAnswerListeners) listener(sessionId);
  }

  onLongAnswer(listener: (sessionId: string) => void): () => void {
    this.longAnswerListeners.add(listener);
    return () => this.longAnswerListeners.delete(listener);
  }

  setTimestamps(on: boolean): void {
    this.timestamps = on;
    for (const terminal of this.terminals.values()) terminal.setTimestamps(on);
  }

  dispose(sessionId: string): void {
    this.terminals.get(sessionId)?.dispose();
    this.terminals.delete(sessionId);
    this.longAnswers.delete(sessionId);
  }

  ids(): string[] {
    return [...this.terminals.keys()];
  }
}

export const terminals = new TerminalRegistry();
