import { listsServerNames, parseCvarList, parseHelpNames } from '../../../shared/command-completion';
import type { OutputKind } from '../../../shared/api';

/** An output event as far as learning names goes. */
export interface ObservedOutput {
  sessionId: string;
  kind: OutputKind;
  text: string;
  more?: boolean;
}

interface SessionNames {
  names: Set<string>;
  /** For each echoed command not answered yet, in order: whether its answer lists names. */
  awaiting: boolean[];
  /** The parts of an answer still arriving (a long answer crosses the bridge in parts). */
  partial: string | undefined;
}

/**
 * The command and variable names each session's server reported, for Tab completion: read from the
 * answers to `cvarlist`, `help` and `find`. Answers come in the order the commands were sent, so each
 * answer is matched with the oldest echoed command still waiting.
 */
export class ServerNames {
  private readonly sessions = new Map<string, SessionNames>();

  observe(event: ObservedOutput): void {
    if (event.kind !== 'command' && event.kind !== 'response') return;
    let session = this.sessions.get(event.sessionId);
    if (!session) {
      session = { names: new Set(), awaiting: [], partial: undefined };
      this.sessions.set(event.sessionId, session);
    }
    if (event.kind === 'command') {
      session.awaiting.push(listsServerNames(event.text));
      return;
    }
    // Only an answer that lists names is gathered: a many-megabyte `status` is not copied here.
    const learning = session.awaiting[0] === true;
    if (event.more === true) {
      if (learning) session.partial = (session.partial ?? '') + event.text;
      return;
    }
    const text = (session.partial ?? '') + event.text;
    session.partial = undefined;
    session.awaiting.shift();
    if (!learning) return;
    for (const name of [...parseCvarList(text), ...parseHelpNames(text)]) session.names.add(name);
  }

  names(sessionId: string): string[] {
    return [...(this.sessions.get(sessionId)?.names ?? [])];
  }

  forget(sessionId: string): void {
    this.sessions.delete(sessionId);
  }
}

/** The names of every open console, filled from the output events in main.tsx. */
export const serverNames = new ServerNames();
