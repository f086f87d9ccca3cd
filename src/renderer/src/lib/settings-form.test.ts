import { describe, expect, it } from 'vitest';
import { settingsForm, settingsFromForm, validateSettingsForm } from './settings-form';

describe('the editor’s Settings section', () => {
  it('shows the defaults in the units it asks in, and stores nothing for them', () => {
    const form = settingsForm();
    expect(form).toEqual({
      commandTimeoutSeconds: '10',
      reconnect: 'limited',
      giveUpMinutes: '15',
      maxDelaySeconds: '30',
      confirmDestructive: true,
      notifyOnDrop: false,
      autoTranscript: false,
    });
    expect(validateSettingsForm(form)).toEqual({});
    expect(settingsFromForm(form)).toEqual({});
  });

  it('stores only what differs from the defaults, in milliseconds', () => {
    const form = {
      ...settingsForm(),
      commandTimeoutSeconds: '2.5',
      giveUpMinutes: ' 45 ',
      notifyOnDrop: true,
      confirmDestructive: false,
    };
    expect(settingsFromForm(form)).toEqual({
      commandTimeoutMs: 2_500,
      reconnectGiveUpMs: 45 * 60_000,
      notifyOnDrop: true,
      confirmDestructive: false,
    });
    expect(settingsFromForm({ ...settingsForm(), reconnect: 'forever', maxDelaySeconds: '120' })).toEqual({
      reconnect: 'forever',
      reconnectMaxDelayMs: 120_000,
    });
  });

  it('reads a profile’s settings back into the form', () => {
    const form = settingsForm({ settings: { reconnect: 'off', commandTimeoutMs: 45_000, autoTranscript: true } });
    expect(form).toMatchObject({ reconnect: 'off', commandTimeoutSeconds: '45', autoTranscript: true });
    expect(settingsFromForm(form)).toEqual({ reconnect: 'off', commandTimeoutMs: 45_000, autoTranscript: true });
  });

  it('says what is wrong with a time, in the field’s own units', () => {
    const errors = validateSettingsForm({
      ...settingsForm(),
      commandTimeoutSeconds: '0.5',
      giveUpMinutes: 'soon',
      maxDelaySeconds: '-3',
    });
    expect(errors).toEqual({
      commandTimeoutSeconds: 'A number of seconds from 1 to 600.',
      giveUpMinutes: 'A number of minutes from 1 to 1440 (24 hours).',
      maxDelaySeconds: 'A number of seconds from 1 to 600.',
    });
    // A field the chosen mode does not use does not stop a save.
    const off = { ...settingsForm(), reconnect: 'off' as const, giveUpMinutes: 'x', maxDelaySeconds: 'y' };
    expect(validateSettingsForm(off)).toEqual({});
    expect(settingsFromForm(off)).toEqual({ reconnect: 'off' });
  });
});
