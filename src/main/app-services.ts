import { appPaths } from './paths';
import { AuditLog } from './services/audit-log';
import { AutomationStore } from './services/automation-store';
import { FleetRunner } from './services/fleet-runner';
import { FleetService } from './services/fleet-service';
import { HistoryStore } from './services/history-store';
import { ProfileStore } from './services/profile-store';
import { Scheduler, type Clock } from './services/scheduler';
import type { SecretStore } from './services/secret-store';
import { GamedigQuery, type ServerQuery } from './query';
import { ServerStatusService } from './services/server-status';
import { TextFileSaver, type SavePathChooser } from './services/text-file-saver';
import { TranscriptWriter } from './services/transcript-writer';
import { ProfileTransfer, type OpenPathChooser } from './services/profile-transfer';
import { StorageError } from './services/errors';
import { SessionManager, type SessionManagerOptions, type SessionProfileSource } from './services/session-manager';
import { DropNotifier, ForegroundSession, type DropNotification } from './services/drop-notifier';

export interface AppServicesOptions {
  dataDir: string;
  secrets: SecretStore;
  /** Asks where to save a file (Electron's save dialog in the app). */
  choosePath: SavePathChooser;
  /** Asks for a file to read (Electron's open dialog in the app); none where no dialog can be shown. */
  chooseOpenPath?: OpenPathChooser;
  /** Reconnect policy and engine timeouts; the client factory, for tests. */
  sessions?: Omit<SessionManagerOptions, 'audit' | 'onAuditError'>;
  /** Where sessions get profiles and passwords: the profile store, unless the demo adds a fallback. */
  profileSource?: (profiles: ProfileStore) => SessionProfileSource;
  clock?: Clock;
  /** How servers are asked for their status; gamedig unless a test gives another. */
  query?: ServerQuery;
  /** Told when something worth a log line goes wrong in the background (an audit record not written). */
  onBackgroundError?: (what: string, error: unknown) => void;
  /** Desktop notifications (Electron's Notification in the app); none without. */
  notifications?: {
    show(notification: DropNotification): void;
    /** Whether the app window has the focus. */
    windowFocused(): boolean;
  };
}

export interface AppServices {
  profiles: ProfileStore;
  history: HistoryStore;
  sessions: SessionManager;
  audit: AuditLog;
  automation: AutomationStore;
  scheduler: Scheduler;
  fleet: FleetService;
  status: ServerStatusService;
  files: TextFileSaver;
  transcripts: TranscriptWriter;
  transfer: ProfileTransfer;
  /** The console tab the window shows, as the renderer reports it. */
  foreground: ForegroundSession;
  notifier: DropNotifier | undefined;
}

/**
 * The main process's services, wired together once: by the app (index.ts) and by the tests
 * that run the app's services outside Electron, so both run the same graph.
 */
export function createAppServices(options: AppServicesOptions): AppServices {
  const paths = appPaths(options.dataDir);
  const report = options.onBackgroundError ?? (() => undefined);
  const profiles = new ProfileStore(paths.profilesFile, options.secrets);
  const history = new HistoryStore(paths.historyFile);
  const audit = new AuditLog(paths.auditFile);
  const sessions = new SessionManager(options.profileSource?.(profiles) ?? profiles, history, {
    ...options.sessions,
    audit,
    onAuditError: (error) => report('an audit record could not be written', error),
  });
  const transcripts = new TranscriptWriter(profiles, {
    folder: paths.transcriptsFolder,
    findSession: (sessionId) => {
      try {
        return sessions.get(sessionId);
      } catch {
        return undefined; // Closed meanwhile: nothing of it is left to record.
      }
    },
    onError: (error) => report('a transcript could not be written', error),
  });
  sessions.on('event', (event) => transcripts.handle(event));
  const automation = new AutomationStore(paths.automationFile);
  const runner = new FleetRunner(profiles, sessions);
  let onRun: FleetService['onScheduleRun'] = () => undefined;
  const scheduler = new Scheduler(automation, runner, { clock: options.clock, onRun: (run) => onRun(run) });
  const files = new TextFileSaver(options.choosePath);
  const transfer = new ProfileTransfer(profiles, options.chooseOpenPath ?? noOpenDialog, files);
  const fleet = new FleetService(runner, automation, scheduler, audit, files);
  onRun = fleet.onScheduleRun;
  const status = new ServerStatusService(profiles, sessions, options.query ?? new GamedigQuery());
  const foreground = new ForegroundSession();
  const notifications = options.notifications;
  const notifier = notifications
    ? new DropNotifier({
        sessions,
        profile: (id) => profiles.get(id),
        show: notifications.show,
        isForeground: (sessionId) => notifications.windowFocused() && foreground.get() === sessionId,
        onError: (error) => report('a notification was not shown', error),
      })
    : undefined;
  return {
    profiles,
    history,
    sessions,
    audit,
    automation,
    scheduler,
    fleet,
    files,
    status,
    transcripts,
    transfer,
    foreground,
    notifier,
  };
}

const noOpenDialog: OpenPathChooser = async () => {
  throw new StorageError('No file can be chosen here: this copy of RCON Desk has no open dialog.');
};
