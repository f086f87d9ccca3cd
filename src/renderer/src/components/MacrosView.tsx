import { useCallback, useState } from 'react';
import type { FleetTarget, Macro } from '../../../shared/fleet';
import { formatMacroText, parseMacroText } from '../../../shared/macro-text';
import { errorMessage, getApi } from '../api';
import { useLoaded } from '../lib/use-loaded';
import { useFleet, useStores } from '../stores/context';
import type { MacroRun } from '../stores/fleet';
import { OutcomePane } from './BroadcastView';
import { TargetPicker, targetIsEmpty } from './TargetPicker';

interface Draft {
  id?: string;
  name: string;
  text: string;
}

const EMPTY: Draft = { name: '', text: '' };

/** Macros: a list, an editor (steps one a line), and running one on servers with progress. */
export function MacrosView() {
  const stores = useStores();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<string[]>([]);
  const [target, setTarget] = useState<FleetTarget>({ kind: 'profiles', profileIds: [] });
  const [runId, setRunId] = useState<string | undefined>();
  const run = useFleet((s) => (runId ? s.macroRuns[runId] : undefined));

  const listMacros = useCallback(() => getApi().listMacros(), []);
  const loaded = useLoaded(listMacros);
  const macros = loaded.value ?? [];
  const reload = loaded.reload;

  const save = async () => {
    const parsed = parseMacroText(draft.text);
    const problems = [
      ...(draft.name.trim() === '' ? ['Give the macro a name.'] : []),
      ...(parsed.ok ? [] : parsed.errors),
    ];
    if (problems.length > 0 || !parsed.ok) return setErrors(problems);
    try {
      const saved = await getApi().saveMacro({ id: draft.id, name: draft.name.trim(), steps: parsed.steps });
      setDraft({ id: saved.id, name: saved.name, text: formatMacroText(saved.steps) });
      setErrors([]);
      stores.ui.getState().notify(`Saved macro ${saved.name}`);
      reload();
    } catch (error) {
      setErrors([errorMessage(error)]);
    }
  };

  const remove = async (macro: Macro) => {
    try {
      await getApi().deleteMacro(macro.id);
      if (draft.id === macro.id) setDraft(EMPTY);
      reload();
    } catch (error) {
      setErrors([errorMessage(error)]);
    }
  };

  const start = async () => {
    if (!draft.id) return;
    try {
      const { runId: started } = await getApi().startMacro({ macroId: draft.id, target });
      stores.fleet.getState().trackMacro(started, draft.name);
      setRunId(started);
      setErrors([]);
    } catch (error) {
      setErrors([errorMessage(error)]);
    }
  };

  return (
    <section className="fleet-view macros-view" aria-label="Macros" data-testid="macros-view">
      <div className="fleet-columns">
        <div className="fleet-list">
          <button type="button" className="button small" onClick={() => (setDraft(EMPTY), setErrors([]))}>
            New macro
          </button>
          <ul aria-label="Saved macros">
            {macros.map((macro) => (
              <li key={macro.id} className={macro.id === draft.id ? 'selected' : undefined}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    setDraft({ id: macro.id, name: macro.name, text: formatMacroText(macro.steps) });
                    setErrors([]);
                  }}
                >
                  {macro.name}
                </button>
                <span className="muted">{macro.steps.length} steps</span>
                <button
                  type="button"
                  className="link-button danger"
                  aria-label={`Delete macro ${macro.name}`}
                  onClick={() => void remove(macro)}
                >
                  Delete
                </button>
              </li>
            ))}
          </ul>
        </div>
        <div className="fleet-editor">
          <div className="field">
            <label htmlFor="macro-name">Name</label>
            <input
              id="macro-name"
              value={draft.name}
              onChange={(event) => setDraft({ ...draft, name: event.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="macro-steps">Steps, one a line: a command, or wait 240 / wait 4m for a pause</label>
            <textarea
              id="macro-steps"
              rows={8}
              spellCheck={false}
              value={draft.text}
              onChange={(event) => setDraft({ ...draft, text: event.target.value })}
            />
          </div>
          {loaded.error && (
            <p className="form-error" role="alert">
              Could not load the macros: {loaded.error}
            </p>
          )}
          {errors.length > 0 && (
            <ul className="form-error" role="alert" aria-label="Problems">
              {errors.map((error) => (
                <li key={error}>{error}</li>
              ))}
            </ul>
          )}
          <button type="button" className="button primary" onClick={() => void save()}>
            Save macro
          </button>
          {draft.id && (
            <div className="macro-run">
              <TargetPicker value={target} onChange={setTarget} />
              <button type="button" className="button" disabled={targetIsEmpty(target)} onClick={() => void start()}>
                Run {draft.name}
              </button>
            </div>
          )}
          {run && <MacroProgress run={run} />}
        </div>
      </div>
    </section>
  );
}

function MacroProgress({ run }: { run: MacroRun }) {
  const [cancelling, setCancelling] = useState(false);
  // Events count steps from 0 while running; the last one says how many were completed.
  const state = run.done
    ? `${run.done} after ${run.step} of ${run.steps} steps`
    : run.steps === 0
      ? 'starting'
      : `step ${Math.min(run.step + 1, run.steps)} of ${run.steps}`;
  return (
    <div className="macro-progress" data-testid="macro-progress" data-done={run.done ?? ''}>
      <p role="status">
        {run.macroName}: {state}
        {run.error ? ` — ${run.error}` : ''}
      </p>
      {!run.done && (
        <button
          type="button"
          className="button danger"
          disabled={cancelling}
          onClick={() => {
            setCancelling(true);
            void getApi()
              .cancelMacro(run.runId)
              .finally(() => setCancelling(false));
          }}
        >
          Cancel run
        </button>
      )}
      <div className="broadcast-results">
        {run.outcomes.map((outcome) => (
          <OutcomePane key={outcome.profileId} name={outcome.server} outcome={outcome} />
        ))}
      </div>
    </div>
  );
}
