import type { DroppedOutput } from '../../../shared/api';
import { ANSWER_LINES_SHOWN } from '../../../shared/console-limits';
import type { OutputEntry } from '../lib/format';
import { isEmptyAnswer, isErrorAnswer, NO_OUTPUT } from '../lib/answer-kind';
import { countLines, cutLongAnswer, cutMarker, type CutAnswer } from '../lib/long-answer';
import { OutputParts } from '../lib/output-parts';
import { ConsoleTerminal } from './console-terminal';

/** How an output event relates to others (SessionEvent `more`, `stream`, `dropped`). */
export interface PartsOf {
  more?: boolean;
  stream?: string;
  dropped?: DroppedOutput;
}

/**
 * The last answer of a console that was too long to show: how long, and when. The main process
 * keeps its whole text (saveLongAnswer).
 */
export interface LongAnswer {
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
  /** Outputs whose parts are still arriving, by session. */
  private readonly partial = new Map<string, OutputParts>();
  /** Answers streamed while they arrive, by session and stream id (see SessionEvent `stream`). */
  private readonly streams = new Map<string, Map<string, OutputParts>>();

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
   * after a marker that says how many lines are not shown; the main process keeps its whole text
   * for saving. `more`: the entry goes on in the next one (a long output sent in parts,
   * shared/output-parts.ts); the parts are gathered and the whole is written when the last arrives.
   * `dropped`: output the main process left out before this entry (SessionEvent `dropped`): server
   * messages, said in the console, or the start of a streamed answer, counted in its marker.
   */
  append(sessionId: string, entry: OutputEntry, relation: PartsOf = {}): void {
    const { more = false, stream, dropped } = relation;
    if (stream !== undefined) {
      this.appendStreamed(sessionId, entry, more, stream, dropped);
      return;
    }
    if (dropped !== undefined) this.getOrCreate(sessionId).noteDropped(dropped.chars);
    let pending = this.partial.get(sessionId);
    if (!pending && !more) {
      this.appendWhole(sessionId, entry);
      return;
    }
    // Parts of one output come one after another; another kind means the rest never came.
    if (pending && pending.kind !== entry.kind) {
      this.partial.delete(sessionId);
      this.finishParts(sessionId, pending);
      pending = undefined;
    }
    const parts = pending ?? newParts(entry);
    parts.add(entry.text);
    if (more) {
      this.partial.set(sessionId, parts);
    } else {
      this.partial.delete(sessionId);
      this.finishParts(sessionId, parts);
    }
  }

  /**
   * A part of an answer streamed while the server sends it: gathered with the others of its stream
   * (other output of the session may come between them, and is shown meanwhile) and shown, cut to
   * what the console can show, once the last arrives.
   */
  private appendStreamed(
    sessionId: string,
    entry: OutputEntry,
    more: boolean,
    stream: string,
    dropped: DroppedOutput | undefined,
  ): void {
    let open = this.streams.get(sessionId);
    let parts = open?.get(stream);
    if (!parts) {
      parts = newParts(entry);
      if (more) {
        if (!open) this.streams.set(sessionId, (open = new Map()));
        open.set(stream, parts);
      }
    }
    if (dropped !== undefined) parts.addDropped(dropped.lines);
    parts.add(entry.text);
    if (more) return;
    open?.delete(stream);
    if (open?.size === 0) this.streams.delete(sessionId);
    this.finishParts(sessionId, parts);
  }

  private finishParts(sessionId: string, parts: OutputParts): void {
    const lines = parts.lines();
    if (parts.kind === 'response' && lines > ANSWER_LINES_SHOWN) this.appendLongAnswer(sessionId, parts, lines);
    else this.appendWhole(sessionId, { kind: parts.kind, text: parts.text(), at: parts.at });
  }

  /**
   * An answer sent in parts and too long to show: its end is cut from the last parts only (the
   * main process may have sent no more than that, with the count of the lines before).
   */
  private appendLongAnswer(sessionId: string, parts: OutputParts, total: number): void {
    const tail = parts.tail(ANSWER_LINES_SHOWN + 1);
    const kept = cutLongAnswer(tail, ANSWER_LINES_SHOWN)?.kept ?? tail;
    this.showLongAnswer(sessionId, { kept, total, hidden: total - countLines(kept) }, parts.at);
  }

  private appendWhole(sessionId: string, entry: OutputEntry): void {
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
    this.showLongAnswer(sessionId, cut, entry.at);
  }

  private showLongAnswer(sessionId: string, cut: CutAnswer, at: number): void {
    const terminal = this.getOrCreate(sessionId);
    this.longAnswers.set(sessionId, { total: cut.total, hidden: cut.hidden, at });
    terminal.append({ kind: 'info', text: cutMarker(cut), at });
    terminal.append({ kind: 'response', text: cut.kept, at });
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
    this.partial.delete(sessionId);
    this.streams.delete(sessionId);
  }

  ids(): string[] {
    return [...this.terminals.keys()];
  }
}

/** An answer's parts keep only what its end needs (ANSWER_LINES_SHOWN); other output is kept whole. */
function newParts(entry: OutputEntry): OutputParts {
  return new OutputParts(entry.kind, entry.at, entry.kind === 'response' ? ANSWER_LINES_SHOWN + 1 : undefined);
}

export const terminals = new TerminalRegistry();
