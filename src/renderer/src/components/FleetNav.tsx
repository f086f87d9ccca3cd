import type { FleetView } from '../stores/fleet';
import { useFleet, useProfiles, useStores } from '../stores/context';

const VIEWS: { view: FleetView; label: string; title: string }[] = [
  { view: 'consoles', label: 'Consoles', title: 'The open consoles' },
  { view: 'broadcast', label: 'Broadcast', title: 'Send one command to several servers' },
  { view: 'macros', label: 'Macros', title: 'Command sequences run on servers or groups' },
  { view: 'schedules', label: 'Schedules', title: 'Commands and macros run on a timer' },
  { view: 'audit', label: 'Audit log', title: 'Every command sent, by whom and how it went' },
];

/** Switches the workspace between the consoles and the fleet views. */
export function FleetNav() {
  const stores = useStores();
  const current = useFleet((s) => s.view);
  const profiles = useProfiles((s) => s.profiles);
  const open = (view: FleetView) => {
    const fleet = stores.fleet.getState();
    // Broadcast opened from here offers every server; unticking leaves some out.
    if (view === 'broadcast' && !fleet.broadcastDraft) {
      fleet.openBroadcast('All servers', { kind: 'profiles', profileIds: profiles.map((p) => p.id) });
    } else fleet.show(view);
  };
  return (
    <nav className="fleet-nav" aria-label="Views">
      {VIEWS.map(({ view, label, title }) => (
        <button
          key={view}
          type="button"
          className={`fleet-nav-button${current === view ? ' active' : ''}`}
          aria-current={current === view ? 'page' : undefined}
          title={title}
          onClick={() => open(view)}
        >
          {label}
        </button>
      ))}
    </nav>
  );
}
