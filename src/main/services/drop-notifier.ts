import type { EventEmitter } from 'node:events';
import type { Profile, SessionEvent, SessionInfo, SessionStatus } from '../../shared/api';
import { profileSettings } from '../../shared/profile-settings';
import { sanitizeServerText } from '../../shared/server-text';

/** What a desktop notification says; Electron's Notification shows it in the app. */
export interface DropNotification {
  sessionId: string;
  /** The server's name as saved in the list. */
  title: string;
  /** One of a few fixed sentences: no text from the server ever goes into a notification. */
  body: string;
}

/** The tab the window shows, as the renderer reports it (null: no tab, e.g. a fleet view is open). */
export class ForegroundSession {
  private current: string | null = null;

  set(sessionId: string | null): void {
    this.current = sessionId;
  }

  get(): string | null {
    return this.current;
  }
}

export interface DropNotifierOptions {
  /** The session manager: its status events, and which sessions are still open. */
  sessions: EventEmitter<{ event: [event: SessionEvent] }> & { list(): SessionInfo[] };
  /** Throws for a deleted profile; its settings say whether the user wants these notifications. */
  profile(profileId: string): Promise<Profile>;
  show(notification: DropNotification): void;
  /** Whether the user is looking at this session's console right now (window focused, its tab active). */
  isForeground(sessionId: string): boolean;
  /** Told when a profile could not be read (no notification goes out then). */
  onError?: (error: unknown) => void;
}

const DROPPED: Partial<Record<SessionStatus, string>> = {
  reconnecting: 'The connection was lost. Reconnecting…',
  error: 'The connection was lost.',
  disconnected: 'The connection was lost; not reconnecting.',
};
const BACK = 'Connected again.';
const STOPPED = 'Reconnecting stopped: the server is still not connected.';

/** The colour sequences the sanitizer keeps: a notification shows plain text. */
// eslint-disable-next-line no-control-regex -- matching ESC is the point
const SGR = /\x1b\[[0-9;]*m/g;

/** Notification titles stay short, and plain: the name the user typed, controls and colours removed. */
const MAX_TITLE_CHARS = 80;

/**
 * Desktop notifications when a server drops, comes back or stops reconnecting while its console is not in front,
 * for servers whose settings ask for them (`notifyOnDrop`). A session the user closes, or whose
 * first connect fails, is no drop: only leaving `connected`, and coming back after that, count.
 */
export class DropNotifier {
  /** Per open session: its last status, and whether it dropped since it was last connected. */
  private readonly seen = new Map<string, { status: SessionStatus; dropped: boolean }>();
  private readonly listener = (event: SessionEvent): void => this.onEvent(event);

  constructor(private readonly options: DropNotifierOptions) {
    options.sessions.on('event', this.listener);
  }

  stop(): void {
    this.options.sessions.off('event', this.listener);
    this.seen.clear();
  }

  private onEvent(event: SessionEvent): void {
    if (event.type !== 'status') return;
    const { sessionId, status, profileId } = event.session;
    const open = this.options.sessions.list().some((s) => s.sessionId === sessionId);
    if (!open) {
      // Closed by the user, by quitting, or with its deleted server: nothing worth telling.
      this.seen.delete(sessionId);
      return;
    }
    const before = this.seen.get(sessionId) ?? { status, dropped: false };
    let body: string | undefined;
    let dropped = before.dropped;
    if (before.status === 'connected' && DROPPED[status] !== undefined) {
      body = DROPPED[status];
      dropped = true;
    } else if (status === 'connected' && before.dropped) {
      body = BACK;
      dropped = false;
    } else if (before.dropped && (status === 'disconnected' || status === 'error') && before.status !== status) {
      // Gave up, or a retry was refused: until the next connect, nothing more will happen on its own.
      body = STOPPED;
    }
    this.seen.set(sessionId, { status, dropped });
    if (body !== undefined) void this.notify(sessionId, profileId, body);
  }

  private async notify(sessionId: string, profileId: string, body: string): Promise<void> {
    let profile: Profile;
    try {
      profile = await this.options.profile(profileId);
    } catch (error) {
      this.options.onError?.(error);
      return;
    }
    if (!profileSettings(profile).notifyOnDrop || this.options.isForeground(sessionId)) return;
    this.options.show({ sessionId, title: plainTitle(profile.name), body });
  }
}

/** A name as notification text: sanitized as server text is, then without the colours it keeps. */
export function plainTitle(name: string): string {
  const plain = sanitizeServerText(name).replace(SGR, '').replace(/\s+/g, ' ').trim();
  const title = plain === '' ? 'A server' : plain;
  return title.length > MAX_TITLE_CHARS ? `${title.slice(0, MAX_TITLE_CHARS - 1)}…` : title;
}
