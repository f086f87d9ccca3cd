import { useId, useMemo, useState } from 'react';
import type { ConsoleProtocol, ProfileView } from '../../../shared/api';
import { CONSOLE_PROTOCOLS, PROTOCOL_LABELS } from '../../../shared/protocols';
import { errorKind, errorMessage } from '../api';
import {
  emptyForm,
  formFromProfile,
  hasErrors,
  PROFILE_COLORS,
  saveRequestFromForm,
  passwordReentryError,
  validateForm,
  withGame,
  withProtocol,
  type ProfileForm,
  type ProfileFormErrors,
} from '../lib/profile-form';
import { splitHostPort } from '../lib/host-port';
import { useProfiles, useStores } from '../stores/context';
import { GAME_PRESETS, gamePreset, isGameId } from '../../../shared/game-presets';
import { queryTarget } from '../../../shared/query-target';
import { ConnectionTest } from './ConnectionTest';
import { Field } from './Field';
import { SettingsSection } from './SettingsSection';
import { WarningIcon } from './icons';
import { Modal } from './Modal';

export function ProfileEditor({ profile }: { profile: ProfileView | undefined }) {
  const stores = useStores();
  const keychain = useProfiles((s) => s.keychain);
  const allProfiles = useProfiles((s) => s.profiles);
  const groups = useMemo(
    () => [...new Set(allProfiles.map((p) => p.group).filter((g) => g !== ''))].sort(),
    [allProfiles],
  );
  const [form, setForm] = useState<ProfileForm>(() =>
    profile ? formFromProfile(profile) : { ...emptyForm(), rememberPassword: keychain?.available !== false },
  );
  const [touched, setTouched] = useState<Partial<Record<keyof ProfileForm, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string | undefined>();
  const errors: ProfileFormErrors = useMemo(() => {
    const found = validateForm(form);
    const reentry = passwordReentryError(form, profile, keychain);
    return reentry === undefined ? found : { ...found, password: reentry };
  }, [form, profile, keychain]);
  const keychainOk = keychain?.available !== false;
  const listId = useId();

  const shown = (key: keyof ProfileForm): string | undefined => (submitted || touched[key] ? errors[key] : undefined);
  const update = <K extends keyof ProfileForm>(key: K, value: ProfileForm[K]) => {
    setForm((current) => ({ ...current, [key]: value }));
    setServerError(undefined);
  };
  const blur = (key: keyof ProfileForm) => () => setTouched((current) => ({ ...current, [key]: true }));
  const close = () => stores.ui.getState().closeDialog();

  const submit = async () => {
    setSubmitted(true);
    if (hasErrors(errors) || saving) return;
    setSaving(true);
    try {
      await stores.profiles.getState().save(saveRequestFromForm(form, keychain, profile?.id));
      close();
    } catch (error) {
      setServerError(errorMessage(error));
      // A keychain failure may have changed what is saved (or whether the keychain works): reload.
      if (errorKind(error) === 'keychain') void stores.profiles.getState().load();
    } finally {
      setSaving(false);
    }
  };

  // The server as typed: a password typed here is tried, else the saved one of this profile.
  const testRequest =
    errors.host || errors.port
      ? undefined
      : {
          host: form.host.trim(),
          port: Number(form.port.trim()),
          ...(form.password !== '' ? { password: form.password } : {}),
          ...(profile && !form.clearPassword ? { profileId: profile.id } : {}),
        };

  const passwordHint = !keychainOk
    ? 'It cannot be saved here: no keychain is available.'
    : profile?.hasSavedPassword
      ? 'Leave empty to keep the saved password.'
      : 'Leave empty to be asked at connect time.';

  return (
    <Modal
      title={profile ? `Edit ${profile.name}` : 'Add server'}
      onClose={close}
      width={600}
      className="profile-editor"
      footer={
        <>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button
            type="submit"
            form="profile-editor-form"
            className="button primary"
            disabled={saving}
            data-testid="save-profile"
          >
            {saving ? 'Saving…' : profile ? 'Save' : 'Add server'}
          </button>
        </>
      }
    >
      <form
        id="profile-editor-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div className="form-grid">
          <Field label="Name" error={shown('name')} className="span-2">
            {(id, describedBy) => (
              <input
                id={id}
                name="name"
                data-autofocus
                value={form.name}
                placeholder="e.g. Survival EU 1"
                aria-invalid={!!shown('name')}
                aria-describedby={describedBy}
                onChange={(e) => update('name', e.target.value)}
                onBlur={blur('name')}
              />
            )}
          </Field>
          <Field label="Game" hint="Sets the port, protocol and the game's known quirks." className="span-2">
            {(id, describedBy) => (
              <select
                id={id}
                name="game"
                value={form.game}
                aria-describedby={describedBy}
                onChange={(e) => {
                  const game = e.target.value;
                  setForm((current) => withGame(current, isGameId(game) ? game : ''));
                  setServerError(undefined);
                }}
              >
                <option value="">Other or not listed</option>
                {GAME_PRESETS.map((preset) => (
                  <option key={preset.id} value={preset.id}>
                    {preset.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Host" error={shown('host')}>
            {(id, describedBy) => (
              <input
                id={id}
                name="host"
                value={form.host}
                placeholder="e.g. 203.0.113.7 or play.example.com"
                spellCheck={false}
                autoCapitalize="off"
                aria-invalid={!!shown('host')}
                aria-describedby={describedBy}
                onChange={(e) => {
                  // "host:port" (typed or pasted) fills both fields.
                  const split = splitHostPort(e.target.value);
                  if (split) {
                    update('host', split.host);
                    update('port', split.port);
                  } else update('host', e.target.value);
                }}
                onBlur={blur('host')}
              />
            )}
          </Field>
          <Field label="Port" error={shown('port')} className="narrow">
            {(id, describedBy) => (
              <input
                id={id}
                name="port"
                inputMode="numeric"
                value={form.port}
                aria-invalid={!!shown('port')}
                aria-describedby={describedBy}
                onChange={(e) => update('port', e.target.value)}
                onBlur={blur('port')}
              />
            )}
          </Field>
          {/* Not "… port": the editor's tests and screen readers find the RCON port by that word. */}
          <Field label="Status query (UDP)" error={shown('queryPort')} className="narrow" hint={queryPortHint(form)}>
            {(id, describedBy) => (
              <input
                id={id}
                name="queryPort"
                inputMode="numeric"
                value={form.queryPort}
                placeholder={queryPortPlaceholder(form)}
                aria-invalid={!!shown('queryPort')}
                aria-describedby={describedBy}
                onChange={(e) => update('queryPort', e.target.value)}
                onBlur={blur('queryPort')}
              />
            )}
          </Field>
          <Field label="Remote console" hint="Changing it moves the port to that console's usual one.">
            {(id, describedBy) => (
              <select
                id={id}
                name="protocol"
                value={form.protocol}
                aria-describedby={describedBy}
                onChange={(e) => {
                  setForm((current) => withProtocol(current, e.target.value as ConsoleProtocol));
                  setServerError(undefined);
                }}
              >
                {CONSOLE_PROTOCOLS.map((protocol) => (
                  <option key={protocol} value={protocol}>
                    {PROTOCOL_LABELS[protocol]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {form.protocol === 'rcon' && (
            <Field label="Protocol">
              {(id) => (
                <select
                  id={id}
                  name="dialect"
                  value={form.dialect}
                  onChange={(e) => update('dialect', e.target.value as ProfileForm['dialect'])}
                >
                  <option value="auto">Detect automatically</option>
                  <option value="source">Source (CS, TF2, Rust, ARK…)</option>
                  <option value="minecraft">Minecraft</option>
                </select>
              )}
            </Field>
          )}
          <Field label="Text encoding" className="narrow">
            {(id) => (
              <select
                id={id}
                name="encoding"
                value={form.encoding}
                onChange={(e) => update('encoding', e.target.value as ProfileForm['encoding'])}
              >
                <option value="utf8">UTF-8</option>
                <option value="latin1">Latin-1</option>
              </select>
            )}
          </Field>
          <Field label="Group" error={shown('group')} hint="Servers with the same group are listed together.">
            {(id, describedBy) => (
              <>
                <input
                  id={id}
                  name="group"
                  list={listId}
                  value={form.group}
                  placeholder="e.g. Production"
                  aria-describedby={describedBy}
                  onChange={(e) => update('group', e.target.value)}
                  onBlur={blur('group')}
                />
                <datalist id={listId}>
                  {groups.map((group) => (
                    <option key={group} value={group} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
          <Field label="Colour" error={shown('color')} className="narrow">
            {(id) => (
              <div className="color-picker" id={id} role="radiogroup" aria-label="Colour">
                {PROFILE_COLORS.map((color) => (
                  <button
                    key={color}
                    type="button"
                    role="radio"
                    aria-checked={form.color === color}
                    aria-label={color}
                    className={`swatch${form.color === color ? ' chosen' : ''}`}
                    style={{ background: color }}
                    onClick={() => update('color', color)}
                  />
                ))}
                <button
                  type="button"
                  role="radio"
                  aria-checked={form.color === ''}
                  aria-label="No colour"
                  title="No colour"
                  className={`swatch none${form.color === '' ? ' chosen' : ''}`}
                  onClick={() => update('color', '')}
                />
              </div>
            )}
          </Field>
          <Field
            label="Quick commands"
            error={shown('quickCommands')}
            hint="One per line; shown as buttons above the command line."
            className="span-2"
          >
            {(id, describedBy) => (
              <textarea
                id={id}
                name="quickCommands"
                rows={3}
                value={form.quickCommands}
                placeholder="e.g. status (one command a line)"
                spellCheck={false}
                aria-describedby={describedBy}
                onChange={(e) => update('quickCommands', e.target.value)}
                onBlur={blur('quickCommands')}
              />
            )}
          </Field>
        </div>

        <fieldset className="password-section">
          <legend>RCON password</legend>
          <Field label="Password" hint={passwordHint} error={shown('password') ?? errors.password}>
            {(id, describedBy) => (
              <input
                id={id}
                name="password"
                type="password"
                autoComplete="new-password"
                value={form.password}
                // Without a keychain there is nowhere to keep it: no field that would silently drop it.
                disabled={form.clearPassword || !keychainOk}
                placeholder={
                  !keychainOk
                    ? 'Cannot be saved (no keychain)'
                    : profile?.hasSavedPassword
                      ? 'Saved in the keychain: type to replace it'
                      : ''
                }
                aria-describedby={describedBy}
                onChange={(e) => update('password', e.target.value)}
              />
            )}
          </Field>
          {!keychainOk && (
            <p className="form-warning" role="note" data-testid="password-unsaved">
              Passwords cannot be saved: no keychain is available{keychain?.reason ? ` (${keychain.reason})` : ''}. RCON
              Desk asks for the password when you connect and keeps it in memory, for this server, until it quits.
            </p>
          )}
          <div className="checks">
            <label className="check">
              <input
                type="checkbox"
                name="rememberPassword"
                checked={form.rememberPassword}
                disabled={!keychainOk}
                onChange={(e) => update('rememberPassword', e.target.checked)}
              />
              Remember password in the system keychain
            </label>
            {profile?.hasSavedPassword && (
              <label className="check">
                <input
                  type="checkbox"
                  name="clearPassword"
                  checked={form.clearPassword}
                  onChange={(e) => update('clearPassword', e.target.checked)}
                />
                Clear the saved password
              </label>
            )}
          </div>
          <p className="notice">
            <WarningIcon size={14} />
            <span>
              RCON sends the password unencrypted. Use it only on a trusted network or through a tunnel (SSH, VPN).
            </span>
          </p>
        </fieldset>
        <SettingsSection form={form} profileId={profile?.id} shown={shown} update={update} blur={blur} />
        <ConnectionTest request={testRequest} />
        {serverError && (
          <p className="form-error" role="alert">
            {serverError}
          </p>
        )}
      </form>
    </Modal>
  );
}

/** The port the status is asked on when the field is left empty. */
function queryPortPlaceholder(form: ProfileForm): string {
  const target = queryTarget({
    port: Number(form.port) || 0,
    dialect: form.dialect,
    ...(form.game ? { game: form.game } : {}),
  });
  return target ? `default: ${target.port}` : 'none';
}

function queryPortHint(form: ProfileForm): string {
  return form.game && !gamePreset(form.game).query
    ? 'This game has no status query.'
    : 'The port the sidebar asks for the status. Empty: the game default.';
}
