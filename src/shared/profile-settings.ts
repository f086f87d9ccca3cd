import type { Profile } from './api';

/**
 * How a server's sessions behave, set per server in the editor. A profile stores only what the
 * user changed (`Profile.settings`), so a better default reaches every profile that kept it.
 */
export interface ProfileSettings {
  /** How long a command waits for its answer before it is reported as timed out. */
  commandTimeoutMs: number;
  /** After a lost connection: 'off' waits for the user, 'limited' gives up after `reconnectGiveUpMs`, 'forever' keeps trying. */
  reconnect: ReconnectMode;
  reconnectGiveUpMs: number;
  /** Longest wait between two attempts; the wait starts at one second and doubles up to it. */
  reconnectMaxDelayMs: number;
  /** Ask before sending `quit`, `stop`, `shutdown` and the game's equivalents from a console. */
  confirmDestructive: boolean;
  /** A desktop notification when this server drops or comes back while its tab is in the background. */
  notifyOnDrop: boolean;
  /** Append everything of this server's consoles to a transcript file under the app's data folder. */
  autoTranscript: boolean;
}

export type ReconnectMode = 'off' | 'limited' | 'forever';

export const RECONNECT_MODES = ['off', 'limited', 'forever'] as const satisfies readonly ReconnectMode[];

/** A game-server restart takes several minutes; the defaults outlast it rather than give up at 30 s. */
export const PROFILE_SETTINGS_DEFAULTS: ProfileSettings = {
  commandTimeoutMs: 10_000,
  reconnect: 'limited',
  reconnectGiveUpMs: 15 * 60_000,
  reconnectMaxDelayMs: 30_000,
  confirmDestructive: true,
  notifyOnDrop: false,
  autoTranscript: false,
};

/** The bounds the editor and the profiles file are held to. */
export const PROFILE_SETTINGS_LIMITS = {
  commandTimeoutMs: { min: 1_000, max: 600_000 },
  reconnectGiveUpMs: { min: 10_000, max: 24 * 3_600_000 },
  reconnectMaxDelayMs: { min: 1_000, max: 600_000 },
} as const;

/** A profile's settings with the defaults filled in for what it does not set. */
export function profileSettings(profile: Pick<Profile, 'settings'>): ProfileSettings {
  return { ...PROFILE_SETTINGS_DEFAULTS, ...profile.settings };
}
