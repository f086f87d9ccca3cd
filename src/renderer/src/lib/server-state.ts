import type { SessionStatus } from '../../../shared/api';

/** What the server list says about a server's consoles: its worst open tab, or that none is open. */
export type ServerState = 'connected' | 'connecting' | 'reconnecting' | 'disconnected' | 'error' | 'closed';

export interface ServerStateSummary {
  state: ServerState;
  /** The state in a word or two, as the row shows it. */
  label: string;
  /** The whole picture, for screen readers and the tooltip ("2 consoles: 1 connected, 1 error"). */
  description: string;
}

/**
 * Worst first: a problem in one tab must not hide behind a working one, since the list is where an
 * admin looks to see what needs attention. Connecting sits between, as it is about to be either.
 */
const SEVERITY: readonly ServerState[] = ['error', 'reconnecting', 'disconnected', 'connecting', 'connected'];

const LABELS: Readonly<Record<ServerState, string>> = {
  connected: 'Connected',
  connecting: 'Connecting',
  reconnecting: 'Reconnecting',
  disconnected: 'Disconnected',
  error: 'Error',
  closed: 'Not open',
};

function stateOf(status: SessionStatus): ServerState {
  return status === 'authenticating' ? 'connecting' : status;
}

/** The state of a server from the statuses of its open tabs. */
export function serverState(statuses: readonly SessionStatus[]): ServerStateSummary {
  if (statuses.length === 0) return { state: 'closed', label: LABELS.closed, description: 'No console open' };
  const states = statuses.map(stateOf);
  const state = SEVERITY.find((s) => states.includes(s))!;
  if (states.length === 1) return { state, label: LABELS[state], description: LABELS[state] };
  const counts = SEVERITY.filter((s) => states.includes(s)).map(
    (s) => `${states.filter((x) => x === s).length} ${LABELS[s].toLowerCase()}`,
  );
  return { state, label: LABELS[state], description: `${states.length} consoles: ${counts.join(', ')}` };
}
