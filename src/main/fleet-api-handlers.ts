import type { ApiHandlers, HandlerFactory } from './api-handlers';
import { parseAuditFilter, parseMacro, parseSchedule, parseTarget } from './fleet-validation';
import type { FleetService } from './services/fleet-service';
import { expectArgs, expectOneOf, expectRecord, parseCommand, parseId, parseIdList } from './validation';
import type { MacroDraft, ScheduleDraft } from '../shared/fleet';

/** The API methods this file handles. */
export type FleetMethod =
  | 'broadcast'
  | 'listMacros'
  | 'saveMacro'
  | 'deleteMacro'
  | 'startMacro'
  | 'cancelMacro'
  | 'listSchedules'
  | 'saveSchedule'
  | 'deleteSchedule'
  | 'readAudit'
  | 'exportAudit';

/** The fleet part of the API: broadcasts, macros, schedules and the audit log. */
export function createFleetHandlers(fleet: FleetService, handle: HandlerFactory): Pick<ApiHandlers, FleetMethod> {
  return {
    broadcast: handle('broadcast', async (args) => {
      expectArgs(args, 'broadcast', 1);
      const record = expectRecord(args[0], 'The broadcast', ['broadcastId', 'target', 'command', 'exclude']);
      return fleet.broadcast({
        broadcastId: parseId(record['broadcastId'], 'The broadcast id'),
        target: parseTarget(record['target']),
        command: parseCommand(record['command']),
        exclude: parseIdList(record['exclude'], 'The servers opted out'),
      });
    }),
    listMacros: handle('listMacros', async (args) => {
      expectArgs(args, 'listMacros', 0);
      return fleet.listMacros();
    }),
    saveMacro: handle('saveMacro', async (args) => {
      expectArgs(args, 'saveMacro', 1);
      return fleet.saveMacro(parseMacroDraft(args[0]));
    }),
    deleteMacro: handle('deleteMacro', async (args) => {
      expectArgs(args, 'deleteMacro', 1);
      await fleet.deleteMacro(parseId(args[0], 'The macro id'));
    }),
    startMacro: handle('startMacro', async (args) => {
      expectArgs(args, 'startMacro', 1);
      const record = expectRecord(args[0], 'The request', ['macroId', 'target']);
      return fleet.startMacro({
        macroId: parseId(record['macroId'], 'The macro id'),
        target: parseTarget(record['target']),
      });
    }),
    cancelMacro: handle('cancelMacro', async (args) => {
      expectArgs(args, 'cancelMacro', 1);
      await fleet.cancelMacro(parseId(args[0], 'The run id'));
    }),
    listSchedules: handle('listSchedules', async (args) => {
      expectArgs(args, 'listSchedules', 0);
      return fleet.listSchedules();
    }),
    saveSchedule: handle('saveSchedule', async (args) => {
      expectArgs(args, 'saveSchedule', 1);
      return fleet.saveSchedule(parseScheduleDraft(args[0]));
    }),
    deleteSchedule: handle('deleteSchedule', async (args) => {
      expectArgs(args, 'deleteSchedule', 1);
      await fleet.deleteSchedule(parseId(args[0], 'The schedule id'));
    }),
    readAudit: handle('readAudit', async (args) => {
      expectArgs(args, 'readAudit', 1);
      return fleet.readAudit(parseAuditFilter(args[0]));
    }),
    exportAudit: handle('exportAudit', async (args) => {
      expectArgs(args, 'exportAudit', 1);
      const record = expectRecord(args[0], 'The export request', ['format', 'filter']);
      return fleet.exportAudit(
        expectOneOf(record['format'], 'The format', ['csv', 'json'] as const),
        parseAuditFilter(record['filter']),
      );
    }),
  };
}

function parseMacroDraft(value: unknown): MacroDraft {
  const record = expectRecord(value, 'The macro', ['id', 'name', 'steps'], ['name', 'steps']);
  // The same checks as a saved macro, with a stand-in id when it has none yet.
  const { id: _placeholder, ...draft } = parseMacro({ ...record, id: record['id'] ?? 'new' });
  return record['id'] === undefined ? draft : { ...draft, id: parseId(record['id'], 'The macro id') };
}

function parseScheduleDraft(value: unknown): ScheduleDraft {
  const record = expectRecord(
    value,
    'The schedule',
    ['id', 'name', 'target', 'action', 'timing', 'enabled'],
    ['name', 'target', 'action', 'timing', 'enabled'],
  );
  // The same checks as a saved schedule, with a stand-in id when it has none yet.
  const { id: _placeholder, ...draft } = parseSchedule({ ...record, id: record['id'] ?? 'new' });
  return record['id'] === undefined ? draft : { ...draft, id: parseId(record['id'], 'The schedule id') };
}
