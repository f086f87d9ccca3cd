import { describe, expect, it } from 'vitest';
import type { ProfileView } from '../../../shared/api';
import {
  draftFromForm,
  emptyForm,
  formFromProfile,
  hasErrors,
  parseQuickCommands,
  passwordChangeFromForm,
  passwordReentryError,
  saveRequestFromForm,
  validateForm,
  withProtocol,
  type ProfileForm,
  withGame,
} from './profile-form';

const valid = (patch: Partial<ProfileForm> = {}): ProfileForm => ({
  ...emptyForm(),
  name: 'CS2 main',
  host: 'play.example.com',
  ...patch,
});

const profile: ProfileView = {
  id: 'p1',
  name: 'MC',
  host: '10.0.0.2',
  port: 25575,
  protocol: 'rcon',
  dialect: 'minecraft',
  encoding: 'utf8',
  group: 'Survival',
  color: '#22c55e',
  quickCommands: ['list', 'tps'],
  rememberPassword: true,
  hasSavedPassword: true,
};

describe('validateForm', () => {
  it('accepts a complete form', () => {
    expect(validateForm(valid())).toEqual({});
  });

  it('requires a name, a host and a port in range', () => {
    const errors = validateForm(valid({ name: ' ', host: '', port: '70000' }));
    expect(Object.keys(errors).sort()).toEqual(['host', 'name', 'port']);
    expect(validateForm(valid({ port: '' })).port).toBeDefined();
    expect(validateForm(valid({ port: '27015.5' })).port).toBeDefined();
    expect(validateForm(valid({ port: '0' })).port).toBeDefined();
    expect(validateForm(valid({ port: '65535' })).port).toBeUndefined();
  });

  it('takes an empty query port as the default, and a set one into the draft', () => {
    expect(validateForm(valid({ queryPort: '' })).queryPort).toBeUndefined();
    expect(validateForm(valid({ queryPort: '0' })).queryPort).toMatch(/1 to 65535, or empty/);
    expect(validateForm(valid({ queryPort: 'abc' })).queryPort).toBeDefined();
    expect(draftFromForm(valid({ queryPort: '27016' }))).toMatchObject({ queryPort: 27016 });
    expect(draftFromForm(valid({ queryPort: ' ' }))).not.toHaveProperty('queryPort');
    expect(formFromProfile({ ...profile, queryPort: 25565 }).queryPort).toBe('25565');
  });

  it('rejects a host with spaces or a port glued on, accepts IPv6', () => {
    expect(validateForm(valid({ host: 'my server' })).host).toMatch(/without spaces/);
    expect(validateForm(valid({ host: 'example.com:27015' })).host).toMatch(/port in its own field/);
    expect(validateForm(valid({ host: '[::1]' })).host).toMatch(/port in its own field/);
    expect(validateForm(valid({ host: '::1' })).host).toBeUndefined();
    expect(validateForm(valid({ host: '192.0.2.10' })).host).toBeUndefined();
  });

  it('checks the colour and the quick commands', () => {
    expect(validateForm(valid({ color: 'red' })).color).toBeDefined();
    expect(validateForm(valid({ color: '' })).color).toBeUndefined();
    expect(
      validateForm(valid({ quickCommands: Array.from({ length: 51 }, (_, i) => `c${i}`).join('\n') })),
    ).toHaveProperty('quickCommands');
    expect(hasErrors(validateForm(valid({ name: '' })))).toBe(true);
  });
});

describe('form conversion', () => {
  it('round-trips a profile (the password field starts empty)', () => {
    const form = formFromProfile(profile);
    expect(form.password).toBe('');
    expect(form.quickCommands).toBe('list\ntps');
    const { id: _id, hasSavedPassword: _saved, ...draft } = profile;
    expect(draftFromForm(form)).toEqual(draft);
  });

  it('trims and drops blank quick commands', () => {
    expect(parseQuickCommands(' status \n\n  users\r\n')).toEqual(['status', 'users']);
  });
});

