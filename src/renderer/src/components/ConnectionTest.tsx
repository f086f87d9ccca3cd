import { useState } from 'react';
import type { ConnectionTestResult, TestConnectionRequest } from '../../../shared/api';
import { errorMessage, getApi } from '../api';

const MARKS = { ok: '✓', warning: '!', failed: '✗', skipped: '–' } as const;

type TestState =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; result: ConnectionTestResult }
  | { kind: 'error'; message: string };

/**
 * "Test connection" in the profile editor: the engine's step-by-step check of the server as typed,
 * each step in words and the likely fix. `request` is undefined while host or port are invalid.
 */
export function ConnectionTest({ request }: { request: TestConnectionRequest | undefined }) {
  const [state, setState] = useState<TestState>({ kind: 'idle' });
  const run = async () => {
    if (!request) return;
    setState({ kind: 'running' });
    try {
      setState({ kind: 'done', result: await getApi().testConnection(request) });
    } catch (error) {
      setState({ kind: 'error', message: errorMessage(error) });
    }
  };
  return (
    <div className="connection-test">
      <button
        type="button"
        className="button"
        disabled={!request || state.kind === 'running'}
        onClick={() => void run()}
        data-testid="test-connection"
      >
        {state.kind === 'running' ? 'Testing…' : 'Test connection'}
      </button>
      {state.kind === 'error' && (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      )}
      {state.kind === 'done' && (
        <div role="status" data-testid="connection-test-result">
          <ul className="connection-test-steps">
            {state.result.steps.map((step) => (
              <li key={step.id} className={`step-${step.verdict}`}>
                <span aria-hidden="true">{MARKS[step.verdict]}</span> {step.text}
              </li>
            ))}
          </ul>
          {state.result.fix && <p className="connection-test-fix">Likely fix: {state.result.fix}</p>}
        </div>
      )}
    </div>
  );
}
