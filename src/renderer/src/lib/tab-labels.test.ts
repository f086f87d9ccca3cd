import { describe, expect, it } from 'vitest';
import { nextCopyNumber, splitLabels, tabLabels } from './tab-labels';

describe('tabLabels', () => {
  it('numbers further tabs of the same profile', () => {
    const labels = tabLabels([
      { sessionId: 's1', profileId: 'a', title: 'Alpha' },
      { sessionId: 's2', profileId: 'b', title: 'Beta' },
      { sessionId: 's3', profileId: 'a', title: 'Alpha' },
    ]);
    expect([...labels.values()]).toEqual(['Alpha', 'Beta', 'Alpha (2)']);
  });

  it('keeps a tab its own number when an earlier tab of the server closes', () => {
    const labels = tabLabels([
      { sessionId: 's2', profileId: 'a', title: 'Alpha', copy: 2 },
      { sessionId: 's3', profileId: 'a', title: 'Alpha', copy: 3 },
    ]);
    expect([...labels.values()]).toEqual(['Alpha (2)', 'Alpha (3)']);
  });

  it('gives a new tab the smallest free number', () => {
    const tabs = [
      { sessionId: 's2', profileId: 'a', title: 'Alpha', copy: 2 },
      { sessionId: 's9', profileId: 'b', title: 'Beta', copy: 1 },
    ];
    expect(nextCopyNumber(tabs, 'a')).toBe(1);
    expect(nextCopyNumber([...tabs, { sessionId: 's4', profileId: 'a', title: 'Alpha', copy: 1 }], 'a')).toBe(3);
    expect(nextCopyNumber(tabs, 'c')).toBe(1);
  });
});

describe('splitLabels', () => {
  it('keeps the part that tells labels with a shared start apart', () => {
    expect(splitLabels(['CS2 community 07', 'CS2 community 08', 'Minecraft', 'CS2 server', 'CS2 server (2)'])).toEqual([
      { head: 'CS2 community ', tail: '07' },
      { head: 'CS2 community ', tail: '08' },
      { head: 'Minecraft', tail: '' },
      { head: 'CS2 ', tail: 'server' },
      { head: 'CS2 server ', tail: '(2)' },
    ]);
  });

  it('keeps a label whole when a shared start has no word break', () => {
    expect(splitLabels(['Alphaville', 'Alphabet'])).toEqual([
      { head: '', tail: 'Alphaville' },
      { head: '', tail: 'Alphabet' },
    ]);
  });
});
