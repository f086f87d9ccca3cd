import type { Profile, SessionEvent, SessionInfo } from '../../shared/api';
import type { CommandSource, FleetTarget, Macro, ServerOutcome } from '../../shared/fleet';
import { NotFoundError, ValidationError } from './errors';
import type { SentCommand } from './session-manager';
import { errorMessage } from './session-text';

/** What the fleet runner needs from the profile store. */
export interface FleetProfileSource {
  list(): Promise<Profile[]>;
}

/** What the fleet runner needs from the session manager. */
export interface FleetSessions {
  list(): SessionInfo[];
  open(request: { profileId: string }): Promise<SessionInfo>;
  send(sessionId: string, command: string, options?: { source?: CommandSource }): Promise<SentCommand>;
  close(sessionId: string): Promise<void>;
  on(event: 'event', listener: (event: SessionEvent) => void): unknown;
  off(event: 'event', listener: (event: SessionEvent) => void): unknown;
}

export interface FleetRunnerOptions {
  /** Servers connected or commanded at once. */
  concurrency?: number;
  /** A connect that has not settled by then counts as failed. */
  connectTimeoutMs?: number;
  /** Waits between macro steps; tests pass a fake. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface BroadcastOptions {
  /** Profiles of the target not to send to (the user opted them out). */
  exclude?: readonly string[];
  source?: CommandSource;
  signal?: AbortSignal;
  /** Called as each server's outcome is known, e.g. to fill in its pane. */
  onOutcome?: (outcome: ServerOutcome) => void;
}

export interface MacroProgress {
  /** The step about to run, from 0; equal to the step count when the macro is done. */
  step: number;
  steps: number;
  /** Outcomes of the last command step. */
  outcomes?: ServerOutcome[];
}

export interface MacroRunResult {
  status: 'done' | 'cancelled';
  /** The steps that ran to their end. */
  completedSteps: number;
  /** One list per command step that ran. */
  outcomes: ServerOutcome[][];
}

const DEFAULT_CONCURRENCY = 8;
const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;

/** A server taking part in a fleet operation, with the session it runs on. */
interface Member {
  profile: Profile;
  /** Undefined when it could not be connected; then `failure` says why. */
  sessionId?: string;
  /** Opened for this operation, so closed after it. */
  opened: boolean;
  failure?: ServerOutcome;
}

export class FleetCancelledError extends Error {
  constructor() {
    super('Cancelled.');
    this.name = 'FleetCancelledError';
  }
}

/**
 * Sends to many servers as one: a broadcast, or a macro's steps in order.
 *
 * Servers already open are used as they are, so their answers also show in their own tabs.
 * Others are connected for the operation and closed after it. A server whose login fails (or
 * that cannot be reached) gets nothing sent to it, and one server being down, slow or refusing
 * never holds up or fails the others: each gets its own outcome.
 */
export class FleetRunner {
  private readonly concurrency: number;
  private readonly connectTimeoutMs: number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;

  constructor(
    private readonly profiles: FleetProfileSource,
    private readonly sessions: FleetSessions,
    options: FleetRunnerOptions = {},
  ) {
    this.concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
    this.connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.sleep = options.sleep ?? abortableSleep;
  }

  /** The profiles a target names, in the order of the server list. */
  async resolveTarget(target: FleetTarget, exclude: readonly string[] = []): Promise<Profile[]> {
    const all = await this.profiles.list();
    let chosen: Profile[];
    if (target.kind === 'group') {
      chosen = all.filter((p) => p.group === target.group);
      if (chosen.length === 0) throw new NotFoundError(`No saved server is in the group "${target.group}".`);
    } else {
      const unknown = target.profileIds.filter((id) => !all.some((p) => p.id === id));
      if (unknown.length > 0) {
        throw new NotFoundError(
          `${unknown.length} of the chosen servers no longer exist; reload the list and try again.`,
        );
      }
      chosen = all.filter((p) => target.profileIds.includes(p.id));
    }
    // An opt-out naming a server that is gone means the window's list is stale: say so, send nothing.
    if (exclude.some((id) => !all.some((p) => p.id === id))) {
      throw new NotFoundError('A server opted out no longer exists; reload the list and try again.');
    }
    const remaining = chosen.filter((p) => !exclude.includes(p.id));
    if (remaining.length === 0) throw new ValidationError('Every server of the target was opted out: nothing to send.');
    return remaining;
  }

  async broadcast(target: FleetTarget, command: string, options: BroadcastOptions = {}): Promise<ServerOutcome[]> {
    const profiles = await this.resolveTarget(target, options.exclude);
    const signal = options.signal ?? new AbortController().signal;
    const members = await this.join(profiles, signal);
    try {
      return await this.sendToAll(members, command, options.source ?? 'broadcast', signal, options.onOutcome);
    } finally {
      await this.leave(members);
    }
  }

