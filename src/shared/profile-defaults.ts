import type { ProfileDraft } from './api';

/** What a new profile starts with, besides its name, host and port. */
export const PROFILE_DEFAULTS = {
  protocol: 'rcon',
  dialect: 'auto',
  encoding: 'utf8',
  group: '',
  color: '',
  quickCommands: [],
  rememberPassword: true,
} as const satisfies Omit<ProfileDraft, 'name' | 'host' | 'port'>;

/** A complete draft from the fields that have no sensible default, and any others to override. */
export function profileDraft(
  fields: Pick<ProfileDraft, 'name' | 'host' | 'port'> & Partial<ProfileDraft>,
): ProfileDraft {
  return { ...PROFILE_DEFAULTS, quickCommands: [], ...fields };
}
