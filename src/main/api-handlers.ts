import type { ApiErrorShape, ApiResult, InvokeMethod, RconDeskApi } from '../shared/api';
import {
  diagnose,
  RconAuthError,
  RconConnectionError,
  RconProtocolError,
  RconRequestError,
  RconTimeoutError,
  type DiagnoseOptions,
  type Diagnosis,
} from './rcon';
import { NotFoundError, ServiceError } from './services/errors';
import { createFleetHandlers } from './fleet-api-handlers';
import type { FleetService } from './services/fleet-service';
import type { ServerStatusService } from './services/server-status';
import { createStatusHandlers } from './status-api-handlers';
import { createTransferHandlers } from './transfer-api-handlers';
import type { ProfileTransfer } from './services/profile-transfer';
import type { TranscriptWriter } from './services/transcript-writer';
import type { HistoryStore } from './services/history-store';
import type { ProfileStore } from './services/profile-store';
import { SecretStoreError } from './services/secret-store';
import type { ForegroundSession } from './services/drop-notifier';
import type { SessionManager } from './services/session-manager';
import type { TextFileSaver } from './services/text-file-saver';
import {
  expectArgs,
  parseCommand,
  parseId,
  parseIdList,
  parseOpenSessionRequest,
  parseOptionalPassword,
  parseSaveProfileRequest,
  parseTestConnectionRequest,
  parseSaveLongAnswerRequest,
  parseSaveTextRequest,
} from './validation';

export interface ApiServices {
  profiles: ProfileStore;
  sessions: SessionManager;
  history: HistoryStore;
  fleet: FleetService;
  status: ServerStatusService;
  files: TextFileSaver;
  transfer: ProfileTransfer;
  transcripts: TranscriptWriter;
  foreground: ForegroundSession;
}

/** What a method's promise resolves to in the renderer. */
export type ApiValue<K extends InvokeMethod> = Awaited<ReturnType<RconDeskApi[K]>>;

/** One handler per invoke channel; a handler never throws, failures come back as `{ ok: false }`. */
export type ApiHandlers = { [K in InvokeMethod]: (args: unknown[]) => Promise<ApiResult<ApiValue<K>>> };

/** Wraps a method's implementation so that it returns its failures as data (see ApiResult). */
export type HandlerFactory = <K extends InvokeMethod>(
  method: K,
  run: (args: unknown[]) => Promise<ApiValue<K>>,
) => (args: unknown[]) => Promise<ApiResult<ApiValue<K>>>;

export interface ApiHandlerOptions {
  /** Told about failures that are bugs, not user errors; the renderer only gets a generic message. */
  onInternalError?: (method: InvokeMethod, error: unknown) => void;
  /** The engine's connection check; tests pass a shorter timeout through it. */
  diagnose?: (options: DiagnoseOptions) => Promise<Diagnosis>;
}

const CONNECTION_TEST_TIMEOUT_MS = 5_000;

/**
 * The main-process side of the API. Everything from the renderer is untrusted: each handler
 * checks its arguments strictly before a service sees them.
 */
