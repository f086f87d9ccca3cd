import { describe, expect, it } from 'vitest';
import { CLOSED_TABS_KEPT, createClosedTabsStore } from './closed-tabs';

describe('closed tabs', () => {
  it('gives back the newest first and keeps only the last few', () => {
    const store = createClosedTabsStore();
    for (let n = 1; n <= CLOSED_TABS_KEPT + 2; n += 1) store.getState().push({ profileId: `p${n}`, label: `Tab ${n}` });
    expect(store.getState().closed).toHaveLength(CLOSED_TABS_KEPT);
    expect(store.getState().pop()?.label).toBe(`Tab ${CLOSED_TABS_KEPT + 2}`);
    expect(store.getState().pop()?.label).toBe(`Tab ${CLOSED_TABS_KEPT + 1}`);
    while (store.getState().pop()) {
      // empty the stack
    }
    expect(store.getState().pop()).toBeUndefined();
  });

  it('tells once whether a session showed output', () => {
    const store = createClosedTabsStore();
    store.getState().noteOutput('s1');
    expect(store.getState().takeHadOutput('s1')).toBe(true);
    expect(store.getState().takeHadOutput('s1')).toBe(false);
    expect(store.getState().takeHadOutput('s2')).toBe(false);
  });
});
