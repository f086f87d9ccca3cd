import { commonPrefix, type CommandCompleter } from '../../../shared/command-completion';

/** A completion in progress: repeated Tab presses walk its candidates. */
export interface CompletionCycle {
  /** The line as the last Tab left it: a press on any other line starts afresh. */
  line: string;
  /** The line's text before the completed word. */
  head: string;
  candidates: string[];
  /** The candidate in the line, or -1 before the first one was put there. */
  index: number;
}

export interface TabCompletion {
  line: string;
  /** Set while there are several candidates to walk with Tab. */
  cycle: CompletionCycle | undefined;
}

/**
 * What Tab does to the command line: a unique match is completed (with a space after it); several
 * are completed to their common start, then each further Tab puts the next one in the line. Returns
 * undefined when there is nothing to complete, so Tab keeps its usual meaning (the next control).
 */
export function tabComplete(
  line: string,
  completer: CommandCompleter,
  previous: CompletionCycle | undefined,
): TabCompletion | undefined {
  if (previous && previous.line === line && previous.candidates.length > 1) {
    const index = (previous.index + 1) % previous.candidates.length;
    const next = previous.head + previous.candidates[index]!;
    return { line: next, cycle: { ...previous, line: next, index } };
  }
  if (line.trim() === '') return undefined;
  const [candidates, replacing] = completer.complete(line);
  if (candidates.length === 0) return undefined;
  const head = line.slice(0, line.length - replacing.length);
  if (candidates.length === 1) return { line: `${head}${candidates[0]!} `, cycle: undefined };
  const shared = commonPrefix(candidates);
  if (shared.length > replacing.length) {
    const next = head + shared;
    return { line: next, cycle: { line: next, head, candidates, index: -1 } };
  }
  const next = head + candidates[0]!;
  return { line: next, cycle: { line: next, head, candidates, index: 0 } };
}
