import { describe, expect, it } from 'vitest';
import { createSidebarStore, SIDEBAR_DEFAULT_WIDTH, SIDEBAR_MAX_WIDTH, SIDEBAR_MIN_WIDTH } from './sidebar';

/** An in-memory Storage (vitest runs without a DOM here); it behaves as localStorage does. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

describe('the sidebar store', () => {
  it('starts with the defaults, and remembers width, folding and folded groups for the next start', () => {
    const storage = new MemoryStorage();
    const first = createSidebarStore(storage).getState();
    expect([first.width, first.collapsed, first.collapsedGroups]).toEqual([SIDEBAR_DEFAULT_WIDTH, false, []]);

    const store = createSidebarStore(storage);
    store.getState().setWidth(333.4);
    store.getState().setCollapsed(true);
    store.getState().setGroupCollapsed('EU', true);
    store.getState().setGroupCollapsed('EU', true);
    store.getState().setGroupCollapsed('', true);
    store.getState().setGroupCollapsed('EU', false);
    store.getState().setFilter('alpha');

    const next = createSidebarStore(storage).getState();
    expect([next.width, next.collapsed, next.collapsedGroups]).toEqual([333, true, ['']]);
    expect(next.filter).toBe(''); // the search is not remembered
  });

  it('keeps the width between its bounds', () => {
    const store = createSidebarStore(new MemoryStorage());
    store.getState().setWidth(5);
    expect(store.getState().width).toBe(SIDEBAR_MIN_WIDTH);
    store.getState().setWidth(5000);
    expect(store.getState().width).toBe(SIDEBAR_MAX_WIDTH);
    store.getState().setWidth(Number.NaN);
    expect(store.getState().width).toBe(SIDEBAR_DEFAULT_WIDTH);
  });

  it('starts with the defaults from damaged or foreign saved data', () => {
    for (const saved of [
      '{not json',
      '"a string"',
      'null',
      '{"width":"wide","collapsed":"yes","collapsedGroups":[1,"US"]}',
    ]) {
      const storage = new MemoryStorage();
      storage.setItem('rcon-desk.sidebar', saved);
      const state = createSidebarStore(storage).getState();
      expect([state.width, state.collapsed]).toEqual([SIDEBAR_DEFAULT_WIDTH, false]);
      expect(state.collapsedGroups).toEqual(saved.includes('US') ? ['US'] : []);
    }
  });

  it('opens the list when the search is asked for', () => {
    const store = createSidebarStore(undefined);
    store.getState().setCollapsed(true);
    store.getState().requestSearchFocus();
    expect(store.getState()).toMatchObject({ collapsed: false, searchFocusRequest: 1 });
  });
});
