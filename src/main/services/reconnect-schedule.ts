import type { Profile } from '../../shared/api';
import { PROFILE_SETTINGS_DEFAULTS, type ProfileSettings, type ReconnectMode } from '../../shared/profile-settings';
import type { ReconnectPolicy } from './session-manager-types';

/** The first wait after a lost connection; it doubles with each attempt up to the profile's longest wait. */
const FIRST_RETRY_DELAY_MS = 1_000;

/** How one session reconnects after a lost connection: the profile's settings, with the manager's tuning. */
export interface ReconnectPlan {
  mode: ReconnectMode;
  /** Wait before the first attempt; doubles with each attempt up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** In mode 'limited': no attempt starts later than this after the connection was lost. */
  giveUpMs: number;
  /** Attempts after one lost connection, whatever the mode (0 turns reconnecting off); Infinity for no limit. */
  maxAttempts: number;
}

/** The next attempt: when, and which one (1 for the first after the loss). */
export interface NextAttempt {
  attempt: number;
  delayMs: number;
}

/** Reconnecting stops: `why` completes a sentence such as "Gave up after 15 min (12 attempts)." (empty when off). */
export interface GiveUp {
  giveUp: true;
  why: string;
}

/**
 * The waits between reconnect attempts during one outage: 1 s, 2 s, 4 s… up to the cap, until
 * the give-up time or the attempt limit, or forever. Plain arithmetic on an injected clock, so it
 * is tested without waiting; the session manager owns the timers.
 */
export class ReconnectSchedule {
  private attempts = 0;
  private lostAt: number;

  constructor(private readonly now: () => number = Date.now) {
    this.lostAt = now();
  }

  /** Attempts made so far in this outage. */
  get attempt(): number {
    return this.attempts;
  }

  /** A new outage: counting and the give-up time start again. */
  restart(): void {
    this.attempts = 0;
    this.lostAt = this.now();
  }

  /** The next attempt under `plan` (read each time, so a setting changed meanwhile applies), or why none. */
  next(plan: ReconnectPlan): NextAttempt | GiveUp {
    if (plan.mode === 'off' || plan.maxAttempts <= 0) return { giveUp: true, why: '' };
    if (this.attempts >= plan.maxAttempts) {
      return { giveUp: true, why: `Gave up after ${countAttempts(this.attempts)}.` };
    }
    let delayMs = Math.min(plan.maxDelayMs, plan.initialDelayMs * 2 ** this.attempts);
    if (plan.mode === 'limited') {
      const left = this.lostAt + plan.giveUpMs - this.now();
      if (left <= 0) {
        return { giveUp: true, why: `Gave up after ${formatSpan(plan.giveUpMs)} (${countAttempts(this.attempts)}).` };
      }
      // The last attempt comes at the give-up time rather than past it.
      delayMs = Math.min(delayMs, left);
    }
    this.attempts += 1;
    return { attempt: this.attempts, delayMs: Math.max(0, Math.round(delayMs)) };
  }
}

export function isGiveUp(step: NextAttempt | GiveUp): step is GiveUp {
  return 'giveUp' in step;
}

function countAttempts(n: number): string {
  return `${n} attempt${n === 1 ? '' : 's'}`;
}

/** "15 min", "1 h 30 min", "45 s". */
export function formatSpan(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/**
 * A profile's settings, the defaults filled in: the manager's tuning (and its command timeout)
 * first, then the app's defaults.
 */
export function sessionSettings(
  profile: Pick<Profile, 'settings'>,
  policy: Partial<ReconnectPolicy>,
  commandTimeoutMs: number | undefined,
): ProfileSettings {
  const defaults = { ...PROFILE_SETTINGS_DEFAULTS };
  if (policy.maxDelayMs !== undefined) defaults.reconnectMaxDelayMs = policy.maxDelayMs;
  if (policy.giveUpMs !== undefined) defaults.reconnectGiveUpMs = policy.giveUpMs;
  if (commandTimeoutMs !== undefined) defaults.commandTimeoutMs = commandTimeoutMs;
  return { ...defaults, ...profile.settings };
}

export function reconnectPlan(settings: ProfileSettings, policy: Partial<ReconnectPolicy>): ReconnectPlan {
  return {
    mode: settings.reconnect,
    initialDelayMs: policy.initialDelayMs ?? FIRST_RETRY_DELAY_MS,
    maxDelayMs: settings.reconnectMaxDelayMs,
    giveUpMs: settings.reconnectGiveUpMs,
    maxAttempts: policy.maxAttempts ?? Infinity,
  };
}
