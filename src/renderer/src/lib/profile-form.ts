import type {
  ConsoleProtocol,
  Dialect,
  KeychainStatus,
  PasswordChange,
  ProfileDraft,
  ProfileView,
  SaveProfileRequest,
  TextEncoding,
} from '../../../shared/api';
import { PROFILE_DEFAULTS } from '../../../shared/profile-defaults';
import { gamePreset, type GameId } from '../../../shared/game-presets';
import { PROTOCOL_DEFAULT_PORTS } from '../../../shared/protocols';
import { settingsForm, settingsFromForm, validateSettingsForm, type SettingsForm } from './settings-form';

/** The editor's fields, as typed (port is text until it validates), with the Settings section's. */
export interface ProfileForm extends SettingsForm {
  name: string;
  host: string;
  port: string;
  /** '' for the default: the game's query port, or the RCON port (src/shared/query-target.ts). */
  queryPort: string;
  protocol: ConsoleProtocol;
  dialect: Dialect;
  encoding: TextEncoding;
  /** '' for a game without a preset. */
  game: GameId | '';
  group: string;
  color: string;
  /** One command per line. */
  quickCommands: string;
  /** Empty means "keep the saved password". */
  password: string;
  clearPassword: boolean;
  rememberPassword: boolean;
}

export type ProfileFormErrors = Partial<Record<keyof ProfileForm, string>>;

export const DEFAULT_PORT = 27015;
export const MAX_NAME_LENGTH = 100;
export const MAX_GROUP_LENGTH = 100;
export const MAX_QUICK_COMMANDS = 50;
export const MAX_QUICK_COMMAND_LENGTH = 1000;
export const MAX_HOST_LENGTH = 253;

/** A small palette offered in the editor (any hex colour is accepted). */
export const PROFILE_COLORS = ['#3b82f6', '#22c55e', '#eab308', '#f97316', '#ef4444', '#a855f7', '#ec4899', '#14b8a6'];

export function emptyForm(): ProfileForm {
  return {
    name: '',
    host: '',
    port: String(DEFAULT_PORT),
    queryPort: '',
    protocol: PROFILE_DEFAULTS.protocol,
    dialect: PROFILE_DEFAULTS.dialect,
    encoding: PROFILE_DEFAULTS.encoding,
    game: '',
    group: PROFILE_DEFAULTS.group,
    color: PROFILE_COLORS[0]!,
    quickCommands: '',
    password: '',
    clearPassword: false,
    rememberPassword: PROFILE_DEFAULTS.rememberPassword,
    ...settingsForm(),
  };
}

export function formFromProfile(profile: ProfileView): ProfileForm {
  return {
    name: profile.name,
    host: profile.host,
    port: String(profile.port),
    queryPort: profile.queryPort === undefined ? '' : String(profile.queryPort),
    protocol: profile.protocol,
    dialect: profile.dialect,
    encoding: profile.encoding,
    game: profile.game ?? '',
    group: profile.group,
    color: profile.color,
    quickCommands: profile.quickCommands.join('\n'),
    password: '',
    clearPassword: false,
    rememberPassword: profile.rememberPassword,
    ...settingsForm(profile),
  };
}

/**
 * Switches the protocol; a port left empty or at the old protocol's usual one moves to the new
 * protocol's usual port, while a port the user typed stays.
 */
export function withProtocol(form: ProfileForm, protocol: ConsoleProtocol): ProfileForm {
  const port = form.port.trim();
  const usual = port === '' || port === String(PROTOCOL_DEFAULT_PORTS[form.protocol]);
  return { ...form, protocol, port: usual ? String(PROTOCOL_DEFAULT_PORTS[protocol]) : form.port };
}

/** The same rule as the main process: host names, IPv4 and IPv6 literals, no brackets or port. */
const HOST_PATTERN = /^[A-Za-z0-9._:%-]+$/;