export function createApiHandlers(services: ApiServices, options: ApiHandlerOptions = {}): ApiHandlers {
  const { profiles, sessions, history, files } = services;
  const onInternalError = options.onInternalError ?? (() => undefined);
  const runDiagnosis =
    options.diagnose ?? ((o: DiagnoseOptions) => diagnose({ timeoutMs: CONNECTION_TEST_TIMEOUT_MS, ...o }));

  const handle: HandlerFactory = (method, run) => {
    return async (args) => {
      try {
        return { ok: true, value: await run(args) };
      } catch (error) {
        const shape = toApiError(error);
        if (shape.kind === 'internal' && !(error instanceof ServiceError)) onInternalError(method, error);
        return { ok: false, error: shape };
      }
    };
  };

  return {
    ...createFleetHandlers(services.fleet, handle),
    ...createStatusHandlers(services.status, handle),
    ...createTransferHandlers(services, handle),
    listProfiles: handle('listProfiles', async (args) => {
      expectArgs(args, 'listProfiles', 0);
      return profiles.list();
    }),
    profilesLoadReport: handle('profilesLoadReport', async (args) => {
      expectArgs(args, 'profilesLoadReport', 0);
      return profiles.loadReport();
    }),
    saveProfile: handle('saveProfile', async (args) => {
      expectArgs(args, 'saveProfile', 1);
      const request = parseSaveProfileRequest(args[0]);
      const saved = await profiles.save(request);
      // A new saved password may be the right one again, even if the server refused it before.
      if (request.password.kind !== 'keep') sessions.passwordChanged(saved.id);
      return saved;
    }),
    duplicateProfile: handle('duplicateProfile', async (args) => {
      expectArgs(args, 'duplicateProfile', 1);
      return profiles.duplicate(parseId(args[0], 'The profile id'));
    }),
    deleteProfile: handle('deleteProfile', async (args) => {
      expectArgs(args, 'deleteProfile', 1);
      const id = parseId(args[0], 'The profile id');
      await profiles.delete(id);
      // Its consoles close first, so no command of theirs adds history under the deleted id.
      await sessions.profileDeleted(id);
      // The profile is gone either way; a history file that cannot be written is not worth an error.
      await history.forget(id).catch(() => undefined);
    }),
    reorderProfiles: handle('reorderProfiles', async (args) => {
      expectArgs(args, 'reorderProfiles', 1);
      return profiles.reorder(parseIdList(args[0]));
    }),
    keychainStatus: handle('keychainStatus', async (args) => {
      expectArgs(args, 'keychainStatus', 0);
      return profiles.keychainStatus();
    }),
    testConnection: handle('testConnection', async (args) => {
      expectArgs(args, 'testConnection', 1);
      const request = parseTestConnectionRequest(args[0]);
      if (request.profileId !== undefined && !(await profiles.has(request.profileId))) {
        throw new NotFoundError('That profile does not exist (any more); reload the list and try again.');
      }
      const saved =
        request.password === undefined && request.profileId ? await profiles.getPassword(request.profileId) : null;
      const diagnosis = await runDiagnosis({
        host: request.host,
        port: request.port,
        password: request.password ?? saved ?? undefined,
      });
      // Plain data only: the engine's error object stays in main.
      return {
        steps: diagnosis.steps.map(({ id, verdict, text }) => ({ id, verdict, text })),
        ...(diagnosis.fix ? { fix: diagnosis.fix } : {}),
      };
    }),
    openSession: handle('openSession', async (args) => {
      expectArgs(args, 'openSession', 1);
      return sessions.open(parseOpenSessionRequest(args[0]));
    }),
    listSessions: handle('listSessions', async (args) => {
      expectArgs(args, 'listSessions', 0);
      return sessions.list();
    }),
    sendCommand: handle('sendCommand', async (args) => {
      expectArgs(args, 'sendCommand', 2);
      const sessionId = parseId(args[0], 'The session id');
      const { durationMs, text } = await sessions.send(sessionId, parseCommand(args[1]));
      return { durationMs, answerLength: text.length };
    }),
    reconnectSession: handle('reconnectSession', async (args) => {
      expectArgs(args, 'reconnectSession', 1, 2);
      const sessionId = parseId(args[0], 'The session id');
      return sessions.reconnect(sessionId, parseOptionalPassword(args[1]));
    }),
    closeSession: handle('closeSession', async (args) => {
      expectArgs(args, 'closeSession', 1);
      await sessions.close(parseId(args[0], 'The session id'));
    }),
    setForegroundSession: handle('setForegroundSession', async (args) => {
      expectArgs(args, 'setForegroundSession', 1);
      if (args[0] === null) return services.foreground.set(null);
      // An unknown id is refused like everywhere else; the renderer only names tabs it has.
      services.foreground.set(sessions.get(parseId(args[0], 'The session id')).sessionId);
    }),
    getHistory: handle('getHistory', async (args) => {
      expectArgs(args, 'getHistory', 1);
      const profileId = parseId(args[0], 'The profile id');
      if (!(await profiles.has(profileId))) {
        throw new NotFoundError('That profile does not exist (any more); reload the list and try again.');
      }
      return history.get(profileId);
    }),
    saveText: handle('saveText', async (args) => {
      expectArgs(args, 'saveText', 1);
      const { suggestedName, text } = parseSaveTextRequest(args[0]);
      return files.save(suggestedName, text);
    }),
    saveLongAnswer: handle('saveLongAnswer', async (args) => {
      expectArgs(args, 'saveLongAnswer', 1);
      const { sessionId, suggestedName } = parseSaveLongAnswerRequest(args[0]);
      return files.save(suggestedName, sessions.longAnswer(sessionId));
    }),
  };
}

/** Engine and service errors keep their words; anything else is a bug and gets a generic message. */
export function toApiError(error: unknown): ApiErrorShape {
  if (error instanceof ServiceError) return { kind: error.kind, message: error.message };
  if (error instanceof SecretStoreError) return { kind: 'keychain', message: error.message };
  if (error instanceof RconAuthError) return { kind: error.banned ? 'banned' : 'auth', message: error.message };
  if (error instanceof RconTimeoutError) return { kind: 'timeout', message: error.message };
  if (error instanceof RconConnectionError) return { kind: 'connection', message: error.message };
  if (error instanceof RconProtocolError) return { kind: 'protocol', message: error.message };
  if (error instanceof RconRequestError) return { kind: 'validation', message: error.message };
  return {
    kind: 'internal',
    message: 'Something went wrong inside RCON Desk. Try again; if it keeps happening, restart the app.',
  };
}
