import {
  PROFILE_SETTINGS_DEFAULTS,
  PROFILE_SETTINGS_LIMITS,
  profileSettings,
  type ProfileSettings,
  type ReconnectMode,
} from '../../../shared/profile-settings';
import type { Profile } from '../../../shared/api';

/** The editor's Settings section, as typed: times are text in the units shown (seconds, minutes). */
export interface SettingsForm {
  commandTimeoutSeconds: string;
  reconnect: ReconnectMode;
  giveUpMinutes: string;
  maxDelaySeconds: string;
  confirmDestructive: boolean;
  notifyOnDrop: boolean;
  autoTranscript: boolean;
}

export type SettingsFormErrors = Partial<Record<keyof SettingsForm, string>>;

const SECOND = 1_000;
const MINUTE = 60_000;

export function settingsForm(profile?: Pick<Profile, 'settings'>): SettingsForm {
  const s = profileSettings(profile ?? {});
  return {
    commandTimeoutSeconds: formatNumber(s.commandTimeoutMs / SECOND),
    reconnect: s.reconnect,
    giveUpMinutes: formatNumber(s.reconnectGiveUpMs / MINUTE),
    maxDelaySeconds: formatNumber(s.reconnectMaxDelayMs / SECOND),
    confirmDestructive: s.confirmDestructive,
    notifyOnDrop: s.notifyOnDrop,
    autoTranscript: s.autoTranscript,
  };
}

/** At most two decimals, none when whole: 10, 2.5, 0.17. */
function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

const { commandTimeoutMs, reconnectGiveUpMs, reconnectMaxDelayMs } = PROFILE_SETTINGS_LIMITS;
/** The editor asks in whole minutes' terms: less than one is no use against a restart. */
const GIVE_UP_LIMITS = { min: MINUTE, max: reconnectGiveUpMs.max };

/** A positive number as typed ("2.5", " 10 "), or undefined. */
function parseAmount(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

function inRange(text: string, unitMs: number, limits: { min: number; max: number }): number | undefined {
  const amount = parseAmount(text);
  if (amount === undefined) return undefined;
  const ms = Math.round(amount * unitMs);
  return ms >= limits.min && ms <= limits.max ? ms : undefined;
}

export function validateSettingsForm(form: SettingsForm): SettingsFormErrors {
  const errors: SettingsFormErrors = {};
  if (inRange(form.commandTimeoutSeconds, SECOND, commandTimeoutMs) === undefined) {
    errors.commandTimeoutSeconds = `A number of seconds from ${commandTimeoutMs.min / SECOND} to ${commandTimeoutMs.max / SECOND}.`;
  }
  // Only the fields the chosen mode uses can stop a save; the others keep what was typed.
  if (form.reconnect === 'limited' && inRange(form.giveUpMinutes, MINUTE, GIVE_UP_LIMITS) === undefined) {
    errors.giveUpMinutes = `A number of minutes from 1 to ${reconnectGiveUpMs.max / MINUTE} (24 hours).`;
  }
  if (form.reconnect !== 'off' && inRange(form.maxDelaySeconds, SECOND, reconnectMaxDelayMs) === undefined) {
    errors.maxDelaySeconds = `A number of seconds from ${reconnectMaxDelayMs.min / SECOND} to ${reconnectMaxDelayMs.max / SECOND}.`;
  }
  return errors;
}

/**
 * The settings to store: only those that differ from the defaults, so a better default later
 * reaches this server too. Fields the chosen mode does not use, or that do not validate, are left out.
 */
export function settingsFromForm(form: SettingsForm): Partial<ProfileSettings> {
  const chosen: Partial<ProfileSettings> = {
    reconnect: form.reconnect,
    confirmDestructive: form.confirmDestructive,
    notifyOnDrop: form.notifyOnDrop,
    autoTranscript: form.autoTranscript,
  };
  const timeout = inRange(form.commandTimeoutSeconds, SECOND, commandTimeoutMs);
  if (timeout !== undefined) chosen.commandTimeoutMs = timeout;
  if (form.reconnect === 'limited') {
    const giveUp = inRange(form.giveUpMinutes, MINUTE, GIVE_UP_LIMITS);
    if (giveUp !== undefined) chosen.reconnectGiveUpMs = giveUp;
  }
  if (form.reconnect !== 'off') {
    const maxDelay = inRange(form.maxDelaySeconds, SECOND, reconnectMaxDelayMs);
    if (maxDelay !== undefined) chosen.reconnectMaxDelayMs = maxDelay;
  }
  const differing: Partial<ProfileSettings> = {};
  for (const key of Object.keys(chosen) as (keyof ProfileSettings)[]) {
    if (chosen[key] !== PROFILE_SETTINGS_DEFAULTS[key]) Object.assign(differing, { [key]: chosen[key] });
  }
  return differing;
}
