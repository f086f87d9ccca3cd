import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RconDeskApi } from '../../../shared/api';
import type { FleetEvent, FleetTarget, ScheduleRunSummary, ServerOutcome } from '../../../shared/fleet';

/** What the workspace shows: the consoles, or one of the fleet views. */
export type FleetView = 'consoles' | 'broadcast' | 'macros' | 'schedules' | 'audit';

/** A broadcast as the view shows it: outcomes fill in from `broadcast-outcome` events. */
export interface BroadcastRun {
  broadcastId: string;
  command: string;
  /** The servers it went to, in the order shown; each pending until its outcome arrives. */
  profileIds: string[];
  outcomes: Record<string, ServerOutcome>;
  /** Set when the broadcast call itself failed (bad target, nothing left to send to). */
  error?: string;
}

export interface BroadcastDraft {
  label: string;
  target: FleetTarget;
  /** Servers of the target the user opted out. */
  excluded: string[];
  command: string;
  /** The newest broadcast sent from this draft, whose results the view shows. */
  lastBroadcastId?: string;
}

export interface MacroRun {
  runId: string;
  macroName: string;
  step: number;
  steps: number;
  done?: 'done' | 'cancelled' | 'failed';
  error?: string;
  /** Per-server outcomes of the newest step that reported them. */
  outcomes: ServerOutcome[];
}

export interface FleetState {
  view: FleetView;
  /** The broadcast being prepared: kept while the user looks at other views. */
  broadcastDraft: BroadcastDraft | undefined;
  broadcasts: Record<string, BroadcastRun>;
  macroRuns: Record<string, MacroRun>;
  /** The newest run summary of each schedule, as pushed while the app is open. */
  scheduleRuns: Record<string, ScheduleRunSummary>;
  /** Bumped on every schedule run, so the schedules view reloads its list. */
  scheduleRunCount: number;
  show(view: FleetView): void;
  /** Opens the broadcast view on a new target; its opt-outs start empty. */
  openBroadcast(label: string, target: FleetTarget): void;
  updateBroadcastDraft(change: Partial<Pick<BroadcastDraft, 'excluded' | 'command'>>): void;
  startBroadcast(run: Omit<BroadcastRun, 'outcomes'>): void;
  failBroadcast(broadcastId: string, error: string): void;
  trackMacro(runId: string, macroName: string): void;
  /** Subscribes to the main process' fleet events; returns the unsubscribe function. */
  start(): () => void;
}

export type FleetStore = StoreApi<FleetState>;

export function createFleetStore(api: RconDeskApi): FleetStore {
  return createStore<FleetState>()((set) => {
    const apply = (event: FleetEvent): void => {
      switch (event.type) {
        case 'broadcast-outcome':
          set((state) => {
            // Outcomes may race ahead of startBroadcast: keep them until the run is known.
            const run = state.broadcasts[event.broadcastId] ?? {
              broadcastId: event.broadcastId,
              command: '',
              profileIds: [],
              outcomes: {},
            };
            const outcomes = { ...run.outcomes, [event.outcome.profileId]: event.outcome };
            return { broadcasts: { ...state.broadcasts, [event.broadcastId]: { ...run, outcomes } } };
          });
          break;
        case 'macro-progress':
          set((state) => {
            const previous = state.macroRuns[event.runId];
            const run: MacroRun = {
              runId: event.runId,
              macroName: event.macroName,
              step: event.step,
              steps: event.steps,
              done: event.done,
              error: event.error,
              outcomes: event.outcomes ?? previous?.outcomes ?? [],
            };
            return { macroRuns: { ...state.macroRuns, [event.runId]: run } };
          });
          break;
        case 'schedule-run':
          set((state) => ({
            scheduleRuns: { ...state.scheduleRuns, [event.scheduleId]: event.summary },
            scheduleRunCount: state.scheduleRunCount + 1,
          }));
          break;
      }
    };
    return {
      view: 'consoles',
      broadcastDraft: undefined,
      broadcasts: {},
      macroRuns: {},
      scheduleRuns: {},
      scheduleRunCount: 0,
      show(view) {
        set({ view });
      },
      openBroadcast(label, target) {
        set({ view: 'broadcast', broadcastDraft: { label, target, excluded: [], command: '' } });
      },
      updateBroadcastDraft(change) {
        set((state) => (state.broadcastDraft ? { broadcastDraft: { ...state.broadcastDraft, ...change } } : {}));
      },
      startBroadcast(run) {
        set((state) => {
          const early = state.broadcasts[run.broadcastId]?.outcomes ?? {};
          const broadcastDraft = state.broadcastDraft && { ...state.broadcastDraft, lastBroadcastId: run.broadcastId };
          return {
            broadcasts: { ...state.broadcasts, [run.broadcastId]: { ...run, outcomes: early } },
            broadcastDraft,
          };
        });
      },
      failBroadcast(broadcastId, error) {
        set((state) => {
          const run = state.broadcasts[broadcastId];
          return run ? { broadcasts: { ...state.broadcasts, [broadcastId]: { ...run, error } } } : {};
        });
      },
      trackMacro(runId, macroName) {
        set((state) =>
          state.macroRuns[runId]
            ? {}
            : { macroRuns: { ...state.macroRuns, [runId]: { runId, macroName, step: 0, steps: 0, outcomes: [] } } },
        );
      },
      start() {
        return api.onFleetEvent(apply);
      },
    };
  });
}