  /**
   * Runs a macro's steps in order on every server of the target. Cancelling stops before the
   * next step (a wait ends at once); commands already sent are not taken back.
   */
  async runMacro(
    macro: Macro,
    target: FleetTarget,
    options: { signal?: AbortSignal; source?: CommandSource; onProgress?: (progress: MacroProgress) => void } = {},
  ): Promise<MacroRunResult> {
    const profiles = await this.resolveTarget(target);
    const signal = options.signal ?? new AbortController().signal;
    const result: MacroRunResult = { status: 'done', completedSteps: 0, outcomes: [] };
    const steps = macro.steps.length;
    if (signal.aborted) return { ...result, status: 'cancelled' };
    const members = await this.join(profiles, signal);
    try {
      for (const [index, step] of macro.steps.entries()) {
        if (signal.aborted) return { ...result, status: 'cancelled' };
        options.onProgress?.({ step: index, steps });
        if (step.kind === 'wait') {
          try {
            await this.sleep(step.seconds * 1000, signal);
          } catch (error) {
            if (error instanceof FleetCancelledError) return { ...result, status: 'cancelled' };
            throw error;
          }
        } else {
          const outcomes = await this.sendToAll(members, step.command, options.source ?? 'macro', signal);
          result.outcomes.push(outcomes);
          options.onProgress?.({ step: index, steps, outcomes });
        }
        result.completedSteps = index + 1;
      }
      options.onProgress?.({ step: steps, steps });
      return result;
    } finally {
      await this.leave(members);
    }
  }

  private async sendToAll(
    members: Member[],
    command: string,
    source: CommandSource,
    signal: AbortSignal,
    onOutcome?: (outcome: ServerOutcome) => void,
  ): Promise<ServerOutcome[]> {
    return this.eachLimited(members, async (member) => {
      const outcome = member.failure ?? (await this.sendOne(member, command, source, signal));
      onOutcome?.(outcome);
      return outcome;
    });
  }

  private async sendOne(
    member: Member,
    command: string,
    source: CommandSource,
    signal: AbortSignal,
  ): Promise<ServerOutcome> {
    const base = { profileId: member.profile.id, server: member.profile.name };
    if (signal.aborted || member.sessionId === undefined) {
      return { ...base, status: 'skipped', error: 'Cancelled before it was sent.', durationMs: 0 };
    }
    const started = performance.now();
    try {
      const sent = await this.sessions.send(member.sessionId, command, { source });
      return { ...base, status: 'ok', answer: sent.text, durationMs: sent.durationMs };
    } catch (error) {
      return {
        ...base,
        status: 'error',
        error: errorMessage(error),
        durationMs: Math.round(performance.now() - started),
      };
    }
  }

  /** Connects every member that has no connected session yet. */
  private join(profiles: Profile[], signal: AbortSignal): Promise<Member[]> {
    return this.eachLimited(profiles, async (profile) => {
      const open = this.sessions.list().filter((s) => s.profileId === profile.id);
      const existing =
        open.find((s) => s.status === 'connected') ??
        open.find((s) => s.status === 'connecting' || s.status === 'authenticating');
      if (existing && (await this.settle(existing)).status === 'connected') {
        return { profile, sessionId: existing.sessionId, opened: false };
      }
      if (signal.aborted) return { profile, opened: false, failure: skipped(profile, 'Cancelled before it was sent.') };
      let info: SessionInfo;
      try {
        info = await this.sessions.open({ profileId: profile.id });
      } catch (error) {
        return { profile, opened: false, failure: skipped(profile, `Not connected: ${errorMessage(error)}`) };
      }
      const settled = await this.settle(info);
      if (settled.status === 'connected') return { profile, sessionId: info.sessionId, opened: true };
      await this.sessions.close(info.sessionId).catch(() => undefined);
      const why = settled.reason ?? 'the connection failed';
      return { profile, opened: true, failure: skipped(profile, `Not sent: ${why}`) };
    });
  }

  private async leave(members: Member[]): Promise<void> {
    await Promise.all(
      members
        .filter((m) => m.opened && m.sessionId !== undefined)
        .map((m) => this.sessions.close(m.sessionId as string).catch(() => undefined)),
    );
  }

  /** Waits until a session just opened is connected or has failed (never retried: logins are final). */
  private settle(info: SessionInfo): Promise<SessionInfo> {
    const current = this.sessions.list().find((s) => s.sessionId === info.sessionId) ?? info;
    if (isSettled(current)) return Promise.resolve(current);
    return new Promise((resolve) => {
      const done = (result: SessionInfo): void => {
        clearTimeout(timer);
        this.sessions.off('event', listener);
        resolve(result);
      };
      const listener = (event: SessionEvent): void => {
        if (event.type === 'status' && event.session.sessionId === info.sessionId && isSettled(event.session)) {
          done(event.session);
        }
      };
      const timer = setTimeout(
        () => done({ ...info, status: 'error', reason: `no login within ${this.connectTimeoutMs / 1000} s` }),
        this.connectTimeoutMs,
      );
      this.sessions.on('event', listener);
    });
  }

  /** Runs `task` on every item with at most `concurrency` at once; results keep the items' order. */
  private async eachLimited<T, R>(items: readonly T[], task: (item: T) => Promise<R>): Promise<R[]> {
    const results = new Array<R>(items.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < items.length) {
        const index = next;
        next += 1;
        results[index] = await task(items[index] as T);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, items.length) }, worker));
    return results;
  }
}

function isSettled(info: SessionInfo): boolean {
  return info.status === 'connected' || info.status === 'error' || info.status === 'disconnected';
}

function skipped(profile: Profile, error: string): ServerOutcome {
  return { profileId: profile.id, server: profile.name, status: 'skipped', error, durationMs: 0 };
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new FleetCancelledError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new FleetCancelledError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
