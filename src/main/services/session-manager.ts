import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { adaptCommand } from '../../shared/game-presets';
import type {
  OpenSessionRequest,
  OutputKind,
  Profile,
  SessionEvent,
  SessionInfo,
  SessionStatus,
} from '../../shared/api';
import { APP_QUIT_REASON } from '../../shared/api';
import type { AuditRecord } from '../../shared/fleet';
import { RconAuthError, RconTimeoutError, type RconError } from '../rcon';
import { createRemoteConsole } from '../protocol/create-remote-console';
import type { RemoteConsole } from '../protocol/remote-console';
import { formatAddress, sameAddress } from './bound-secret';
import { CredentialBindingError, NotFoundError, PasswordRefusedError, SessionStateError } from './errors';
import { pollGameChat } from './chat-poller';
import { deadLinkAfter } from './dead-link';
import { LoginMemory, type Credential } from './login-memory';
import { SerialQueue } from './serial-queue';
import { containsSecret, maskCommand, maskSecret } from './sensitive-commands';
import { isGiveUp, ReconnectSchedule, reconnectPlan, sessionSettings } from './reconnect-schedule';
import {
  commandAuditRecord,
  describeStatus,
  errorMessage,
  gameLimits,
  isTransient,
  pausedReason,
} from './session-text';
import type {
  Session,
  SessionManagerEvents,
  CommandAudit,
  RconClientFactory,
  ReconnectPolicy,
  SendOptions,
  SentCommand,
  SessionClientOptions,
  SessionHistory,
  SessionManagerOptions,
  SessionProfileSource,
} from './session-manager-types';
import { StreamedAnswer, type OutputPart } from './streamed-answer';
import { ANSWER_LINES_SHOWN, hasMoreLinesThan } from '../../shared/console-limits';

export type * from './session-manager-types';

type ConnectTrigger = 'user' | 'retry';
/** ARK keeps chat until asked; every few seconds shows it about as fast as players type. */
const DEFAULT_CHAT_POLL_MS = 5_000;

/**
 * The open sessions, one RCON connection each.
 *
 * `open` returns as soon as connecting has started, so the UI can show the session at once;
 * everything after that arrives as status events, which always carry the whole SessionInfo.
 *
 * A connection lost after login is re-made as the profile's settings say (reconnect-schedule.ts).
 * A failed first connect is reported, not retried: the user just asked for it and should see why.
 * A wrong password is never retried, not even when reconnecting: servers ban an address after a
 * few. The user retries with reconnect(), optionally with a new password. (A retry's login that
 * is dropped unanswered counts as the server going down again; see onConnectFailed.)
 *
 * Passwords never leave this class: not in events, SessionInfo, results or errors. The
 * arguments of secret-carrying commands are masked in the echo, and the session's password is
 * masked wherever a server repeats it.
 */
export class SessionManager extends EventEmitter<SessionManagerEvents> {
  private readonly sessions = new Map<string, Session>();
  private readonly createClient: RconClientFactory;
  private readonly policy: Partial<ReconnectPolicy>;
  private readonly now: () => number;
  private readonly clientOptions: SessionClientOptions;
  private readonly audit: CommandAudit | undefined;
  private readonly onAuditError: (error: unknown) => void;
  private readonly chatPollIntervalMs: number;
  private readonly logins = new LoginMemory();
  /** Per profile: automatic retries log in one at a time, so a changed password costs one failure, not one per tab. */
  private readonly retryQueues = new Map<string, SerialQueue>();

  constructor(
    private readonly profiles: SessionProfileSource,
    private readonly history: SessionHistory,
    options: SessionManagerOptions = {},
  ) {
    super();
    this.createClient =
      options.createClient ?? ((clientOptions, protocol) => createRemoteConsole(protocol, clientOptions));
    this.policy = { ...options.reconnect };
    this.now = options.now ?? Date.now;
    this.clientOptions = { ...options.clientOptions };
    this.audit = options.audit;
    this.onAuditError = options.onAuditError ?? (() => undefined);
    this.chatPollIntervalMs = options.chatPollIntervalMs ?? DEFAULT_CHAT_POLL_MS;
  }

