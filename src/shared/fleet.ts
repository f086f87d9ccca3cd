/**
 * Fleet work as plain data shared by main and renderer: the audit log's records, broadcasts,
 * macros and schedules. None of it ever holds a password.
 */

/** Who sent a command. */
export type CommandSource = 'console' | 'broadcast' | 'macro' | 'schedule' | 'player-action' | 'player-list';

export const COMMAND_SOURCES = [
  'console',
  'broadcast',
  'macro',
  'schedule',
  'player-action',
  'player-list',
] as const satisfies readonly CommandSource[];

/** One command sent to one server, as the audit log keeps it. */
export interface AuditRecord {
  /** ISO 8601 time the command was sent. */
  at: string;
  profileId: string;
  /** The server's name at the time. */
  server: string;
  /** `host:port` at the time. */
  address: string;
  /** The command, with the arguments of secret-carrying commands masked. */
  command: string;
  source: CommandSource;
  outcome: 'ok' | 'error';
  /** Why it failed, in words, when it failed. */
  error?: string;
  durationMs: number;
}

export interface AuditFilter {
  profileId?: string;
  source?: CommandSource;
  outcome?: AuditRecord['outcome'];
  /** Case-insensitive text to find in the server name or the command. */
  text?: string;
  /** ISO times, inclusive. */
  since?: string;
  until?: string;
  /** Newest records first, at most this many. */
  limit?: number;
}

export type ExportFormat = 'csv' | 'json';

/** A step of a macro: a command, or a pause before the next step. */
export type MacroStep = { kind: 'command'; command: string } | { kind: 'wait'; seconds: number };

export interface Macro {
  id: string;
  name: string;
  steps: MacroStep[];
}

/** A macro to save: without an id to create it. */
export type MacroDraft = Omit<Macro, 'id'> & { id?: string };

/** Which servers a broadcast, macro or schedule goes to. */
export type FleetTarget = { kind: 'profiles'; profileIds: string[] } | { kind: 'group'; group: string };

/** When a schedule fires: every N minutes from when it was saved, or daily at a local time. */
export type ScheduleTiming = { kind: 'interval'; minutes: number } | { kind: 'daily'; time: string };

export type ScheduleAction = { kind: 'command'; command: string } | { kind: 'macro'; macroId: string };

export interface Schedule {
  id: string;
  name: string;
  target: FleetTarget;
  action: ScheduleAction;
  timing: ScheduleTiming;
  enabled: boolean;
}

export type ScheduleDraft = Omit<Schedule, 'id'> & { id?: string };

/** A schedule as the renderer lists it: with its next run and how the last one went. */
export interface ScheduleView extends Schedule {
  /** Epoch ms; absent while disabled. */
  nextRunAt?: number;
  lastRun?: ScheduleRunSummary;
}

export interface ScheduleRunSummary {
  /** Epoch ms. */
  startedAt: number;
  status: 'ok' | 'partial' | 'failed' | 'skipped';
  /** Servers that answered, of those it went to. */
  answered: number;
  servers: number;
  error?: string;
}

/** What main pushes about fleet work in progress. */
export type FleetEvent =
  | { type: 'broadcast-outcome'; broadcastId: string; outcome: ServerOutcome }
  | {
      type: 'macro-progress';
      runId: string;
      macroName: string;
      step: number;
      steps: number;
      /** Set on the last event of the run. */
      done?: 'done' | 'cancelled' | 'failed';
      error?: string;
      outcomes?: ServerOutcome[];
    }
  | { type: 'schedule-run'; scheduleId: string; summary: ScheduleRunSummary };

/** How one server fared in a broadcast or one macro step. */
export interface ServerOutcome {
  profileId: string;
  server: string;
  /** `skipped`: not sent, e.g. because the login failed or the user opted the server out. */
  status: 'ok' | 'error' | 'skipped';
  answer?: string;
  error?: string;
  durationMs: number;
}
