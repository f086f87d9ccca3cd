import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AutomationStore } from '../../src/main/services/automation-store';
import { NotFoundError, ValidationError } from '../../src/main/services/errors';
import { removeDir, tempDir } from './helpers';

describe('AutomationStore', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await tempDir();
    file = join(dir, 'automation.json');
  });

  afterEach(async () => {
    await removeDir(dir);
  });

  const warning = {
    name: 'Restart warning',
    steps: [
      { kind: 'command' as const, command: 'say Restart in 5 min' },
      { kind: 'wait' as const, seconds: 240 },
      { kind: 'command' as const, command: 'quit' },
    ],
  };

  it('saves macros and schedules and reads them back after a restart', async () => {
    const store = new AutomationStore(file);
    const macro = await store.saveMacro(warning);
    const schedule = await store.saveSchedule({
      name: 'Daily restart',
      target: { kind: 'group', group: 'ark' },
      action: { kind: 'macro', macroId: macro.id },
      timing: { kind: 'daily', time: '05:00' },
      enabled: true,
    });

    const reopened = new AutomationStore(file);
    expect(await reopened.listMacros()).toEqual([macro]);
    expect(await reopened.listSchedules()).toEqual([schedule]);
    expect(reopened.loadProblem).toBeUndefined();

    const renamed = await reopened.saveMacro({ ...macro, name: 'Warn' });
    expect((await reopened.getMacro(macro.id)).name).toBe('Warn');
    expect(renamed.id).toBe(macro.id);
  });

  it('refuses bad macros and schedules with a message that says what is wrong, and saves nothing', async () => {
    const store = new AutomationStore(file);
    await expect(store.saveMacro({ name: '', steps: warning.steps })).rejects.toThrow(/name/);
    await expect(store.saveMacro({ name: 'Only waits', steps: [{ kind: 'wait', seconds: 5 }] })).rejects.toThrow(
      /no command/,
    );
    await expect(
      store.saveMacro({ name: 'Two lines', steps: [{ kind: 'command', command: 'say a\nquit' }] }),
    ).rejects.toThrow(/one line/);
    await expect(
      store.saveSchedule({
        name: 'Bad time',
        target: { kind: 'group', group: 'g' },
        action: { kind: 'command', command: 'say hi' },
        timing: { kind: 'daily', time: '25:00' },
        enabled: true,
      }),
    ).rejects.toThrow(/HH:MM/);
    await expect(
      store.saveSchedule({
        name: 'No macro',
        target: { kind: 'profiles', profileIds: ['a'] },
        action: { kind: 'macro', macroId: 'missing' },
        timing: { kind: 'interval', minutes: 30 },
        enabled: true,
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(store.saveMacro({ ...warning, id: 'not-there' })).rejects.toBeInstanceOf(NotFoundError);
    expect(await readdir(dir)).toEqual([]);
  });

  it('will not delete a macro a schedule still runs', async () => {
    const store = new AutomationStore(file);
    const macro = await store.saveMacro(warning);
    const schedule = await store.saveSchedule({
      name: 'Nightly',
      target: { kind: 'group', group: 'g' },
      action: { kind: 'macro', macroId: macro.id },
      timing: { kind: 'daily', time: '03:30' },
      enabled: true,
    });
    await expect(store.deleteMacro(macro.id)).rejects.toThrow(/used by the schedule "Nightly"/);
    await store.deleteSchedule(schedule.id);
    await store.deleteMacro(macro.id);
    expect(await store.listMacros()).toEqual([]);
  });

  it('moves a damaged file aside, says so, and starts empty', async () => {
    await writeFile(file, '{"version": 1, "macros": [{"id": "x"}], "schedules": []}');
    const store = new AutomationStore(file);
    expect(await store.listMacros()).toEqual([]);
    expect(store.loadProblem).toMatch(/could not be read .*kept as .*automation\.json\.corrupt-/);
    const backups = (await readdir(dir)).filter((name) => name.startsWith('automation.json.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(await readFile(join(dir, backups[0]!), 'utf8')).toContain('"id": "x"');
  });
});
