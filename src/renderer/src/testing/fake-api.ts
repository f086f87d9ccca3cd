import {
  ApiError,
  type CommandResult,
  type ConnectionTestResult,
  type KeychainStatus,
  type OpenSessionRequest,
  type ProfilesLoadReport,
  type ProfileView,
  type RconDeskApi,
  type SaveProfileRequest,
  type SaveLongAnswerRequest,
  type SaveTextRequest,
  type SaveTextResult,
  type SessionEvent,
  type SessionInfo,
  type ShowSessionRequest,
  type TestConnectionRequest,
} from '../../../shared/api';
import { profileDraft } from '../../../shared/profile-defaults';

/**
 * An in-memory RconDeskApi for unit tests of the stores. A fake is fine at this level: the stores
 * only call the API and react to events. The real services, the real bridge and a real browser
 * are exercised together by the end-to-end tests in tests/e2e/.
 */
export class FakeApi implements RconDeskApi {
  profiles: ProfileView[] = [];
  keychain: KeychainStatus = { available: true };
  report: ProfilesLoadReport = { ok: true };
  histories = new Map<string, string[]>();
  sessions = new Map<string, SessionInfo>();
  /** Every call, as [method, ...args], for assertions. */
  calls: unknown[][] = [];
  /** When set, the next call of that method rejects with this error. */
  failNext = new Map<string, ApiError>();
  /** What sendCommand answers. */
  answer: (command: string) => string = (command) => `ran ${command}`;
  private listeners = new Set<(event: SessionEvent) => void>();
  private readonly showListeners = new Set<(request: ShowSessionRequest) => void>();
  private nextId = 1;

  addProfile(partial: Partial<ProfileView> = {}): ProfileView {
    const id = partial.id ?? `p${this.nextId++}`;
    const profile: ProfileView = {
      id,
      ...profileDraft({ name: `Server ${id}`, host: '127.0.0.1', port: 27015 }),
      hasSavedPassword: true,
      ...partial,
    };
    this.profiles.push(profile);
    return profile;
  }

