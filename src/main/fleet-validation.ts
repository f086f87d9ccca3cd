import type {
  AuditFilter,
  FleetTarget,
  Macro,
  MacroStep,
  Schedule,
  ScheduleAction,
  ScheduleTiming,
} from '../shared/fleet';
import { COMMAND_SOURCES } from '../shared/fleet';
import { ValidationError } from './services/errors';
import {
  LIMITS,
  expectArray,
  expectBoolean,
  expectInteger,
  expectOneOf,
  expectRecord,
  expectString,
  parseCommand,
  parseId,
  parseIdList,
} from './validation';

/**
 * Checks for the fleet data (macros, schedules, targets, audit filters) that arrives from the
 * renderer or from the automation file, in the style of validation.ts.
 */

export const FLEET_LIMITS = {
  macroSteps: 100,
  /** A day: longer pauses belong in a schedule. */
  waitSeconds: 86_400,
  /** A week. */
  intervalMinutes: 10_080,
  macros: 500,
  schedules: 500,
  auditLimit: 100_000,
} as const;

const DAILY_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function parseName(value: unknown, label: string): string {
  return expectString(value, label, { min: 1, max: LIMITS.name, trim: true });
}

export function parseTarget(value: unknown, label = 'The target'): FleetTarget {
  const record = expectRecord(value, label, ['kind', 'profileIds', 'group'], ['kind']);
  const kind = expectOneOf(record['kind'], `${label}'s kind`, ['profiles', 'group'] as const);
  if (kind === 'group') {
    expectRecord(value, label, ['kind', 'group']);
    return {
      kind,
      group: expectString(record['group'], `${label}'s group`, { min: 1, max: LIMITS.group, trim: true }),
    };
  }
  expectRecord(value, label, ['kind', 'profileIds']);
  const profileIds = parseIdList(record['profileIds'], `${label}'s servers`);
  if (profileIds.length === 0) throw new ValidationError(`${label} names no server.`);
  return { kind, profileIds: [...new Set(profileIds)] };
}

export function parseMacroStep(value: unknown, label: string): MacroStep {
  const record = expectRecord(value, label, ['kind', 'command', 'seconds'], ['kind']);
  const kind = expectOneOf(record['kind'], `${label}'s kind`, ['command', 'wait'] as const);
  if (kind === 'command') {
    expectRecord(value, label, ['kind', 'command']);
    const command = parseCommand(record['command'], `${label}'s command`);
    if (/[\r\n]/.test(command)) throw new ValidationError(`${label}'s command must be one line.`);
    return { kind, command };
  }
  expectRecord(value, label, ['kind', 'seconds']);
  return { kind, seconds: expectInteger(record['seconds'], `${label}'s wait`, 1, FLEET_LIMITS.waitSeconds) };
}

export function parseMacro(value: unknown, label = 'The macro'): Macro {
  const record = expectRecord(value, label, ['id', 'name', 'steps']);
  const steps = expectArray(record['steps'], `${label}'s steps`, FLEET_LIMITS.macroSteps).map((step, i) =>
    parseMacroStep(step, `Step ${i + 1}`),
  );
  if (!steps.some((s) => s.kind === 'command')) throw new ValidationError(`${label} has no command to send.`);
  return { id: parseId(record['id']), name: parseName(record['name'], `${label}'s name`), steps };
}

export function parseTiming(value: unknown, label = 'The timing'): ScheduleTiming {
  const record = expectRecord(value, label, ['kind', 'minutes', 'time'], ['kind']);
  const kind = expectOneOf(record['kind'], `${label}'s kind`, ['interval', 'daily'] as const);
  if (kind === 'interval') {
    expectRecord(value, label, ['kind', 'minutes']);
    return { kind, minutes: expectInteger(record['minutes'], 'The interval', 1, FLEET_LIMITS.intervalMinutes) };
  }
  expectRecord(value, label, ['kind', 'time']);
  const time = expectString(record['time'], 'The time of day', { max: 5 });
  if (!DAILY_TIME.test(time)) throw new ValidationError('The time of day must be HH:MM, from 00:00 to 23:59.');
  return { kind, time };
}

export function parseAction(value: unknown, label = 'The action'): ScheduleAction {
  const record = expectRecord(value, label, ['kind', 'command', 'macroId'], ['kind']);
  const kind = expectOneOf(record['kind'], `${label}'s kind`, ['command', 'macro'] as const);
  if (kind === 'command') {
    expectRecord(value, label, ['kind', 'command']);
    return { kind, command: parseCommand(record['command']) };
  }
  expectRecord(value, label, ['kind', 'macroId']);
  return { kind, macroId: parseId(record['macroId'], 'The macro') };
}

export function parseSchedule(value: unknown, label = 'The schedule'): Schedule {
  const record = expectRecord(value, label, ['id', 'name', 'target', 'action', 'timing', 'enabled']);
  return {
    id: parseId(record['id']),
    name: parseName(record['name'], `${label}'s name`),
    target: parseTarget(record['target']),
    action: parseAction(record['action']),
    timing: parseTiming(record['timing']),
    enabled: expectBoolean(record['enabled'], `${label}'s "enabled"`),
  };
}

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z$/;

export function parseAuditFilter(value: unknown): AuditFilter {
  const keys = ['profileId', 'source', 'outcome', 'text', 'since', 'until', 'limit'] as const;
  const record = expectRecord(value, 'The filter', keys, []);
  const filter: AuditFilter = {};
  if (record['profileId'] !== undefined) filter.profileId = parseId(record['profileId'], 'The server');
  if (record['source'] !== undefined) filter.source = expectOneOf(record['source'], 'The source', COMMAND_SOURCES);
  if (record['outcome'] !== undefined) {
    filter.outcome = expectOneOf(record['outcome'], 'The outcome', ['ok', 'error'] as const);
  }
  if (record['text'] !== undefined) filter.text = expectString(record['text'], 'The search text', { max: 200 });
  for (const key of ['since', 'until'] as const) {
    if (record[key] === undefined) continue;
    const time = expectString(record[key], `"${key}"`, { max: 40 });
    if (!ISO_TIME.test(time)) throw new ValidationError(`"${key}" must be a UTC time like 2026-11-30T05:00:00Z.`);
    filter[key] = time;
  }
  if (record['limit'] !== undefined)
    filter.limit = expectInteger(record['limit'], 'The limit', 1, FLEET_LIMITS.auditLimit);
  return filter;
}
