import { useEffect, useState } from 'react';
import type { ReconnectMode } from '../../../shared/profile-settings';
import { getApi } from '../api';
import type { ProfileForm } from '../lib/profile-form';
import { settingsFromForm, type SettingsForm } from '../lib/settings-form';
import { Field } from './Field';

interface SettingsSectionProps {
  form: ProfileForm;
  /** The server being edited; absent while adding one. */
  profileId: string | undefined;
  /** The error to show for a field now (after it was left, or after Save). */
  shown: (key: keyof ProfileForm) => string | undefined;
  update: <K extends keyof ProfileForm>(key: K, value: ProfileForm[K]) => void;
  blur: (key: keyof ProfileForm) => () => void;
}

const RECONNECT_LABELS: Record<ReconnectMode, string> = {
  off: 'Off: wait for me',
  limited: 'Give up after a while',
  forever: 'Keep trying',
};

const SETTINGS_FIELDS: (keyof SettingsForm)[] = ['commandTimeoutSeconds', 'giveUpMinutes', 'maxDelaySeconds'];

/**
 * The editor's collapsible "Settings": how this server's sessions behave. Closed at first unless
 * the server already differs from the defaults; an invalid field opens it, so its message is seen.
 */
export function SettingsSection({ form, profileId, shown, update, blur }: SettingsSectionProps) {
  const [open, setOpen] = useState(() => Object.keys(settingsFromForm(form)).length > 0);
  const failing = SETTINGS_FIELDS.some((key) => shown(key) !== undefined);
  const check = (key: 'confirmDestructive' | 'notifyOnDrop' | 'autoTranscript', label: string) => (
    <label className="check">
      <input type="checkbox" name={key} checked={form[key]} onChange={(e) => update(key, e.target.checked)} />
      {label}
    </label>
  );
  const number = (key: 'commandTimeoutSeconds' | 'giveUpMinutes' | 'maxDelaySeconds', disabled = false) =>
    function NumberInput(id: string, describedBy: string | undefined) {
      return (
        <input
          id={id}
          name={key}
          inputMode="decimal"
          value={form[key]}
          disabled={disabled}
          aria-invalid={!!shown(key)}
          aria-describedby={describedBy}
          onChange={(e) => update(key, e.target.value)}
          onBlur={blur(key)}
        />
      );
    };

  return (
    <details
      className="settings-section"
      data-testid="profile-settings"
      open={open || failing}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>Settings</summary>
      <div className="form-grid">
        <Field
          label="Command timeout (s)"
          error={shown('commandTimeoutSeconds')}
          hint="How long a command waits for its answer."
          className="span-2"
        >
          {number('commandTimeoutSeconds')}
        </Field>
        <Field label="Reconnect after a lost connection" hint="A game server's restart takes several minutes.">
          {(id, describedBy) => (
            <select
              id={id}
              name="reconnect"
              value={form.reconnect}
              aria-describedby={describedBy}
              onChange={(e) => update('reconnect', e.target.value as ReconnectMode)}
            >
              {(Object.keys(RECONNECT_LABELS) as ReconnectMode[]).map((mode) => (
                <option key={mode} value={mode}>
                  {RECONNECT_LABELS[mode]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Give up after (min)" error={shown('giveUpMinutes')} className="narrow">
          {number('giveUpMinutes', form.reconnect !== 'limited')}
        </Field>
        <Field
          label="Longest wait between attempts (s)"
          error={shown('maxDelaySeconds')}
          hint="The wait starts at 1 s and doubles up to this."
          className="span-2"
        >
          {number('maxDelaySeconds', form.reconnect === 'off')}
        </Field>
      </div>
      <div className="checks settings-checks">
        {check('confirmDestructive', 'Ask before destructive commands (quit, stop, restart…)')}
        {check('notifyOnDrop', 'Notify me when this server drops or comes back (while its tab is in the background)')}
        {check('autoTranscript', 'Automatic transcript to a file')}
        {form.autoTranscript && <TranscriptFolderNote profileId={profileId} />}
      </div>
    </details>
  );
}

/** Where the automatic transcripts go, so the admin can find them (main names the folder). */
function TranscriptFolderNote({ profileId }: { profileId: string | undefined }) {
  const [folder, setFolder] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!profileId) return;
    let live = true;
    getApi()
      .transcriptFolder(profileId)
      .then(
        (path) => live && setFolder(path),
        () => undefined, // the general wording below still says where to look
      );
    return () => {
      live = false;
    };
  }, [profileId]);
  return (
    <p className="muted settings-note" data-testid="transcript-folder">
      {folder
        ? `One file a day in ${folder}`
        : 'One file a day in the transcripts folder of RCON Desk’s data folder, named after the server.'}
    </p>
  );
}
