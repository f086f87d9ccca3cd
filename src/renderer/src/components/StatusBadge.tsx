import { useEffect, useState } from 'react';
import type { SessionStatus } from '../../../shared/api';
import { statusText } from '../lib/format';

/** The current time, ticking every `intervalMs` while `enabled`. */
export function useNow(enabled: boolean, intervalMs = 500): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, intervalMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [enabled, intervalMs]);
  return now;
}

export function StatusDot({ status }: { status: SessionStatus }) {
  return <span className={`status-dot status-${status}`} aria-hidden="true" />;
}

export function StatusBadge({
  status,
  retryAt,
  attempt,
}: {
  status: SessionStatus;
  retryAt: number | undefined;
  /** The reconnect attempt due or under way, while retrying. */
  attempt?: number | undefined;
}) {
  const now = useNow(status === 'reconnecting' && retryAt !== undefined);
  return (
    <span
      className={`status-badge status-${status}`}
      data-testid="status-badge"
      data-status={status}
      data-attempt={attempt}
    >
      <StatusDot status={status} />
      {statusText(status, retryAt, now, attempt)}
    </span>
  );
}
