import { useMemo, useState } from 'react';
import type { ProfileView } from '../../../shared/api';
import { isDestructiveCommand } from '../../../shared/destructive-commands';
import type { FleetTarget, ServerOutcome } from '../../../shared/fleet';
import { sanitizeServerText } from '../../../shared/server-text';
import { errorMessage, getApi } from '../api';
import type { BroadcastRun } from '../stores/fleet';
import { useFleet, useProfiles, useStores } from '../stores/context';
import { Modal } from './Modal';

/** The profiles a target names, in the sidebar's order. */
export function targetProfiles(profiles: readonly ProfileView[], target: FleetTarget): ProfileView[] {
  if (target.kind === 'group') return profiles.filter((p) => p.group === target.group);
  return profiles.filter((p) => target.profileIds.includes(p.id));
}

let broadcastCount = 0;
const newBroadcastId = (): string => `b-${Date.now().toString(36)}-${(broadcastCount += 1)}`;

/** One command to many servers: opt-outs, a confirmation, then one result pane per server. */
export function BroadcastView() {
  const stores = useStores();
  const profiles = useProfiles((s) => s.profiles);
  const chosen = useFleet((s) => s.broadcastDraft);
  const excluded = useMemo(() => new Set(chosen?.excluded ?? []), [chosen?.excluded]);
  const command = chosen?.command ?? '';
  const [confirming, setConfirming] = useState(false);
  const run = useFleet((s) =>
    s.broadcastDraft?.lastBroadcastId ? s.broadcasts[s.broadcastDraft.lastBroadcastId] : undefined,
  );
  const update = stores.fleet.getState().updateBroadcastDraft;

  const offered = useMemo(() => (chosen ? targetProfiles(profiles, chosen.target) : []), [profiles, chosen]);
  const sending = offered.filter((p) => !excluded.has(p.id));
  const trimmed = command.trim();

  if (!chosen) return <p className="fleet-empty">Choose a group or servers in the list to broadcast to.</p>;

  const toggle = (id: string) =>
    update({ excluded: excluded.has(id) ? chosen.excluded.filter((e) => e !== id) : [...chosen.excluded, id] });

  const send = () => {
    setConfirming(false);
    const broadcastId = newBroadcastId();
    const fleet = stores.fleet.getState();
    fleet.startBroadcast({ broadcastId, command: trimmed, profileIds: sending.map((p) => p.id) });
    const exclude = offered.filter((p) => excluded.has(p.id)).map((p) => p.id);
    getApi()
      .broadcast({ broadcastId, target: chosen.target, command: trimmed, exclude })
      .catch((error: unknown) => fleet.failBroadcast(broadcastId, errorMessage(error)));
  };

  return (
    <section className="fleet-view broadcast-view" aria-label="Broadcast" data-testid="broadcast-view">
      <div className="broadcast-indicator" role="status" data-testid="broadcast-indicator">
        Sending to {sending.length} server{sending.length === 1 ? '' : 's'}
        <span className="muted"> · {chosen.label}</span>
      </div>
      <fieldset className="broadcast-targets">
        <legend>Servers (untick to leave one out)</legend>
        {offered.map((profile) => (
          <label key={profile.id} className="broadcast-target">
            <input
              type="checkbox"
              checked={!excluded.has(profile.id)}
              onChange={() => toggle(profile.id)}
              aria-label={`Send to ${profile.name}`}
            />
            {profile.name}
          </label>
        ))}
      </fieldset>
      <form
        className="broadcast-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (trimmed !== '' && sending.length > 0) setConfirming(true);
        }}
      >
        <input
          className="broadcast-command"
          aria-label="Command to broadcast"
          placeholder="Command for every ticked server"
          value={command}
          onChange={(event) => update({ command: event.target.value })}
          spellCheck={false}
          autoComplete="off"
        />
        <button type="submit" className="button primary" disabled={trimmed === '' || sending.length === 0}>
          Send…
        </button>
      </form>
      {run && <BroadcastResults run={run} profiles={profiles} />}
      {confirming && (
        <ConfirmBroadcast command={trimmed} servers={sending} onCancel={() => setConfirming(false)} onSend={send} />
      )}
    </section>
  );
}

function ConfirmBroadcast(props: {
  command: string;
  servers: ProfileView[];
  onCancel: () => void;
  onSend: () => void;
}) {
  const destructive = isDestructiveCommand(props.command);
  const [typed, setTyped] = useState('');
  const count = `${props.servers.length} server${props.servers.length === 1 ? '' : 's'}`;
  // A command that stops servers must be typed again: a reflexive Enter cannot take a fleet down.
  const allowed = !destructive || typed.trim() === props.command;
  return (
    <Modal
      title={destructive ? `Stop or restart ${count}?` : `Send to ${count}?`}
      onClose={props.onCancel}
      width={460}
      className={destructive ? 'destructive-confirm' : undefined}
      footer={
        <>
          <button
            type="button"
            className="button"
            data-autofocus={destructive ? undefined : true}
            onClick={props.onCancel}
          >
            Cancel
          </button>
          <button
            type="button"
            className={`button ${destructive ? 'danger' : 'primary'}`}
            disabled={!allowed}
            onClick={props.onSend}
          >
            Send to {count}
          </button>
        </>
      }
    >
      <p>
        <code className="broadcast-confirm-command">{props.command}</code> goes to:
      </p>
      <ul className="broadcast-confirm-list" aria-label="Servers">
        {props.servers.map((profile) => (
          <li key={profile.id}>{profile.name}</li>
        ))}
      </ul>
      {destructive && (
        <div className="field">
          <p className="form-warning" role="alert">
            This command stops or restarts servers. Type it again to confirm.
          </p>
          <input
            aria-label="Type the command again to confirm"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            spellCheck={false}
            autoComplete="off"
          />
        </div>
      )}
    </Modal>
  );
}

/** One pane per server, side by side; each pending until its outcome event arrives. */
export function BroadcastResults({ run, profiles }: { run: BroadcastRun; profiles: readonly ProfileView[] }) {
  const names = new Map(profiles.map((p) => [p.id, p.name]));
  const ids = [...run.profileIds, ...Object.keys(run.outcomes).filter((id) => !run.profileIds.includes(id))];
  return (
    <div className="broadcast-results" aria-label="Results" data-testid="broadcast-results">
      {run.error && (
        <p className="form-error" role="alert">
          {run.error}
        </p>
      )}
      {ids.map((id) => (
        <OutcomePane key={id} name={run.outcomes[id]?.server ?? names.get(id) ?? id} outcome={run.outcomes[id]} />
      ))}
    </div>
  );
}

export function OutcomePane({ name, outcome }: { name: string; outcome: ServerOutcome | undefined }) {
  const status = outcome?.status ?? 'pending';
  const text = outcome?.status === 'ok' ? (outcome.answer ?? '') : (outcome?.error ?? '');
  return (
    <article
      className={`outcome-pane outcome-${status}`}
      aria-label={name}
      data-testid="outcome-pane"
      data-status={status}
    >
      <header>
        <span className="outcome-server">{name}</span>
        <span className="outcome-status">{status}</span>
        {outcome && <span className="muted">{outcome.durationMs} ms</span>}
      </header>
      <pre className="outcome-text">{sanitizeServerText(text)}</pre>
    </article>
  );
}
