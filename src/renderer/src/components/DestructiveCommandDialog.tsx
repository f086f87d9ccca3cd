import { formatEndpoint } from '../lib/format';
import { useProfiles, useSessions, useStores } from '../stores/context';
import { terminals } from '../terminal/registry';
import { Modal } from './Modal';

/**
 * Asks before a console sends a command that stops or restarts its server. Cancel has the focus,
 * so an Enter pressed on a reflex sends nothing.
 */
export function DestructiveCommandDialog({
  sessionId,
  command,
  onCancel,
}: {
  sessionId: string;
  command: string;
  /** Called when the command is not sent (Cancel, Esc, the close button). */
  onCancel?: (() => void) | undefined;
}) {
  const stores = useStores();
  const tab = useSessions((s) => s.tabs.find((t) => t.sessionId === sessionId));
  const profile = useProfiles((s) => (tab ? s.profiles.find((p) => p.id === tab.profileId) : undefined));
  const name = profile?.name ?? tab?.title ?? 'this server';
  const close = () => stores.ui.getState().closeDialog();
  const cancel = () => {
    close();
    onCancel?.();
  };
  const send = () => {
    close();
    terminals.get(sessionId)?.scrollToBottom();
    void stores.sessions.getState().send(sessionId, command);
  };
  return (
    <Modal
      title={`Send “${command.split(/\s+/, 1)[0]}” to ${name}?`}
      onClose={cancel}
      width={460}
      footer={
        <>
          <button type="button" className="button" data-autofocus data-testid="cancel-destructive" onClick={cancel}>
            Cancel
          </button>
          <button type="button" className="button danger" data-testid="confirm-destructive" onClick={send}>
            Send to {name}
          </button>
        </>
      }
    >
      <p>
        This command stops or restarts <strong>{name}</strong>
        {profile ? ` (${formatEndpoint(profile.host, profile.port)})` : ''}: its players are disconnected.
      </p>
      <p className="destructive-command" data-testid="destructive-command">
        {command}
      </p>
      <p className="muted">The server&apos;s settings can turn this question off.</p>
    </Modal>
  );
}
