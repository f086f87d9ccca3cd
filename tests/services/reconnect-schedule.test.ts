import { describe, expect, it } from 'vitest';
import {
  formatSpan,
  isGiveUp,
  ReconnectSchedule,
  reconnectPlan,
  sessionSettings,
  type ReconnectPlan,
} from '../../src/main/services/reconnect-schedule';
import { PROFILE_SETTINGS_DEFAULTS } from '../../src/shared/profile-settings';

/** A clock the test moves by hand: the schedule is arithmetic, nothing here waits. */
function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const plan = (overrides: Partial<ReconnectPlan> = {}): ReconnectPlan => ({
  mode: 'forever',
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  giveUpMs: 15 * 60_000,
  maxAttempts: Infinity,
  ...overrides,
});

/** Runs the schedule as the session manager does: each attempt starts when its wait is over, and fails. */
function run(schedule: ReconnectSchedule, c: ReturnType<typeof clock>, p: ReconnectPlan, limit = 100) {
  const delays: number[] = [];
  for (let i = 0; i < limit; i += 1) {
    const step = schedule.next(p);
    if (isGiveUp(step)) return { delays, why: step.why };
    expect(step.attempt).toBe(delays.length + 1);
    delays.push(step.delayMs);
    c.advance(step.delayMs);
  }
  return { delays, why: undefined };
}

describe('ReconnectSchedule', () => {
  it('doubles the wait from 1 s up to the cap and keeps trying forever', () => {
    const c = clock();
    const { delays, why } = run(new ReconnectSchedule(c.now), c, plan({ maxDelayMs: 30_000 }), 40);
    expect(why).toBeUndefined();
    expect(delays.slice(0, 7)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(new Set(delays.slice(5))).toEqual(new Set([30_000]));
  });

  it('gives up at the give-up time, with the last wait shortened to end on it', () => {
    const c = clock();
    const { delays, why } = run(new ReconnectSchedule(c.now), c, plan({ mode: 'limited', giveUpMs: 60_000 }));
    // 1+2+4+8+16 = 31 s, then 29 s left of the minute.
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 29_000]);
    expect(delays.reduce((a, b) => a + b, 0)).toBe(60_000);
    expect(why).toBe('Gave up after 1 min (6 attempts).');
  });

  it('outlasts a several-minute server restart with the default settings', () => {
    const c = clock();
    const defaults = reconnectPlan(PROFILE_SETTINGS_DEFAULTS, {});
    const schedule = new ReconnectSchedule(c.now);
    // The server is down for 6 minutes: every attempt in that time fails, and none is the last.
    let waited = 0;
    while (waited < 6 * 60_000) {
      const step = schedule.next(defaults);
      expect(isGiveUp(step)).toBe(false);
      if (isGiveUp(step)) return;
      expect(step.delayMs).toBeLessThanOrEqual(30_000);
      waited += step.delayMs;
      c.advance(step.delayMs);
    }
  });

  it('counts the give-up time from the loss, not from the schedule’s creation', () => {
    const c = clock();
    const schedule = new ReconnectSchedule(c.now);
    c.advance(10 * 60_000); // connected for ten minutes
    schedule.restart();
    const step = schedule.next(plan({ mode: 'limited', giveUpMs: 60_000 }));
    expect(step).toEqual({ attempt: 1, delayMs: 1_000 });
  });

  it('is off: no attempt at all, and nothing to add to the reason', () => {
    const c = clock();
    expect(new ReconnectSchedule(c.now).next(plan({ mode: 'off' }))).toEqual({ giveUp: true, why: '' });
    expect(new ReconnectSchedule(c.now).next(plan({ maxAttempts: 0 }))).toEqual({ giveUp: true, why: '' });
  });

  it('stops at an attempt limit in every mode', () => {
    const c = clock();
    const { delays, why } = run(new ReconnectSchedule(c.now), c, plan({ maxAttempts: 3 }));
    expect(delays).toEqual([1_000, 2_000, 4_000]);
    expect(why).toBe('Gave up after 3 attempts.');
  });

  it('starts counting again after restart()', () => {
    const c = clock();
    const schedule = new ReconnectSchedule(c.now);
    run(schedule, c, plan({ maxAttempts: 2 }));
    schedule.restart();
    expect(schedule.attempt).toBe(0);
    expect(schedule.next(plan({ maxAttempts: 2 }))).toEqual({ attempt: 1, delayMs: 1_000 });
  });

  it('reads the plan at each step, so a cap changed meanwhile applies to the next wait', () => {
    const c = clock();
    const schedule = new ReconnectSchedule(c.now);
    expect(schedule.next(plan({ initialDelayMs: 8_000 }))).toMatchObject({ delayMs: 8_000 });
    expect(schedule.next(plan({ initialDelayMs: 8_000, maxDelayMs: 5_000 }))).toMatchObject({ delayMs: 5_000 });
  });
});

describe('sessionSettings', () => {
  it('fills what a profile does not set from the manager’s tuning, then the defaults', () => {
    expect(sessionSettings({}, {}, undefined)).toEqual(PROFILE_SETTINGS_DEFAULTS);
    expect(sessionSettings({}, { maxDelayMs: 80, giveUpMs: 500 }, 2_000)).toMatchObject({
      reconnectMaxDelayMs: 80,
      reconnectGiveUpMs: 500,
      commandTimeoutMs: 2_000,
    });
    const own = { reconnect: 'forever' as const, reconnectMaxDelayMs: 5_000, commandTimeoutMs: 45_000 };
    expect(sessionSettings({ settings: own }, { maxDelayMs: 80 }, 2_000)).toMatchObject(own);
  });
});

describe('formatSpan', () => {
  it('says a give-up time in the units an admin sets it in', () => {
    expect(formatSpan(45_000)).toBe('45 s');
    expect(formatSpan(15 * 60_000)).toBe('15 min');
    expect(formatSpan(90 * 60_000)).toBe('1 h 30 min');
    expect(formatSpan(24 * 3_600_000)).toBe('24 h');
  });
});