export function parseQuickCommands(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Inline validation; the main process validates again and its message is shown if it disagrees. */
export function validateForm(form: ProfileForm): ProfileFormErrors {
  const errors: ProfileFormErrors = validateSettingsForm(form);
  const name = form.name.trim();
  if (name === '') errors.name = 'Give the server a name.';
  else if (name.length > MAX_NAME_LENGTH) errors.name = `At most ${MAX_NAME_LENGTH} characters.`;

  const host = form.host.trim();
  if (host === '') errors.host = 'Enter a host name or IP address.';
  else if (host.length > MAX_HOST_LENGTH) errors.host = `At most ${MAX_HOST_LENGTH} characters.`;
  else if (/^\[.*\]$/.test(host) || /^[^:]+:\d+$/.test(host)) errors.host = 'Enter the port in its own field.';
  else if (!HOST_PATTERN.test(host)) errors.host = 'A host name or IP address, without spaces.';

  const portText = form.port.trim();
  const port = Number(portText);
  if (portText === '') errors.port = 'Enter the RCON port.';
  else if (!/^\d+$/.test(portText) || !Number.isInteger(port) || port < 1 || port > 65535) {
    errors.port = 'A port is a whole number from 1 to 65535.';
  }

  const queryText = form.queryPort.trim();
  const queryPort = Number(queryText);
  if (queryText !== '' && (!/^\d+$/.test(queryText) || queryPort < 1 || queryPort > 65535)) {
    errors.queryPort = 'A port is a whole number from 1 to 65535, or empty for the default.';
  }

  if (form.group.trim().length > MAX_GROUP_LENGTH) errors.group = `At most ${MAX_GROUP_LENGTH} characters.`;
  if (form.color !== '' && !/^#[0-9a-fA-F]{6}$/.test(form.color)) errors.color = 'A colour like #3b82f6.';
  const quick = parseQuickCommands(form.quickCommands);
  if (quick.length > MAX_QUICK_COMMANDS) errors.quickCommands = `At most ${MAX_QUICK_COMMANDS} quick commands.`;
  else if (quick.some((command) => command.length > MAX_QUICK_COMMAND_LENGTH)) {
    errors.quickCommands = `A quick command can be at most ${MAX_QUICK_COMMAND_LENGTH} characters long.`;
  }
  return errors;
}

/**
 * Picking a game sets its protocol and encoding, and its port unless the port was typed by hand
 * (anything but the previous game's default, or the generic one).
 */
export function withGame(form: ProfileForm, game: GameId | ''): ProfileForm {
  if (!game) return { ...form, game };
  const preset = gamePreset(game);
  const previousDefault = form.game ? gamePreset(form.game).defaultPort : DEFAULT_PORT;
  const portUntouched = form.port.trim() === '' || form.port.trim() === String(previousDefault);
  return {
    ...form,
    game,
    dialect: preset.dialect,
    encoding: preset.encoding,
    port: portUntouched ? String(preset.defaultPort) : form.port,
  };
}

export function hasErrors(errors: ProfileFormErrors): boolean {
  return Object.keys(errors).length > 0;
}

export function draftFromForm(form: ProfileForm): ProfileDraft {
  const settings = settingsFromForm(form);
  return {
    name: form.name.trim(),
    host: form.host.trim(),
    port: Number(form.port.trim()),
    protocol: form.protocol,
    dialect: form.dialect,
    encoding: form.encoding,
    ...(form.game ? { game: form.game } : {}),
    ...(form.queryPort.trim() !== '' ? { queryPort: Number(form.queryPort.trim()) } : {}),
    group: form.group.trim(),
    color: form.color,
    quickCommands: parseQuickCommands(form.quickCommands),
    rememberPassword: form.rememberPassword,
    ...(Object.keys(settings).length > 0 ? { settings } : {}),
  };
}

/**
 * What happens to the saved password: a typed one is saved when "remember" is on and the keychain
 * works; "clear" (or turning "remember" off) deletes it; otherwise it is kept.
 */
export function passwordChangeFromForm(form: ProfileForm, keychain: KeychainStatus | undefined): PasswordChange {
  if (form.clearPassword || !form.rememberPassword) return { kind: 'clear' };
  if (form.password !== '' && keychain?.available !== false) return { kind: 'set', password: form.password };
  return { kind: 'keep' };
}

export function saveRequestFromForm(
  form: ProfileForm,
  keychain: KeychainStatus | undefined,
  id?: string,
): SaveProfileRequest {
  const request: SaveProfileRequest = {
    profile: draftFromForm(form),
    password: passwordChangeFromForm(form, keychain),
  };
  if (id !== undefined) request.id = id;
  return request;
}

/**
 * A saved password is bound to the address it was saved for; the main process refuses to keep it
 * for another one (issue 10). So when the host or port changes, the editor asks for the password
 * again, unless the user clears it or does not keep one.
 */
export function passwordReentryError(
  form: ProfileForm,
  profile: Pick<ProfileView, 'host' | 'port' | 'hasSavedPassword'> | undefined,
  keychain: KeychainStatus | undefined,
): string | undefined {
  if (!profile?.hasSavedPassword || !form.rememberPassword || form.clearPassword) return undefined;
  if (form.password !== '' || keychain?.available === false) return undefined;
  const sameHost = form.host.trim().toLowerCase() === profile.host.toLowerCase();
  if (sameHost && Number(form.port.trim()) === profile.port) return undefined;
  return 'The address changed: enter the password again. A saved password only goes to the server it was saved for.';
}