  emit(event: SessionEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  private record(method: string, ...args: unknown[]): void {
    this.calls.push([method, ...args]);
    const failure = this.failNext.get(method);
    if (failure) {
      this.failNext.delete(method);
      throw failure;
    }
  }

  async listProfiles(): Promise<ProfileView[]> {
    this.record('listProfiles');
    return this.profiles.map((p) => ({ ...p }));
  }

  async profilesLoadReport(): Promise<ProfilesLoadReport> {
    this.record('profilesLoadReport');
    return this.report;
  }

  async saveProfile(request: SaveProfileRequest): Promise<ProfileView> {
    this.record('saveProfile', request);
    const hasSavedPassword =
      request.password.kind === 'set' ||
      (request.password.kind === 'keep' && !!this.profiles.find((p) => p.id === request.id)?.hasSavedPassword);
    if (request.id !== undefined) {
      const index = this.profiles.findIndex((p) => p.id === request.id);
      if (index < 0) throw new ApiError({ kind: 'not-found', message: 'No such profile.' });
      const updated = { id: request.id, ...request.profile, hasSavedPassword };
      this.profiles[index] = updated;
      return { ...updated };
    }
    return { ...this.addProfile({ ...request.profile, hasSavedPassword }) };
  }

  async duplicateProfile(id: string): Promise<ProfileView> {
    this.record('duplicateProfile', id);
    const index = this.profiles.findIndex((p) => p.id === id);
    const source = this.profiles[index]!;
    const copy = { ...source, id: `p${this.nextId++}`, name: `${source.name} (copy)` };
    this.profiles.splice(index + 1, 0, copy);
    return { ...copy };
  }

  async deleteProfile(id: string): Promise<void> {
    this.record('deleteProfile', id);
    this.profiles = this.profiles.filter((p) => p.id !== id);
  }

  async reorderProfiles(ids: string[]): Promise<ProfileView[]> {
    this.record('reorderProfiles', ids);
    const byId = new Map(this.profiles.map((p) => [p.id, p]));
    this.profiles = ids.map((id) => byId.get(id)!);
    return this.profiles.map((p) => ({ ...p }));
  }

  async keychainStatus(): Promise<KeychainStatus> {
    this.record('keychainStatus');
    return this.keychain;
  }

  /** What testConnection answers; the real check (the engine's diagnose) is tested in main. */
  connectionTest: ConnectionTestResult = {
    steps: [{ id: 'reachable', verdict: 'ok', text: 'The port is reachable.' }],
  };

  async testConnection(request: TestConnectionRequest): Promise<ConnectionTestResult> {
    this.record('testConnection', request);
    return this.connectionTest;
  }

  async openSession(request: OpenSessionRequest): Promise<SessionInfo> {
    this.record('openSession', request);
    const profile = this.profiles.find((p) => p.id === request.profileId);
    if (!profile) throw new ApiError({ kind: 'not-found', message: 'No such profile.' });
    const info: SessionInfo = {
      sessionId: `s${this.nextId++}`,
      profileId: profile.id,
      title: profile.name,
      status: 'connecting',
    };
    this.sessions.set(info.sessionId, info);
    // Like the SessionManager: the first status event goes out before the call answers.
    this.emit({ type: 'status', session: { ...info } });
    return { ...info };
  }

  async listSessions(): Promise<SessionInfo[]> {
    this.record('listSessions');
    return [...this.sessions.values()];
  }

  async sendCommand(sessionId: string, command: string): Promise<CommandResult> {
    this.record('sendCommand', sessionId, command);
    const session = this.sessions.get(sessionId);
    if (session?.status !== 'connected') {
      throw new ApiError({ kind: 'connection', message: 'Not connected: the command was not sent.' });
    }
    this.emit({ type: 'output', sessionId, kind: 'command', text: command, at: 0 });
    const text = this.answer(command);
    this.emit({ type: 'output', sessionId, kind: 'response', text, at: 0 });
    return { durationMs: 1, answerLength: text.length };
  }

  async reconnectSession(sessionId: string, password?: string): Promise<SessionInfo> {
    this.record('reconnectSession', sessionId, password);
    const session = this.sessions.get(sessionId);
    if (!session) throw new ApiError({ kind: 'not-found', message: 'No such session.' });
    const info: SessionInfo = { ...session, status: 'connecting' };
    delete info.reason;
    this.sessions.set(sessionId, info);
    this.emit({ type: 'status', session: { ...info } });
    return { ...info };
  }

  async closeSession(sessionId: string): Promise<void> {
    this.record('closeSession', sessionId);
    const session = this.sessions.get(sessionId);
    this.sessions.delete(sessionId);
    if (session) this.emit({ type: 'status', session: { ...session, status: 'disconnected', reason: 'Closed.' } });
  }

  async setForegroundSession(sessionId: string | null): Promise<void> {
    this.record('setForegroundSession', sessionId);
  }

  async getHistory(profileId: string): Promise<string[]> {
    this.record('getHistory', profileId);
    return [...(this.histories.get(profileId) ?? [])];
  }

  async saveText(request: SaveTextRequest): Promise<SaveTextResult> {
    this.record('saveText', request.suggestedName);
    return { saved: false };
  }

  async saveLongAnswer(request: SaveLongAnswerRequest): Promise<SaveTextResult> {
    this.record('saveLongAnswer', request.suggestedName);
    return { saved: false };
  }

  onSessionEvent(listener: (event: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // Fleet work is not modelled here: its stores and views are tested end to end, over the real
  // services (tests/e2e). A store test that reaches one of these fails and says so.
  broadcast = this.unmodelled('broadcast');
  listMacros = this.unmodelled('listMacros');
  saveMacro = this.unmodelled('saveMacro');
  deleteMacro = this.unmodelled('deleteMacro');
  startMacro = this.unmodelled('startMacro');
  cancelMacro = this.unmodelled('cancelMacro');
  listSchedules = this.unmodelled('listSchedules');
  saveSchedule = this.unmodelled('saveSchedule');
  deleteSchedule = this.unmodelled('deleteSchedule');
  readAudit = this.unmodelled('readAudit');
  exportAudit = this.unmodelled('exportAudit');
  // Server status and players are tested end to end too, against the reference server's A2S responder.
  serverStatus = this.unmodelled('serverStatus');
  listPlayers = this.unmodelled('listPlayers');
  playerAction = this.unmodelled('playerAction');
  // Import and export read and write files through dialogs in main: tested end to end, with sample files.
  importProfiles = this.unmodelled('importProfiles');
  exportProfiles = this.unmodelled('exportProfiles');
  transcriptFolder = this.unmodelled('transcriptFolder');

  onFleetEvent(): () => void {
    return () => undefined;
  }

  onShowSession(listener: (request: ShowSessionRequest) => void): () => void {
    this.showListeners.add(listener);
    return () => this.showListeners.delete(listener);
  }

  /** What the main process does when a notification is clicked. */
  showSession(sessionId: string): void {
    for (const listener of this.showListeners) listener({ sessionId });
  }

  private unmodelled(method: string): () => Promise<never> {
    return () => Promise.reject(new Error(`FakeApi does not model ${method}: test it end to end (tests/e2e).`));
  }

  /** Moves a session to a status, as the main process would, and emits the event. */
  setStatus(
    sessionId: string,
    status: SessionInfo['status'],
    reason?: string,
    retryInMs?: number,
    attempt?: number,
  ): void {
    const session = this.sessions.get(sessionId)!;
    const info: SessionInfo = { ...session, status };
    if (reason === undefined) delete info.reason;
    else info.reason = reason;
    this.sessions.set(sessionId, info);
    const event: SessionEvent = { type: 'status', session: { ...info } };
    if (retryInMs !== undefined) event.retryInMs = retryInMs;
    if (attempt !== undefined) event.attempt = attempt;
    this.emit(event);
  }
}
