import { useState } from 'react';
import type { ProfileView } from '../../../shared/api';
import { attachTab, connectProfile, needsConfirmation, sendCommands } from '../actions';
import { errorMessage } from '../api';
import { formatEndpoint } from '../lib/format';
import { useProfiles, useSessions, useStores, useUi } from '../stores/context';
import { DestructiveCommandDialog } from './DestructiveCommandDialog';
import { Modal } from './Modal';
import { ProfileEditor } from './ProfileEditor';
import { chordKeys, SHORTCUT_SECTIONS, SHORTCUTS } from '../lib/shortcuts';
import { terminals } from '../terminal/registry';

/** Whichever dialog the UI store says is open. */
export function Dialogs() {
  const dialog = useUi((s) => s.dialog);
  switch (dialog.kind) {
    case 'editor':
      return <ProfileEditor key={dialog.profile?.id ?? 'new'} profile={dialog.profile} />;
    case 'delete':
      return <DeleteDialog profile={dialog.profile} />;
    case 'password':
      return (
        <PasswordDialog
          key={dialog.purpose === 'open' ? dialog.profile.id : dialog.sessionId}
          profile={dialog.profile}
          sessionId={dialog.purpose === 'reconnect' ? dialog.sessionId : undefined}
          attachTo={dialog.purpose === 'attach' ? dialog.sessionId : undefined}
          reason={dialog.purpose === 'open' ? dialog.reason : undefined}
        />
      );
    case 'help':
      return <HelpDialog />;
    case 'paste':
      return <PasteDialog sessionId={dialog.sessionId} commands={dialog.commands} />;
    case 'destructive':
      return (
        <DestructiveCommandDialog sessionId={dialog.sessionId} command={dialog.command} onCancel={dialog.onCancel} />
      );
    default:
      return null;
  }
}