describe('passwordChangeFromForm', () => {
  const keychain = { available: true };
  it('keeps the saved password when the field is empty', () => {
    expect(passwordChangeFromForm(valid(), keychain)).toEqual({ kind: 'keep' });
  });
  it('sets a typed password', () => {
    expect(passwordChangeFromForm(valid({ password: 'pw' }), keychain)).toEqual({ kind: 'set', password: 'pw' });
  });
  it('clears on request, or when it should not be remembered', () => {
    expect(passwordChangeFromForm(valid({ password: 'pw', clearPassword: true }), keychain)).toEqual({ kind: 'clear' });
    expect(passwordChangeFromForm(valid({ password: 'pw', rememberPassword: false }), keychain)).toEqual({
      kind: 'clear',
    });
  });
  it('does not try to save without a keychain', () => {
    expect(passwordChangeFromForm(valid({ password: 'pw' }), { available: false, reason: 'x' })).toEqual({
      kind: 'keep',
    });
  });
  it('saveRequestFromForm carries the id only when editing', () => {
    expect(saveRequestFromForm(valid(), keychain)).not.toHaveProperty('id');
    expect(saveRequestFromForm(valid(), keychain, 'p1').id).toBe('p1');
  });
});

describe('withGame', () => {
  it('sets the protocol, encoding and default port of the game, and keeps a port typed by hand', () => {
    const picked = withGame(valid(), 'minecraft');
    expect(picked).toMatchObject({ game: 'minecraft', dialect: 'minecraft', encoding: 'utf8', port: '25575' });
    expect(withGame(picked, 'ark')).toMatchObject({ game: 'ark', dialect: 'auto', port: '27020' });
    expect(withGame(valid({ port: '30000' }), 'palworld')).toMatchObject({ game: 'palworld', port: '30000' });
    expect(withGame(picked, '')).toMatchObject({ game: '', port: '25575' });
  });

  it('saves the game with the profile, and no game field for "other"', () => {
    expect(draftFromForm(withGame(valid(), 'conan')).game).toBe('conan');
    expect('game' in draftFromForm(valid())).toBe(false);
  });
});

describe('passwordReentryError', () => {
  const saved = { host: 'game.example', port: 27015, hasSavedPassword: true };
  const form = (overrides: Partial<ProfileForm>): ProfileForm => ({
    ...emptyForm(),
    host: 'game.example',
    port: '27015',
    rememberPassword: true,
    ...overrides,
  });

  it('asks for the password again when the host or port of a profile with a saved password changes', () => {
    expect(passwordReentryError(form({ host: 'evil.example' }), saved, undefined)).toMatch(/enter the password again/);
    expect(passwordReentryError(form({ port: '27016' }), saved, undefined)).toMatch(/enter the password again/);
  });

  it('is satisfied by a typed password, a cleared one, an unchanged address, or no saved password', () => {
    expect(passwordReentryError(form({ host: 'evil.example', password: 'pw' }), saved, undefined)).toBeUndefined();
    expect(passwordReentryError(form({ host: 'evil.example', clearPassword: true }), saved, undefined)).toBeUndefined();
    expect(passwordReentryError(form({ host: 'GAME.example' }), saved, undefined)).toBeUndefined();
    const none = { ...saved, hasSavedPassword: false };
    expect(passwordReentryError(form({ host: 'evil.example' }), none, undefined)).toBeUndefined();
  });
});

describe('withProtocol', () => {
  it('moves a usual or empty port to the new protocol’s usual port, and keeps a typed one', () => {
    const form = emptyForm();
    expect(form.protocol).toBe('rcon');
    const rust = withProtocol(form, 'webrcon');
    expect(rust).toMatchObject({ protocol: 'webrcon', port: '28016' });
    expect(withProtocol(rust, 'battleye')).toMatchObject({ protocol: 'battleye', port: '2306' });
    expect(withProtocol({ ...rust, port: '' }, 'telnet')).toMatchObject({ port: '8081' });
    expect(withProtocol({ ...rust, port: '30120' }, 'telnet')).toMatchObject({ protocol: 'telnet', port: '30120' });
    expect(draftFromForm({ ...withProtocol(form, 'telnet'), name: 'n', host: 'h' })).toMatchObject({
      protocol: 'telnet',
      port: 8081,
    });
  });
});
