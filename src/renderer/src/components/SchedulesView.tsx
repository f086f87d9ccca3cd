import { useCallback, useState } from 'react';
import type { Macro, ScheduleAction, ScheduleDraft, ScheduleView } from '../../../shared/fleet';
import { errorMessage, getApi } from '../api';
import { useLoaded } from '../lib/use-loaded';
import { useFleet, useProfiles } from '../stores/context';
import { TargetPicker, targetIsEmpty } from './TargetPicker';

const NEW_SCHEDULE: ScheduleDraft = {
  name: '',
  target: { kind: 'profiles', profileIds: [] },
  action: { kind: 'command', command: '' },
  timing: { kind: 'interval', minutes: 60 },
  enabled: true,
};

const formatTime = (epochMs: number): string => new Date(epochMs).toLocaleString();

/** Schedules: each with its next run and how the last one went; create, edit, delete. */
export function SchedulesView() {
  const [draft, setDraft] = useState<ScheduleDraft | undefined>();
  const [error, setError] = useState<string | undefined>();
  const runs = useFleet((s) => s.scheduleRunCount);
  const profiles = useProfiles((s) => s.profiles);

  // Reloaded after every schedule run, so next and last runs stay current.
  const loadAll = useCallback(() => Promise.all([getApi().listSchedules(), getApi().listMacros(), runs]), [runs]);
  const loaded = useLoaded(loadAll);
  const [schedules, macros] = loaded.value ?? [[], []];
  const reload = loaded.reload;

  const save = async () => {
    if (!draft) return;
    const problem = checkDraft(draft);
    if (problem) return setError(problem);
    try {
      // Only the schedule's own fields: a listed one also carries its next and last run.
      const { id, name, target, action, timing, enabled } = draft;
      await getApi().saveSchedule({ id, name: name.trim(), target, action, timing, enabled });
      setDraft(undefined);
      setError(undefined);
      reload();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };

  const remove = async (id: string) => {
    try {
      await getApi().deleteSchedule(id);
      reload();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };

  const describeTarget = (schedule: ScheduleView): string =>
    schedule.target.kind === 'group'
      ? `group ${schedule.target.group}`
      : schedule.target.profileIds.map((id) => profiles.find((p) => p.id === id)?.name ?? '(deleted)').join(', ');

  return (
    <section className="fleet-view schedules-view" aria-label="Schedules" data-testid="schedules-view">
      <button type="button" className="button small" onClick={() => (setDraft(NEW_SCHEDULE), setError(undefined))}>
        New schedule
      </button>
      <table className="fleet-table" aria-label="Schedules">
        <thead>
          <tr>
            <th>Name</th>
            <th>Target</th>
            <th>Does</th>
            <th>When</th>
            <th>Next run</th>
            <th>Last run</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {schedules.map((schedule) => (
            <tr key={schedule.id} data-testid="schedule-row">
              <td>{schedule.name}</td>
              <td>{describeTarget(schedule)}</td>
              <td>{describeAction(schedule.action, macros)}</td>
              <td>
                {schedule.timing.kind === 'interval'
                  ? `every ${schedule.timing.minutes} min`
                  : `daily at ${schedule.timing.time}`}
              </td>
              <td data-testid="schedule-next">
                {schedule.enabled ? (schedule.nextRunAt ? formatTime(schedule.nextRunAt) : '—') : 'disabled'}
              </td>
              <td>
                {schedule.lastRun
                  ? `${schedule.lastRun.status} (${schedule.lastRun.answered}/${schedule.lastRun.servers}) ${formatTime(schedule.lastRun.startedAt)}${schedule.lastRun.error ? ` — ${schedule.lastRun.error}` : ''}`
                  : 'never'}
              </td>
              <td>
                <button type="button" className="link-button" onClick={() => setDraft(schedule)}>
                  Edit
                </button>{' '}
                <button type="button" className="link-button danger" onClick={() => void remove(schedule.id)}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {loaded.error && (
        <p className="form-error" role="alert">
          Could not load the schedules: {loaded.error}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {draft && (
        <ScheduleEditor
          draft={draft}
          macros={macros}
          onChange={setDraft}
          onSave={() => void save()}
          onCancel={() => setDraft(undefined)}
        />
      )}
    </section>
  );
}

function describeAction(action: ScheduleAction, macros: readonly Macro[]): string {
  if (action.kind === 'command') return action.command;
  return `macro ${macros.find((m) => m.id === action.macroId)?.name ?? '(deleted)'}`;
}

/** What is wrong with a draft, in words; undefined when it can be saved. */
function checkDraft(draft: ScheduleDraft): string | undefined {
  if (draft.name.trim() === '') return 'Give the schedule a name.';
  if (targetIsEmpty(draft.target)) return 'Choose a group or at least one server.';
  if (draft.action.kind === 'command' && draft.action.command.trim() === '') return 'Write the command to send.';
  if (draft.action.kind === 'macro' && draft.action.macroId === '') return 'Choose a macro.';
  if (
    draft.timing.kind === 'interval' &&
    !(Number.isInteger(draft.timing.minutes) && draft.timing.minutes >= 1 && draft.timing.minutes <= 10_080)
  ) {
    return 'Every N minutes: N is a whole number from 1 to 10080 (a week).';
  }
  if (draft.timing.kind === 'daily' && !/^([01]\d|2[0-3]):[0-5]\d$/.test(draft.timing.time)) {
    return 'Daily at: write the time as HH:MM, e.g. 04:30.';
  }
  return undefined;
}

function ScheduleEditor(props: {
  draft: ScheduleDraft;
  macros: Macro[];
  onChange: (draft: ScheduleDraft) => void;
  onSave: () => void;
  onCancel: () => void;
}) {
  const { draft, macros, onChange } = props;
  return (
    <form
      className="fleet-editor schedule-editor"
      aria-label="Schedule"
      onSubmit={(event) => {
        event.preventDefault();
        props.onSave();
      }}
    >
      <div className="field">
        <label htmlFor="schedule-name">Name</label>
        <input id="schedule-name" value={draft.name} onChange={(e) => onChange({ ...draft, name: e.target.value })} />
      </div>
      <TargetPicker value={draft.target} onChange={(target) => onChange({ ...draft, target })} />
      <div className="field">
        <label htmlFor="schedule-action">Action</label>
        <select
          id="schedule-action"
          value={draft.action.kind}
          onChange={(e) =>
            onChange({
              ...draft,
              action:
                e.target.value === 'macro'
                  ? { kind: 'macro', macroId: macros[0]?.id ?? '' }
                  : { kind: 'command', command: '' },
            })
          }
        >
          <option value="command">Send a command</option>
          <option value="macro">Run a macro</option>
        </select>
        {draft.action.kind === 'command' ? (
          <input
            aria-label="Command"
            value={draft.action.command}
            onChange={(e) => onChange({ ...draft, action: { kind: 'command', command: e.target.value } })}
          />
        ) : (
          <select
            aria-label="Macro"
            value={draft.action.macroId}
            onChange={(e) => onChange({ ...draft, action: { kind: 'macro', macroId: e.target.value } })}
          >
            {macros.map((macro) => (
              <option key={macro.id} value={macro.id}>
                {macro.name}
              </option>
            ))}
          </select>
        )}
      </div>
      <div className="field">
        <label htmlFor="schedule-timing">When</label>
        <select
          id="schedule-timing"
          value={draft.timing.kind}
          onChange={(e) =>
            onChange({
              ...draft,
              timing: e.target.value === 'daily' ? { kind: 'daily', time: '04:00' } : { kind: 'interval', minutes: 60 },
            })
          }
        >
          <option value="interval">Every N minutes</option>
          <option value="daily">Daily at HH:MM</option>
        </select>
        {draft.timing.kind === 'interval' ? (
          <input
            aria-label="Minutes"
            type="number"
            min={1}
            value={Number.isNaN(draft.timing.minutes) ? '' : draft.timing.minutes}
            onChange={(e) => onChange({ ...draft, timing: { kind: 'interval', minutes: e.target.valueAsNumber } })}
          />
        ) : (
          <input
            aria-label="Time of day"
            placeholder="HH:MM"
            value={draft.timing.time}
            onChange={(e) => onChange({ ...draft, timing: { kind: 'daily', time: e.target.value } })}
          />
        )}
      </div>
      <label>
        <input
          type="checkbox"
          checked={draft.enabled}
          onChange={(e) => onChange({ ...draft, enabled: e.target.checked })}
        />
        Enabled
      </label>
      <div className="fleet-buttons">
        <button type="submit" className="button primary">
          Save schedule
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