  /**
   * Starts a session and returns it in status `connecting`. Throws before creating anything
   * when the profile does not exist or there is no password to log in with.
   */
  async open(request: OpenSessionRequest): Promise<SessionInfo> {
    const profile = await this.profiles.get(request.profileId);
    const credential = await this.resolvePassword(profile, request.password);
    const session: Session = {
      info: { sessionId: randomUUID(), profileId: profile.id, title: profile.name, status: 'connecting' },
      givenPassword: request.password,
      activePassword: undefined,
      client: undefined,
      schedule: new ReconnectSchedule(this.now),
      settings: sessionSettings(profile, this.policy, this.clientOptions.commandTimeoutMs),
      retryTimer: undefined,
      closed: false,
      silentTimeouts: 0,
      address: `${profile.host}:${profile.port}`,
      game: profile.game,
      echoes: 0,
      lastEcho: 0,
      longAnswer: undefined,
    };
    this.sessions.set(session.info.sessionId, session);
    this.setStatus(session, 'connecting');
    void this.connect(session, credential, 'user', request.password !== undefined);
    return snapshot(session);
  }

  list(): SessionInfo[] {
    return [...this.sessions.values()].map(snapshot);
  }

  /** Throws NotFoundError for an unknown (or closed) session. */
  get(sessionId: string): SessionInfo {
    return snapshot(this.find(sessionId));
  }

  /** The whole of the session's last answer the console shows cut; NotFoundError when there is none. */
  longAnswer(sessionId: string): string {
    const text = this.find(sessionId).longAnswer;
    if (text === undefined) throw new NotFoundError('This console has no long answer to save (any more).');
    return text;
  }

  /** Runs a command; the echo, the answer or the failure also go out as output events. */
  async send(sessionId: string, command: string, options: SendOptions = {}): Promise<SentCommand> {
    const session = this.find(sessionId);
    const client = session.client;
    if (session.info.status !== 'connected' || !client) {
      throw new SessionStateError(`Not connected (${describeStatus(session.info.status)}): the command was not sent.`);
    }
    const adapted = adaptCommand(session.game, command);
    command = adapted.command;
    // A command the engine would refuse is neither echoed nor kept in the history.
    client.checkCommand(command);
    const password = session.activePassword;
    const shown = maskSecret(maskCommand(command), password);
    this.output(session, 'command', shown);
    if (adapted.note) this.output(session, 'info', adapted.note);
    // An answer that does not follow its own echo (other commands in flight, chat) names its command.
    const echo = (session.lastEcho = ++session.echoes);
    let tied = false;
    const tie = (): void => {
      if (tied) return;
      tied = true;
      if (session.lastEcho !== echo) this.output(session, 'info', `Answer to “${shown}”:`);
    };
    if (options.keepInHistory !== false && !containsSecret(command, password)) {
      // History is a convenience: failing to save it must not fail the command.
      this.history.append(session.info.profileId, command).catch(() => undefined);
    }
    const started = performance.now();
    const audit = (outcome: AuditRecord['outcome'], error?: unknown): void => {
      if (!this.audit) return;
      const record = commandAuditRecord(
        session.info,
        session.address,
        shown,
        options.source ?? 'console',
        started,
        outcome,
      );
      if (error !== undefined) record.error = maskSecret(errorMessage(error), password);
      this.audit.record(record).catch(this.onAuditError);
    };
    // A long answer goes out in parts while it arrives (see SessionEvent `stream`).
    const answer = new StreamedAnswer((text, part) => {
      tie();
      this.output(session, 'response', text, part);
    }, password);
    try {
      const raw = await client.execute(command, { onPart: answer.onPart });
      const text = maskSecret(raw, password);
      session.silentTimeouts = 0;
      tie();
      if (hasMoreLinesThan(text, ANSWER_LINES_SHOWN)) session.longAnswer = text;
      if (answer.started) answer.finish(raw);
      else this.output(session, 'response', text);
      audit('ok');
      return { text, durationMs: Math.round(performance.now() - started) };
    } catch (error) {
      // A timed-out command was sent: the server may still run it, and its answer is shown if it comes.
      answer.abort();
      const mayHaveRun =
        error instanceof RconTimeoutError && error.phase === 'command'
          ? ' The command may still have run on the server; its answer is shown, marked as late, if it arrives.'
          : '';
      tie();
      this.output(session, 'error', maskSecret(errorMessage(error), password) + mayHaveRun);
      audit('error', error);
      // Several commands timing out with nothing from the server: the session reconnects.
      const lost = deadLinkAfter(session, client, error, started);
      if (lost) {
        this.onConnectionLost(session, lost);
        void client.close();
      }
      throw error;
    }
  }

