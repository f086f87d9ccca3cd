import { useEffect, useRef } from 'react';
import type { ProfileView } from '../../../shared/api';
import { STATUS_INTERVALS_SECONDS } from '../stores/server-status';
import { useProfiles, useServerStatus, useStores } from '../stores/context';

/** Online or offline, players of max, map and ping: one line under a server's name in the sidebar. */
export function ServerStatusLine({ profileId }: { profileId: string }) {
  const status = useServerStatus((s) => s.statuses[profileId]);
  if (!status) {
    return (
      <span className="server-status unknown" data-testid="server-status" data-state="unknown">
        <span className="status-dot" aria-hidden="true" /> checking…
      </span>
    );
  }
  if (status.kind === 'unsupported') {
    return (
      <span
        className="server-status unknown"
        data-testid="server-status"
        data-state="unsupported"
        title={status.reason}
      >
        no status query
      </span>
    );
  }
  if (status.kind === 'offline') {
    return (
      <span className="server-status offline" data-testid="server-status" data-state="offline" title={status.reason}>
        <span className="status-dot" aria-hidden="true" /> offline
      </span>
    );
  }
  const { info } = status;
  const text = `${info.players}/${info.maxPlayers}${info.map ? ` · ${info.map}` : ''} · ${info.pingMs} ms`;
  return (
    <span
      className="server-status online"
      data-testid="server-status"
      data-state="online"
      title={`${info.name}${info.game ? ` (${info.game})` : ''}: ${info.players} of ${info.maxPlayers} players`}
    >
      <span className="status-dot" aria-hidden="true" /> {text}
    </span>
  );
}

/** Where a profile's status is asked: a change means asking again at once. */
function signature(profile: ProfileView): string {
  return [profile.host, profile.port, profile.queryPort ?? '', profile.game ?? '', profile.dialect].join('|');
}

/**
 * Polls every saved server's status while the window is visible (document.visibilityState), at
 * the chosen interval; a new or edited server is asked at once. Renders nothing.
 */
export function StatusPoller() {
  const stores = useStores();
  const profiles = useProfiles((s) => s.profiles);
  const intervalSeconds = useServerStatus((s) => s.intervalSeconds);
  const signatures = useRef(new Map<string, string>());

  useEffect(() => {
    const changed = profiles.filter((profile) => signatures.current.get(profile.id) !== signature(profile));
    signatures.current = new Map(profiles.map((profile) => [profile.id, signature(profile)]));
    stores.status.getState().keepOnly(profiles.map((profile) => profile.id));
    if (changed.length > 0 && intervalSeconds > 0 && document.visibilityState === 'visible') {
      void stores.status.getState().check(changed);
    }
  }, [profiles, stores, intervalSeconds]);

  useEffect(() => {
    if (intervalSeconds === 0) return;
    let timer: number | undefined;
    const checkAll = () => void stores.status.getState().check(stores.profiles.getState().profiles);
    const stop = () => {
      if (timer !== undefined) window.clearInterval(timer);
      timer = undefined;
    };
    const start = () => {
      stop();
      timer = window.setInterval(checkAll, intervalSeconds * 1000);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') {
        checkAll();
        start();
      } else {
        stop();
      }
    };
    if (document.visibilityState === 'visible') start();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [intervalSeconds, stores]);

  return null;
}

const INTERVAL_LABELS: Record<number, string> = { 15: '15 s', 30: '30 s', 60: '1 min', 300: '5 min', 0: 'off' };

/** How often the sidebar asks for status; kept in the window's local storage. */
export function StatusIntervalPicker() {
  const stores = useStores();
  const intervalSeconds = useServerStatus((s) => s.intervalSeconds);
  return (
    <label className="status-interval muted small-text" title="How often each server is asked for its status">
      Status
      <select
        data-testid="status-interval"
        value={intervalSeconds}
        onChange={(event) => stores.status.getState().setIntervalSeconds(Number(event.target.value))}
      >
        {STATUS_INTERVALS_SECONDS.map((seconds) => (
          <option key={seconds} value={seconds}>
            {INTERVAL_LABELS[seconds]}
          </option>
        ))}
      </select>
    </label>
  );
}
