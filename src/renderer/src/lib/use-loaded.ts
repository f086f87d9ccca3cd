import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api';

/**
 * What `load` answers, loaded again whenever `load` changes (wrap it in useCallback with its
 * inputs) or reload() is called. An answer that arrives after a newer load started is dropped.
 */
export function useLoaded<T>(load: () => Promise<T>): {
  value: T | undefined;
  error: string | undefined;
  reload: () => void;
} {
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<{ value?: T; error?: string }>({});
  useEffect(() => {
    let current = true;
    load().then(
      (value) => current && setState({ value }),
      (error: unknown) => current && setState((previous) => ({ ...previous, error: errorMessage(error) })),
    );
    return () => {
      current = false;
    };
  }, [load, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { value: state.value, error: state.error, reload };
}