  /**
   * Connects a session again: after a login failure, a protocol error, giving up reconnecting,
   * or at once while it waits to reconnect. A given password replaces the one in use for this
   * session (it is not saved). A session that is connected or connecting is returned as it is.
   */
  async reconnect(sessionId: string, password?: string): Promise<SessionInfo> {
    const session = this.find(sessionId);
    const busy: SessionStatus[] = ['connecting', 'authenticating', 'connected'];
    if (busy.includes(session.info.status)) return snapshot(session);
    if (session.info.status === 'reconnecting' && password === undefined) {
      // "Reconnect now": the next attempt of the same outage, at once; if it fails the waiting goes on.
      this.stopRetrying(session);
      this.setStatus(session, 'connecting', session.info.reason);
      void this.retry(session, 'connecting');
      return snapshot(session);
    }
    const profile = await this.profiles.get(session.info.profileId);
    const resolved = await this.resolvePassword(profile, password, session.givenPassword);
    if (session.closed) throw this.notFound();
    if (password !== undefined) session.givenPassword = password;
    this.stopRetrying(session);
    session.schedule.restart();
    this.setStatus(session, 'connecting');
    void this.connect(session, resolved, 'user', password !== undefined);
    return snapshot(session);
  }

  /** Closes a session for good; a pending reconnect is cancelled. Its last event is status `disconnected`. */
  async close(sessionId: string, reason = 'Closed.'): Promise<void> {
    const session = this.find(sessionId);
    session.closed = true;
    this.sessions.delete(sessionId);
    this.stopRetrying(session);
    const client = session.client;
    session.client = undefined;
    this.setStatus(session, 'disconnected', reason);
    await client?.close();
  }

  /**
   * The profile's saved password was changed or cleared in the editor: a password the server
   * refused may be right again, and a typed one is no longer the newest.
   */
  passwordChanged(profileId: string): void {
    this.logins.forget(profileId);
  }

  /** The profile was deleted: its sessions close (nothing left to reconnect to or keep history for). */
  async profileDeleted(profileId: string): Promise<void> {
    this.logins.forget(profileId);
    this.retryQueues.delete(profileId);
    const ids = [...this.sessions.values()].filter((s) => s.info.profileId === profileId).map((s) => s.info.sessionId);
    await Promise.all(ids.map((id) => this.close(id, 'The server was deleted from the list.')));
  }

