import { describe, expect, it } from 'vitest';
import { tabLabels } from './tab-labels';

describe('tabLabels', () => {
  it('numbers further tabs of the same profile', () => {
    const labels = tabLabels([
      { sessionId: 's1', profileId: 'a', title: 'Alpha' },
      { sessionId: 's2', profileId: 'b', title: 'Beta' },
      { sessionId: 's3', profileId: 'a', title: 'Alpha' },
    ]);
    expect([...labels.values()]).toEqual(['Alpha', 'Beta', 'Alpha (2)']);
  });
});
