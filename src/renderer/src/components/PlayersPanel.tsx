import { useCallback, useEffect, useState } from 'react';
import type { PlayerRow } from '../../../shared/player-list';
import type { PlayerActionKind, PlayersView } from '../../../shared/server-status';
import { errorMessage, getApi } from '../api';
import { formatDuration } from '../../../shared/format-duration';
import { useStores } from '../stores/context';
import { CloseIcon, RefreshIcon } from './icons';
import { IconButton } from './IconButton';
import { Modal } from './Modal';

const ACTION_LABELS: Record<PlayerActionKind, string> = { kick: 'Kick', ban: 'Ban', message: 'Message' };

/** The open server's players: the query's list merged with the game's own, with actions per player. */
export function PlayersPanel({
  sessionId,
  connected,
  onClose,
}: {
  sessionId: string;
  connected: boolean;
  onClose: () => void;
}) {
  const [view, setView] = useState<PlayersView | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState<{ action: PlayerActionKind; player: PlayerRow } | undefined>(undefined);

  const refresh = useCallback(async () => {
    setLoading(true);
    try {
      setView(await getApi().listPlayers(sessionId));
      setError(undefined);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setLoading(false);
    }
  }, [sessionId]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- loading the list when the panel opens or reconnects
    if (connected) void refresh();
  }, [connected, refresh]);

  const actions = view ? (['kick', 'ban', 'message'] as const).filter((action) => view.actions[action]) : [];

  return (
    <aside className="players-panel" aria-label="Players" data-testid="players-panel" aria-busy={loading}>
      <header className="players-header">
        <h3>
          Players{view ? ` (${view.rows.length})` : ''}
          {loading && <span className="muted small-text"> loading…</span>}
        </h3>
        <IconButton
          icon={RefreshIcon}
          className="tool-button"
          title="Refresh the list"
          label="Refresh players"
          data-testid="players-refresh"
          disabled={!connected || loading}
          onClick={() => void refresh()}
        />
        <IconButton icon={CloseIcon} className="tool-button" title="Close" label="Close players" onClick={onClose} />
      </header>
      {!connected && <p className="muted players-note">Connect to see the players.</p>}
      {error && (
        <p className="players-problem" role="alert">
          {error}
        </p>
      )}
      {view?.queryProblem && <p className="players-problem">Query: {view.queryProblem}</p>}
      {view?.listProblem && <p className="players-problem">RCON list: {view.listProblem}</p>}
      {view && view.rows.length === 0 && !view.queryProblem && <p className="muted players-note">Nobody is on.</p>}
      {view && view.rows.length > 0 && (
        <table className="players-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Score</th>
              <th>Time</th>
              <th>Ping</th>
              <th>SteamID / IP</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row, index) => (
              <tr key={`${index}-${row.name}`} data-testid="player-row" data-player={row.name}>
                <td className="player-name">{row.name}</td>
                <td>{row.score ?? '–'}</td>
                <td>{formatDuration(row.durationSeconds, '–')}</td>
                <td>{row.pingMs === undefined ? '–' : `${row.pingMs} ms`}</td>
                <td className="player-ids">
                  {row.steamId && <span>{row.steamId}</span>}
                  {row.address && <span className="muted">{row.address}</span>}
                </td>
                <td className="player-actions">
                  {actions.map((action) => (
                    <button
                      key={action}
                      type="button"
                      className={`button small${action === 'ban' ? ' danger' : ''}`}
                      data-testid={`player-${action}`}
                      disabled={!connected}
                      onClick={() => setPending({ action, player: row })}
                    >
                      {ACTION_LABELS[action]}
                    </button>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view?.note && <p className="muted small-text players-note">{view.note}</p>}
      {pending && view && (
        <ConfirmPlayerAction
          sessionId={sessionId}
          action={pending.action}
          player={pending.player}
          banTakesMinutes={view.actions.banTakesMinutes}
          onDone={(sent) => {
            setPending(undefined);
            if (sent) void refresh();
          }}
        />
      )}
    </aside>
  );
}

/** Asks before acting, with the reason, duration or message the action takes. */
function ConfirmPlayerAction({
  sessionId,
  action,
  player,
  banTakesMinutes,
  onDone,
}: {
  sessionId: string;
  action: PlayerActionKind;
  player: PlayerRow;
  banTakesMinutes: boolean;
  onDone: (sent: boolean) => void;
}) {
  const stores = useStores();
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState('0');
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [sending, setSending] = useState(false);

  const confirm = async () => {
    const minutesValue = Number(minutes);
    if (action === 'ban' && banTakesMinutes && (!/^\d+$/.test(minutes.trim()) || !Number.isSafeInteger(minutesValue))) {
      setError('The duration must be a whole number of minutes (0 for good).');
      return;
    }
    if (action === 'message' && message.trim() === '') {
      setError('Write the message first.');
      return;
    }
    setSending(true);
    try {
      const { commands } = await getApi().playerAction({
        sessionId,
        action,
        player: {
          name: player.name,
          ...(player.userId !== undefined ? { userId: player.userId } : {}),
          ...(player.steamId ? { steamId: player.steamId } : {}),
        },
        ...(action !== 'message' && reason.trim() !== '' ? { reason: reason.trim() } : {}),
        ...(action === 'ban' && banTakesMinutes ? { minutes: minutesValue } : {}),
        ...(action === 'message' ? { message: message.trim() } : {}),
      });
      stores.ui.getState().notify(`Sent: ${commands.join(' ; ')}`);
      onDone(true);
    } catch (failure) {
      setError(errorMessage(failure));
      setSending(false);
    }
  };

  const title = `${ACTION_LABELS[action]} ${player.name}?`;
  return (
    <Modal
      title={title}
      onClose={() => onDone(false)}
      footer={
        <>
          <button type="button" className="button" onClick={() => onDone(false)}>
            Cancel
          </button>
          <button
            type="button"
            className={`button ${action === 'message' ? 'primary' : 'danger'}`}
            data-testid="confirm-player-action"
            disabled={sending}
            onClick={() => void confirm()}
          >
            {ACTION_LABELS[action]}
          </button>
        </>
      }
    >
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          void confirm();
        }}
      >
        {action !== 'message' && (
          <div className="field">
            <label htmlFor="player-reason">Reason (optional)</label>
            <input
              id="player-reason"
              data-testid="player-reason"
              data-autofocus
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
        )}
        {action === 'ban' &&
          (banTakesMinutes ? (
            <div className="field">
              <label htmlFor="player-minutes">Duration in minutes (0 for good)</label>
              <input
                id="player-minutes"
                data-testid="player-minutes"
                inputMode="numeric"
                value={minutes}
                onChange={(e) => setMinutes(e.target.value)}
              />
            </div>
          ) : (
            <p className="muted small-text">This game bans for good.</p>
          ))}
        {action === 'message' && (
          <div className="field">
            <label htmlFor="player-message">Message</label>
            <input
              id="player-message"
              data-autofocus
              data-testid="player-message"
              value={message}
              maxLength={500}
              onChange={(e) => setMessage(e.target.value)}
            />
          </div>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Modal>
  );
}