  /** Closes every session when the app quits (the window, if still open, reads the reason as such). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.close(id, APP_QUIT_REASON)));
  }

  /** `typed`: the user entered this password just now (it may be a refused one, tried again on purpose). */
  private async connect(
    session: Session,
    credential: Credential,
    trigger: ConnectTrigger,
    typed = false,
  ): Promise<void> {
    const { password, target } = credential;
    let client: RemoteConsole;
    try {
      const profile = await this.profiles.get(session.info.profileId);
      if (session.closed) return;
      session.info.title = profile.name;
      // The profile may have been retargeted since the password was looked up: never follow it.
      if (!sameAddress(profile, target)) {
        throw new CredentialBindingError(
          `The address of "${profile.name}" changed to ${formatAddress(profile)} while connecting to ` +
            `${formatAddress(target)}; the password was not sent. Connect again.`,
        );
      }
      session.address = formatAddress(target);
      session.game = profile.game;
      session.settings = sessionSettings(profile, this.policy, this.clientOptions.commandTimeoutMs);
      client = this.createClient(
        {
          ...this.clientOptions,
          commandTimeoutMs: session.settings.commandTimeoutMs,
          host: target.host,
          port: target.port,
          password,
          dialect: profile.dialect,
          encoding: profile.encoding,
          ...gameLimits(profile.game),
        },
        profile.protocol,
      );
    } catch (error) {
      if (!session.closed) this.setStatus(session, 'error', errorMessage(error));
      return;
    }
    session.client = client;
    session.activePassword = password;
    client.on('status', (status) => {
      if (session.client !== client) return;
      if (status === 'authenticating') this.setStatus(session, 'authenticating', session.info.reason);
    });
    client.on('message', (message) => {
      if (session.client === client) this.output(session, 'server', maskSecret(message.text, password));
    });
    client.on('late', (late) => {
      if (session.client !== client) return;
      const command = maskSecret(maskCommand(late.command), password);
      this.output(session, 'info', `Late answer to “${command}”, which had timed out:`);
      this.output(session, 'response', maskSecret(late.text, password));
    });
    client.on('close', (error) => {
      // Only a connection that was up counts as lost; a failing connect() reports through its promise.
      if (session.client !== client || session.info.status !== 'connected' || error === undefined) return;
      this.onConnectionLost(session, error);
    });

    try {
      await client.connect();
    } catch (error) {
      if (session.client !== client) return;
      session.client = undefined;
      if (error instanceof RconAuthError && !error.banned) this.passwordRefused(session, password);
      this.onConnectFailed(session, error, trigger);
      return;
    }
    if (session.client !== client) {
      // Closed or restarted while the login was under way.
      await client.close();
      return;
    }
    session.schedule.restart();
    session.silentTimeouts = 0;
    this.logins.accepted(session.info.profileId, password, typed);
    session.info.dialect = client.dialect;
    this.setStatus(session, 'connected');
    pollGameChat(
      session.game,
      client,
      (text) => {
        if (session.client === client) this.output(session, 'server', maskSecret(text, password));
      },
      this.chatPollIntervalMs,
    );
  }

  /** For games that do not push chat (ARK), asks for it now and then and shows it as server messages. */
  private onConnectFailed(session: Session, error: unknown, trigger: ConnectTrigger): void {
    const reason = maskSecret(errorMessage(error), session.activePassword);
    // A retry logs in with the password the server accepted moments ago, so a connection dropped
    // before any answer is far likelier a server going down again than a ban; a real ban is only
    // refused again, within the attempt limit. A wrong password is always final.
    const dropped = error instanceof RconAuthError && error.banned && trigger === 'retry';
    if (error instanceof RconAuthError && !dropped) {
      this.setStatus(session, 'error', reason);
    } else if (trigger === 'retry' && (dropped || isTransient(error))) {
      this.scheduleRetry(session, reason);
    } else {
      this.setStatus(session, 'error', reason);
    }
  }

  private onConnectionLost(session: Session, error: RconError): void {
    session.client = undefined;
    const reason = `Connection lost: ${maskSecret(error.message, session.activePassword)}`;
    if (isTransient(error)) {
      session.schedule.restart();
      this.scheduleRetry(session, reason);
    } else {
      this.setStatus(session, 'error', reason);
    }
  }

