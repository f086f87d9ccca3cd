import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { BroadcastRequest, StartMacroRequest } from '../../shared/api';
import type {
  AuditFilter,
  ExportFormat,
  FleetEvent,
  Macro,
  MacroDraft,
  ScheduleDraft,
  ScheduleRunSummary,
  ScheduleView,
  ServerOutcome,
} from '../../shared/fleet';
import type { AuditLog, AuditReadResult } from './audit-log';
import type { AutomationStore } from './automation-store';
import { NotFoundError } from './errors';
import type { FleetRunner } from './fleet-runner';
import type { ScheduleRun, Scheduler } from './scheduler';
import type { TextFileSaver } from './text-file-saver';

export interface FleetServiceEvents {
  event: [event: FleetEvent];
}

/**
 * Fleet work as the API offers it: broadcasts, macros (started, followed and cancelled by run id),
 * schedules with their next and last runs, and the audit log. Progress goes out as FleetEvents.
 */
export class FleetService extends EventEmitter<FleetServiceEvents> {
  private readonly runs = new Map<string, AbortController>();
  private readonly lastRuns = new Map<string, ScheduleRunSummary>();

  constructor(
    private readonly runner: FleetRunner,
    private readonly automation: AutomationStore,
    private readonly scheduler: Scheduler,
    private readonly audit: AuditLog,
    private readonly files: TextFileSaver,
  ) {
    super();
  }

  /** The scheduler's onRun hook: remembers the summary and tells the window. */
  readonly onScheduleRun = (run: ScheduleRun): void => {
    const summary: ScheduleRunSummary = {
      startedAt: run.startedAt,
      status: run.status,
      answered: run.outcomes.filter((o) => o.status === 'ok').length,
      servers: new Set(run.outcomes.map((o) => o.profileId)).size,
    };
    if (run.error !== undefined) summary.error = run.error;
    this.lastRuns.set(run.scheduleId, summary);
    this.emit('event', { type: 'schedule-run', scheduleId: run.scheduleId, summary });
  };

  broadcast(request: BroadcastRequest): Promise<ServerOutcome[]> {
    return this.runner.broadcast(request.target, request.command, {
      exclude: request.exclude,
      onOutcome: (outcome) =>
        this.emit('event', { type: 'broadcast-outcome', broadcastId: request.broadcastId, outcome }),
    });
  }

  listMacros(): Promise<Macro[]> {
    return this.automation.listMacros();
  }

  saveMacro(draft: MacroDraft): Promise<Macro> {
    return this.automation.saveMacro(draft);
  }

  async deleteMacro(id: string): Promise<void> {
    await this.automation.deleteMacro(id);
  }

  /** Checks the macro and the target, then runs it in the background. */
  async startMacro(request: StartMacroRequest): Promise<{ runId: string }> {
    const macro = await this.automation.getMacro(request.macroId);
    await this.runner.resolveTarget(request.target);
    const runId = randomUUID();
    const controller = new AbortController();
    this.runs.set(runId, controller);
    const base = { type: 'macro-progress' as const, runId, macroName: macro.name };
    void this.runner
      .runMacro(macro, request.target, {
        signal: controller.signal,
        onProgress: (progress) => {
          const event: FleetEvent = { ...base, step: progress.step, steps: progress.steps };
          if (progress.outcomes) event.outcomes = progress.outcomes;
          this.emit('event', event);
        },
      })
      .then(
        (result) => {
          const steps = macro.steps.length;
          this.emit('event', { ...base, step: result.completedSteps, steps, done: result.status });
        },
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          this.emit('event', { ...base, step: 0, steps: macro.steps.length, done: 'failed', error: message });
        },
      )
      .finally(() => this.runs.delete(runId));
    return { runId };
  }

  async cancelMacro(runId: string): Promise<void> {
    const controller = this.runs.get(runId);
    if (!controller) throw new NotFoundError('That macro run has already finished.');
    controller.abort();
  }

  async listSchedules(): Promise<ScheduleView[]> {
    const upcoming = new Map(this.scheduler.upcoming().map((u) => [u.scheduleId, u.nextRunAt]));
    return (await this.automation.listSchedules()).map((schedule) => {
      const view: ScheduleView = { ...schedule };
      const next = upcoming.get(schedule.id);
      if (next !== undefined && Number.isFinite(next)) view.nextRunAt = next;
      const last = this.lastRuns.get(schedule.id);
      if (last) view.lastRun = last;
      return view;
    });
  }

  async saveSchedule(draft: ScheduleDraft): Promise<ScheduleView> {
    // A schedule must name servers that exist, or it could only ever fail.
    await this.runner.resolveTarget(draft.target);
    const saved = await this.automation.saveSchedule(draft);
    await this.scheduler.reload();
    const view = (await this.listSchedules()).find((s) => s.id === saved.id);
    return view ?? saved;
  }

  async deleteSchedule(id: string): Promise<void> {
    await this.automation.deleteSchedule(id);
    this.lastRuns.delete(id);
    await this.scheduler.reload();
  }

  readAudit(filter: AuditFilter): Promise<AuditReadResult> {
    return this.audit.read(filter);
  }

  /** Asks where to save (the save dialog), then writes the matching records there; null when cancelled. */
  async exportAudit(format: ExportFormat, filter: AuditFilter): Promise<string | null> {
    const content = await this.audit.export(format, filter);
    const result = await this.files.save(`rcon-desk-audit.${format}`, content);
    return result.saved ? (result.path ?? null) : null;
  }

  /** Cancels every macro run, e.g. when the app quits. */
  cancelAll(): void {
    for (const controller of this.runs.values()) controller.abort();
  }
}
