import { afterEach } from 'vitest';

/**
 * Registers what a test opened (servers, clients, sockets) to be closed after it, last opened
 * first, so a failing assertion never leaves a port or a timer behind for the next test.
 */
export function useCleanups(): (cleanup: () => Promise<void>) => void {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return (cleanup) => {
    cleanups.push(cleanup);
  };
}