  private scheduleRetry(session: Session, reason: string): void {
    const plan = reconnectPlan(session.settings, this.policy);
    const step = session.schedule.next(plan);
    if (isGiveUp(step)) {
      this.setStatus(session, 'disconnected', step.why === '' ? reason : `${reason} ${step.why}`);
      return;
    }
    const of = Number.isFinite(plan.maxAttempts) ? ` of ${plan.maxAttempts}` : '';
    this.setStatus(session, 'reconnecting', `${reason} Reconnecting (attempt ${step.attempt}${of})…`, step);
    session.retryTimer = setTimeout(() => {
      session.retryTimer = undefined;
      void this.retry(session);
    }, step.delayMs);
  }

  /**
   * The server refused a password: remember it, and pause the other tabs of the server that wait
   * to retry with it, rather than let each spend a failed login towards a ban.
   */
  private passwordRefused(session: Session, password: string): void {
    const { profileId, title } = session.info;
    this.logins.refused(profileId, password);
    for (const other of this.sessions.values()) {
      if (other === session || other.info.profileId !== profileId || other.info.status !== 'reconnecting') continue;
      this.stopRetrying(other);
      this.setStatus(other, 'error', pausedReason(title));
    }
  }

  /** `waiting`: the status the session is in while this retry is due (`connecting` when asked for at once). */
  private retry(session: Session, waiting: SessionStatus = 'reconnecting'): Promise<void> {
    const profileId = session.info.profileId;
    let queue = this.retryQueues.get(profileId);
    if (!queue) this.retryQueues.set(profileId, (queue = new SerialQueue()));
    return queue.run(() => this.retryNow(session, waiting));
  }

  private async retryNow(session: Session, waiting: SessionStatus): Promise<void> {
    if (session.closed || session.info.status !== waiting) return;
    let credential: Credential;
    try {
      const profile = await this.profiles.get(session.info.profileId);
      session.settings = sessionSettings(profile, this.policy, this.clientOptions.commandTimeoutMs);
      credential = await this.resolvePassword(profile, undefined, session.givenPassword);
    } catch (error) {
      const reason = error instanceof PasswordRefusedError ? pausedReason(session.info.title) : errorMessage(error);
      if (!session.closed) this.setStatus(session, 'error', reason);
      return;
    }
    if (session.closed || session.info.status !== waiting) return;
    if (waiting !== 'connecting') this.setStatus(session, 'connecting', session.info.reason);
    await this.connect(session, credential, 'retry');
  }

  private stopRetrying(session: Session): void {
    clearTimeout(session.retryTimer);
    session.retryTimer = undefined;
  }

  private resolvePassword(profile: Profile, typed: string | undefined, earlier?: string): Promise<Credential> {
    return this.logins.choose(profile, typed, earlier, (target) => this.profiles.getPassword(profile.id, target));
  }

  private find(sessionId: string): Session {
    const session = this.sessions.get(sessionId);
    if (!session) throw this.notFound();
    return session;
  }

  private notFound(): NotFoundError {
    return new NotFoundError('That session does not exist (any more); it may have been closed.');
  }

  private setStatus(
    session: Session,
    status: SessionStatus,
    reason?: string,
    retry?: { delayMs: number; attempt: number },
  ): void {
    session.info.status = status;
    if (reason === undefined) delete session.info.reason;
    else session.info.reason = reason;
    if (status !== 'connected') delete session.info.dialect;
    const event: SessionEvent = { type: 'status', session: snapshot(session) };
    if (retry) {
      event.retryInMs = retry.delayMs;
      event.attempt = retry.attempt;
    }
    this.emit('event', event);
  }

  private output(session: Session, kind: OutputKind, text: string, part?: OutputPart): void {
    session.lastEcho = 0;
    const event: SessionEvent = { type: 'output', sessionId: session.info.sessionId, kind, text, at: Date.now() };
    if (part) {
      event.stream = part.stream;
      if (part.more) event.more = true;
    }
    this.emit('event', event);
  }
}

function snapshot(session: Session): SessionInfo {
  return { ...session.info };
}