function DeleteDialog({ profile }: { profile: ProfileView }) {
  const stores = useStores();
  const openTabs = useSessions((s) => s.tabs.filter((tab) => tab.profileId === profile.id).length);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const close = () => stores.ui.getState().closeDialog();
  const confirm = async () => {
    setBusy(true);
    try {
      await stores.profiles.getState().remove(profile.id);
      close();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };
  return (
    <Modal
      title="Delete server?"
      onClose={close}
      width={420}
      footer={
        <>
          {/* The safe choice has the focus: Enter on a reflex does not delete. */}
          <button type="button" className="button" data-autofocus data-testid="cancel-delete" onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="button danger"
            disabled={busy}
            onClick={() => void confirm()}
            data-testid="confirm-delete"
          >
            Delete
          </button>
        </>
      }
    >
      <p>
        <strong>{profile.name}</strong> ({formatEndpoint(profile.host, profile.port)}) will be removed from the list
        {profile.hasSavedPassword ? ' and its saved password deleted from the keychain' : ''}.
      </p>
      {openTabs > 0 && (
        <p className="muted">
          Its {openTabs === 1 ? 'open console' : `${openTabs} open consoles`} will be disconnected; the output stays
          until you close {openTabs === 1 ? 'it' : 'them'}.
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}

/** Asks for the password of one connection: before opening, or to reconnect after a refused login. */
function PasswordDialog({
  profile,
  sessionId,
  attachTo,
  reason,
}: {
  profile: ProfileView;
  sessionId: string | undefined;
  /** A restored tab to connect in its place, rather than a new tab. */
  attachTo?: string;
  reason: string | undefined;
}) {
  const stores = useStores();
  const keychain = useProfiles((s) => s.keychain);
  const [password, setPassword] = useState('');
  const close = () => stores.ui.getState().closeDialog();
  const submit = () => {
    close();
    if (sessionId !== undefined) void stores.sessions.getState().reconnect(sessionId, password);
    else if (attachTo !== undefined) void attachTab(stores, attachTo, password);
    else void connectProfile(stores, profile.id, password);
  };
  const retry = sessionId !== undefined;
  return (
    <Modal
      title={retry ? `Reconnect to ${profile.name}` : `Connect to ${profile.name}`}
      onClose={close}
      width={420}
      footer={
        <>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" form="password-form" className="button primary" data-testid="password-submit">
            {retry ? 'Reconnect' : 'Connect'}
          </button>
        </>
      }
    >
      <form
        id="password-form"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        {reason !== undefined && <p data-testid="password-reason">{reason}</p>}
        {(retry || reason !== undefined) && (
          <p className="form-warning" data-testid="ban-warning">
            The password the server refused is not sent again. Check it before you try: repeated failed logins can get
            your address banned.
          </p>
        )}
        <p className="muted">RCON password for {formatEndpoint(profile.host, profile.port)}:</p>
        <div className="field">
          <input
            type="password"
            name="password"
            aria-label="Password"
            autoComplete="off"
            data-autofocus
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <span className="field-hint">
            {keychain?.available === false
              ? 'Used for this connection only: no keychain to save it in.'
              : 'Used for this connection only. To save it, edit the server.'}
          </span>
        </div>
      </form>
    </Modal>
  );
}

/** Several pasted lines: each becomes its own command, so the user sees them all before any is sent. */
function PasteDialog({ sessionId, commands }: { sessionId: string; commands: string[] }) {
  const stores = useStores();
  // A line that stops or restarts the server is marked, and Cancel takes the focus instead of Send.
  const [dangerous] = useState(() => commands.map((command) => needsConfirmation(stores, sessionId, command)));
  const anyDangerous = dangerous.some(Boolean);
  const close = () => stores.ui.getState().closeDialog();
  const send = () => {
    close();
    terminals.get(sessionId)?.scrollToBottom();
    void sendCommands(stores, sessionId, commands);
  };
  return (
    <Modal
      title={`Send ${commands.length} commands?`}
      onClose={close}
      width={520}
      footer={
        <>
          <button type="button" className="button" data-autofocus={anyDangerous || undefined} onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className={`button ${anyDangerous ? 'danger' : 'primary'}`}
            data-autofocus={anyDangerous ? undefined : true}
            data-testid="confirm-paste"
            onClick={send}
          >
            Send {commands.length} commands
          </button>
        </>
      }
    >
      <p className="muted">The pasted text has several lines. Each line is sent as its own command, in this order:</p>
      <ol className="paste-list">
        {commands.map((command, index) => (
          <li key={index} data-testid="paste-line" className={dangerous[index] ? 'destructive' : undefined}>
            {command}
            {dangerous[index] && ' — stops or restarts the server'}
          </li>
        ))}
      </ol>
      {anyDangerous && (
        <p className="form-warning" data-testid="paste-destructive">
          Some of these commands stop or restart the server.
        </p>
      )}
    </Modal>
  );
}

/** Every shortcut of the app, by where it works (lib/shortcuts.ts is the one list). */
function HelpDialog() {
  const stores = useStores();
  const mac = navigator.userAgent.includes('Mac');
  return (
    <Modal title="Keyboard shortcuts" onClose={() => stores.ui.getState().closeDialog()} width={620}>
      <div className="shortcut-sections" data-testid="shortcuts">
        {SHORTCUT_SECTIONS.map((section) => (
          <section key={section}>
            <h3 className="shortcut-section">{section}</h3>
            <table className="shortcut-table">
              <tbody>
                {SHORTCUTS.filter((shortcut) => shortcut.section === section).map((shortcut) => (
                  <tr key={shortcut.what} data-testid="shortcut">
                    <td>
                      {shortcut.chords.map((chord, index) => (
                        <span key={index}>
                          {index > 0 && ' / '}
                          {chordKeys(chord, mac).map((key, i) => (
                            <span key={`${key}-${i}`}>
                              {i > 0 && '+'}
                              <kbd>{key}</kbd>
                            </span>
                          ))}
                        </span>
                      ))}
                    </td>
                    <td>{shortcut.what}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
    </Modal>
  );
}
