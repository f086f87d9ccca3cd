import type { Macro, Schedule, ScheduleTiming, ServerOutcome } from '../../shared/fleet';
import type { FleetRunner } from './fleet-runner';

/** Time and timers, so tests can drive schedules with a fake clock. */
export interface Clock {
  now(): number;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** What the scheduler needs from the automation store. */
export interface ScheduleSource {
  listSchedules(): Promise<Schedule[]>;
  getMacro(id: string): Promise<Macro>;
}

export interface ScheduleRun {
  scheduleId: string;
  name: string;
  /** Epoch ms. */
  startedAt: number;
  finishedAt: number;
  /** ok: every server answered; partial: some did not; failed: none did, or it could not start. */
  status: 'ok' | 'partial' | 'failed' | 'skipped';
  outcomes: ServerOutcome[];
  /** Why it failed or was skipped, in words. */
  error?: string;
}

export interface UpcomingRun {
  scheduleId: string;
  name: string;
  /** Epoch ms. */
  nextRunAt: number;
}

export interface SchedulerOptions {
  clock?: Clock;
  onRun?: (run: ScheduleRun) => void;
  /** Runs remembered for `runs()`; every command is also in the audit log. */
  keepRuns?: number;
}

/** setTimeout's limit; a longer wait is taken in steps. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Runs saved schedules while the app is open: a command or a macro, on a server or a group,
 * every N minutes or daily at a local time. One timer is armed for the earliest run. A schedule
 * whose previous run is still going is skipped, and the skip is recorded like any run.
 */
export class Scheduler {
  private readonly clock: Clock;
  private readonly onRun: (run: ScheduleRun) => void;
  private readonly keepRuns: number;
  private schedules: Schedule[] = [];
  private readonly next = new Map<string, number>();
  private readonly running = new Set<string>();
  private readonly history: ScheduleRun[] = [];
  private timer: unknown;
  private stopped = true;

  constructor(
    private readonly source: ScheduleSource,
    private readonly runner: Pick<FleetRunner, 'broadcast' | 'runMacro'>,
    options: SchedulerOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.onRun = options.onRun ?? (() => undefined);
    this.keepRuns = options.keepRuns ?? 200;
  }

  /** Reads the schedules and arms the timer; call again whenever they change. */
  async reload(): Promise<void> {
    this.stopped = false;
    const schedules = (await this.source.listSchedules()).filter((s) => s.enabled);
    const now = this.clock.now();
    const kept = new Map<string, number>();
    for (const schedule of schedules) {
      const previous = this.schedules.find((s) => s.id === schedule.id);
      const unchanged = previous !== undefined && JSON.stringify(previous.timing) === JSON.stringify(schedule.timing);
      const known = this.next.get(schedule.id);
      kept.set(schedule.id, unchanged && known !== undefined ? known : nextRunAt(schedule.timing, now));
    }
    this.schedules = schedules;
    this.next.clear();
    for (const [id, at] of kept) this.next.set(id, at);
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }

  upcoming(): UpcomingRun[] {
    return this.schedules
      .map((s) => ({ scheduleId: s.id, name: s.name, nextRunAt: this.next.get(s.id) ?? Number.NaN }))
      .sort((a, b) => a.nextRunAt - b.nextRunAt);
  }

  /** The latest runs, newest first. */
  runs(): ScheduleRun[] {
    return [...this.history].reverse();
  }

  private arm(): void {
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
    if (this.stopped || this.next.size === 0) return;
    const earliest = Math.min(...this.next.values());
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, earliest - this.clock.now()));
    this.timer = this.clock.setTimer(() => {
      this.timer = undefined;
      this.fireDue();
    }, wait);
  }

  private fireDue(): void {
    const now = this.clock.now();
    for (const schedule of this.schedules) {
      const at = this.next.get(schedule.id);
      if (at === undefined || at > now) continue;
      this.next.set(schedule.id, nextRunAt(schedule.timing, now));
      void this.run(schedule, now);
    }
    this.arm();
  }

  private async run(schedule: Schedule, startedAt: number): Promise<void> {
    if (this.running.has(schedule.id)) {
      this.record({
        scheduleId: schedule.id,
        name: schedule.name,
        startedAt,
        finishedAt: startedAt,
        status: 'skipped',
        outcomes: [],
        error: 'The previous run was still going.',
      });
      return;
    }
    this.running.add(schedule.id);
    let outcomes: ServerOutcome[] = [];
    let error: string | undefined;
    try {
      if (schedule.action.kind === 'command') {
        outcomes = await this.runner.broadcast(schedule.target, schedule.action.command, { source: 'schedule' });
      } else {
        const macro = await this.source.getMacro(schedule.action.macroId);
        const result = await this.runner.runMacro(macro, schedule.target, { source: 'schedule' });
        outcomes = result.outcomes.flat();
      }
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    } finally {
      this.running.delete(schedule.id);
    }
    const answered = outcomes.filter((o) => o.status === 'ok').length;
    const status = error !== undefined || answered === 0 ? 'failed' : answered === outcomes.length ? 'ok' : 'partial';
    const run: ScheduleRun = {
      scheduleId: schedule.id,
      name: schedule.name,
      startedAt,
      finishedAt: this.clock.now(),
      status,
      outcomes,
    };
    if (error !== undefined) run.error = error;
    this.record(run);
  }

  private record(run: ScheduleRun): void {
    this.history.push(run);
    if (this.history.length > this.keepRuns) this.history.shift();
    this.onRun(run);
  }
}

/**
 * The first run strictly after `after` (epoch ms): an interval counts from `after`; a daily time
 * is the local wall-clock time, so it follows daylight-saving changes.
 */
export function nextRunAt(timing: ScheduleTiming, after: number): number {
  if (timing.kind === 'interval') return after + timing.minutes * 60_000;
  const [hours, minutes] = timing.time.split(':').map(Number) as [number, number];
  const candidate = new Date(after);
  candidate.setHours(hours, minutes, 0, 0);
  if (candidate.getTime() <= after) {
    candidate.setDate(candidate.getDate() + 1);
    candidate.setHours(hours, minutes, 0, 0);
  }
  return candidate.getTime();
}
