import type { FleetView } from '../stores/fleet';
import { AuditView } from './AuditView';
import { BroadcastView } from './BroadcastView';
import { MacrosView } from './MacrosView';
import { SchedulesView } from './SchedulesView';

/** The fleet view the workspace shows in place of the consoles. */
export function FleetViewHost({ view }: { view: Exclude<FleetView, 'consoles'> }) {
  switch (view) {
    case 'broadcast':
      return <BroadcastView />;
    case 'macros':
      return <MacrosView />;
    case 'schedules':
      return <SchedulesView />;
    case 'audit':
      return <AuditView />;
  }
}
