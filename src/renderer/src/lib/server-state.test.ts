import { describe, expect, it } from 'vitest';
import { serverState } from './server-state';

describe('serverState', () => {
  it('says "Not open" without a tab', () => {
    expect(serverState([])).toEqual({ state: 'closed', label: 'Not open', description: 'No console open' });
  });

  it('is the status of a single tab, authenticating counting as connecting', () => {
    expect(serverState(['connected']).state).toBe('connected');
    expect(serverState(['authenticating'])).toEqual({
      state: 'connecting',
      label: 'Connecting',
      description: 'Connecting',
    });
    expect(serverState(['reconnecting']).label).toBe('Reconnecting');
  });

  it('shows the worst of several tabs and counts them all', () => {
    expect(serverState(['connected', 'error', 'connected'])).toEqual({
      state: 'error',
      label: 'Error',
      description: '3 consoles: 1 error, 2 connected',
    });
    expect(serverState(['connected', 'reconnecting']).state).toBe('reconnecting');
    expect(serverState(['connected', 'connecting']).state).toBe('connecting');
    expect(serverState(['disconnected', 'connecting']).state).toBe('disconnected');
  });
});
