import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Macro, Schedule } from '../../src/shared/fleet';
import { AuditLog } from '../../src/main/services/audit-log';
import { FleetRunner } from '../../src/main/services/fleet-runner';
import { HistoryStore } from '../../src/main/services/history-store';
import { Scheduler, nextRunAt, type Clock, type ScheduleRun } from '../../src/main/services/scheduler';
import { SessionManager } from '../../src/main/services/session-manager';
import { ReferenceServer } from '../../src/reference-server/server';
import { MemoryProfiles, removeDir, tempDir, waitFor } from './helpers';

const PASSWORD = 'schedule-secret';

/**
 * A fake clock for the scheduler's timers only: everything else (sockets, the servers) runs in
 * real time. `advance` moves the time on and fires each timer that falls due, in order.
 */
class FakeClock implements Clock {
  private timers: { id: number; at: number; callback: () => void }[] = [];
  private nextId = 1;

  constructor(public time: number) {}

  now(): number {
    return this.time;
  }

  setTimer(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ id, at: this.time + ms, callback });
    return id;
  }

  clearTimer(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  get pending(): number {
    return this.timers.length;
  }

  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.callback();
    }
    this.time = end;
  }
}

/** 2026-11-30 04:00 local time. */
const START = new Date(2026, 10, 30, 4, 0, 0).getTime();
const MINUTE = 60_000;

describe('Scheduler under a fake clock, against a real server', () => {
  let dir: string;
  let server: ReferenceServer;
  let commands: string[];
  let sessions: SessionManager;
  let history: HistoryStore;
  let audit: AuditLog;
  let profiles: MemoryProfiles;
  let schedules: Schedule[];
  let macros: Macro[];
  let clock: FakeClock;
  let runs: ScheduleRun[];
  let scheduler: Scheduler;

  beforeEach(async () => {
    dir = await tempDir();
    commands = [];
    server = new ReferenceServer({
      password: PASSWORD,
      broadcastIntervalMs: 0,
      onEvent: (event) => {
        if (event.kind === 'command') commands.push(event.command);
      },
    });
    const { port } = await server.listen();
    profiles = new MemoryProfiles();
    profiles.add({ name: 'Survival', port, group: 'mc' }, PASSWORD);
    history = new HistoryStore(join(dir, 'history.json'));
    audit = new AuditLog(join(dir, 'audit.jsonl'));
    sessions = new SessionManager(profiles, history, { reconnect: { maxAttempts: 0 }, audit });
    schedules = [];
    macros = [];
    clock = new FakeClock(START);
    runs = [];
    scheduler = new Scheduler(
      {
        listSchedules: async () => schedules,
        getMacro: async (id) => {
          const macro = macros.find((m) => m.id === id);
          if (!macro) throw new Error(`No macro ${id}.`);
          return macro;
        },
      },
      new FleetRunner(profiles, sessions, { sleep: async () => undefined }),
      { clock, onRun: (run) => runs.push(run) },
    );
  });

  afterEach(async () => {
    scheduler.stop();
    await sessions.closeAll();
    await server.close();
    await history.flush();
    await removeDir(dir);
  });

  it('fires an interval schedule each time it falls due, and records every run', async () => {
    schedules.push({
      id: 's1',
      name: 'Advert',
      target: { kind: 'group', group: 'mc' },
      action: { kind: 'command', command: 'say Join our Discord' },
      timing: { kind: 'interval', minutes: 30 },
      enabled: true,
    });
    await scheduler.reload();
    expect(scheduler.upcoming()).toEqual([{ scheduleId: 's1', name: 'Advert', nextRunAt: START + 30 * MINUTE }]);

    clock.advance(29 * MINUTE);
    expect(runs).toEqual([]);
    clock.advance(MINUTE);
    await waitFor(() => runs.length === 1, 'the first run');
    expect(scheduler.upcoming()[0]!.nextRunAt).toBe(START + 60 * MINUTE);
    clock.advance(30 * MINUTE);
    await waitFor(() => runs.length === 2, 'the second run');

    expect(commands).toEqual(['say Join our Discord', 'say Join our Discord']);
    expect(runs.map((r) => [r.status, r.startedAt])).toEqual([
      ['ok', START + 30 * MINUTE],
      ['ok', START + 60 * MINUTE],
    ]);
    const { records } = await audit.read({ source: 'schedule' });
    expect(records).toHaveLength(2);
  });

  it('runs a macro daily at a local time, and stops when disabled', async () => {
    macros.push({
      id: 'm1',
      name: 'Restart warning',
      steps: [
        { kind: 'command', command: 'say Restart in 5 min' },
        { kind: 'wait', seconds: 240 },
        { kind: 'command', command: 'say Restart in 1 min' },
      ],
    });
    schedules.push({
      id: 's2',
      name: 'Daily restart',
      target: { kind: 'group', group: 'mc' },
      action: { kind: 'macro', macroId: 'm1' },
      timing: { kind: 'daily', time: '05:00' },
      enabled: true,
    });
    await scheduler.reload();
    expect(scheduler.upcoming()[0]!.nextRunAt).toBe(new Date(2026, 10, 30, 5, 0).getTime());

    clock.advance(60 * MINUTE);
    await waitFor(() => runs.length === 1, 'the 05:00 run');
    expect(commands).toEqual(['say Restart in 5 min', 'say Restart in 1 min']);
    expect(runs[0]).toMatchObject({ status: 'ok', name: 'Daily restart' });
    expect(scheduler.upcoming()[0]!.nextRunAt).toBe(new Date(2026, 11, 1, 5, 0).getTime());

    schedules[0] = { ...schedules[0]!, enabled: false };
    await scheduler.reload();
    expect(scheduler.upcoming()).toEqual([]);
    expect(clock.pending).toBe(0);
  });

  it('records a run that could not reach any server as failed, with the reason', async () => {
    schedules.push({
      id: 's3',
      name: 'Orphan',
      target: { kind: 'group', group: 'gone' },
      action: { kind: 'command', command: 'say hi' },
      timing: { kind: 'interval', minutes: 5 },
      enabled: true,
    });
    await scheduler.reload();
    clock.advance(5 * MINUTE);
    await waitFor(() => runs.length === 1, 'the run');
    expect(runs[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/group "gone"/) });
    expect(commands).toEqual([]);
  });
});

describe('nextRunAt', () => {
  it('finds the next daily time today or tomorrow', () => {
    const at = (h: number, m: number, day = 30): number => new Date(2026, 10, day, h, m).getTime();
    expect(nextRunAt({ kind: 'daily', time: '05:00' }, at(4, 59))).toBe(at(5, 0));
    expect(nextRunAt({ kind: 'daily', time: '05:00' }, at(5, 0))).toBe(new Date(2026, 11, 1, 5, 0).getTime());
    expect(nextRunAt({ kind: 'daily', time: '00:00' }, at(23, 59))).toBe(new Date(2026, 11, 1, 0, 0).getTime());
    expect(nextRunAt({ kind: 'interval', minutes: 30 }, at(4, 0))).toBe(at(4, 30));
  });
});
