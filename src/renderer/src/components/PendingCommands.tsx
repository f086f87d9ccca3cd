import type { PendingCommand } from '../stores/sessions';
import { useNow } from './StatusBadge';

/** A command answered within this long is not worth a chip: it would only flicker. */
const SHOW_AFTER_MS = 1_000;
/** Long commands are cut in the chip; the whole one is in its title. */
const MAX_CHIP_CHARS = 40;

/**
 * The commands of a console still waiting for their answer, each with how long it has waited,
 * counting up live ("status · 3 s"), just above the command line.
 */
export function PendingCommands({ pending }: { pending: readonly PendingCommand[] }) {
  const now = useNow(pending.length > 0);
  const waiting = pending.filter((p) => now - p.sentAt >= SHOW_AFTER_MS);
  if (waiting.length === 0) return null;
  return (
    <div className="pending-commands" data-testid="pending-commands" aria-label="Commands waiting for an answer">
      <span className="pending-label">Waiting for</span>
      {waiting.map((p) => (
        <span key={p.id} className="pending-chip" data-testid="pending-command" title={p.command}>
          <span className="pending-command">
            {p.command.length > MAX_CHIP_CHARS ? `${p.command.slice(0, MAX_CHIP_CHARS - 1)}…` : p.command}
          </span>
          <span className="pending-elapsed">{formatElapsed(now - p.sentAt)}</span>
        </span>
      ))}
    </div>
  );
}

/** Whole seconds waited so far, counting up: "1 s", "75 s". */
function formatElapsed(ms: number): string {
  return `${Math.floor(Math.max(0, ms) / 1000)} s`;
}
