/**
 * The server list (issue 11, "The sidebar" and "Keyboard"): each server's live console state, the
 * search box, folding groups, resizing and folding the list, reordering servers, groups and tabs
 * by dragging and from the keyboard, and walking the list with the arrow keys.
 * The built renderer in Chromium over the real bridge, the real services and reference servers.
 * The tests share one window and run in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferenceServer } from '../../src/reference-server/server';
import { DEFAULT_TIMEOUT_MS, Harness, poll } from './harness';

let h: Harness;
let server: ReferenceServer;
/** Charlie's own server, stopped by the first test. */
let charlieServer: ReferenceServer;
const ids = new Map<string, string>();

beforeAll(async () => {
  // One retry after 1.5 s: "Reconnecting" lasts long enough to be seen, then "Disconnected".
  h = await Harness.start({ reconnect: { initialDelayMs: 1_500, maxDelayMs: 1_500, maxAttempts: 1 } });
  server = await h.startServer({ password: 'pw', personality: 'srcds' });
  charlieServer = await h.startServer({ password: 'pw', personality: 'srcds' });
  const profiles = [
    await h.addProfile({ name: 'Alpha', port: server.port, group: 'EU', game: 'cs2', color: '#3b82f6' }, 'pw'),
    await h.addProfile({ name: 'Bravo', port: server.port, group: 'EU', color: '#f97316' }, 'pw'),
    await h.addProfile({ name: 'Charlie', port: charlieServer.port, group: 'US', color: '#22c55e' }, 'pw'),
    await h.addProfile({ name: 'Delta', port: server.port, group: 'US', color: '#a855f7' }, 'not-the-password'),
    await h.addProfile(
      { name: 'Echo', host: 'localhost', port: server.port, group: 'Survival', game: 'minecraft' },
      'pw',
    ),
  ];
  for (const profile of profiles) ids.set(profile.name, profile.id);
  await h.openApp();
}, 240_000);

afterAll(async () => {
  await h?.close();
}, 60_000);

const row = (name: string) => h.profileRow(name);

function groupToggle(name: string) {
  return h.page.locator(`section[data-group="${name}"] .group-toggle`);
}

/** The console state a row shows: its data-state and the text screen readers get. */
async function stateOf(name: string): Promise<{ state: string | null; spoken: string }> {
  const badge = row(name).getByTestId('server-state');
  const describedBy = await row(name).getAttribute('aria-describedby');
  const spoken = await h.page.locator(`[id="${describedBy}"]`).textContent();
  return { state: await badge.getAttribute('data-state'), spoken: spoken ?? '' };
}

async function waitState(name: string, state: string, spoken: string): Promise<void> {
  let last: unknown;
  try {
    await poll(async () => {
      last = await stateOf(name);
      const now = last as { state: string | null; spoken: string };
      return now.state === state && now.spoken === spoken;
    }, `${name} shown as ${state}`);
  } catch (error) {
    throw new Error(`${(error as Error).message}; last seen ${JSON.stringify(last)}`);
  }
}

const shownNames = () => h.page.locator('[data-testid=profile-row] .profile-name-text').allTextContents();
const shownGroups = () => h.page.locator('.group-name').allTextContents();
const savedNames = async () => (await h.profiles.list()).map((p) => p.name);
const savedGroup = async (name: string) => (await h.profiles.list()).find((p) => p.name === name)?.group;
const focusedKey = () =>
  h.page.evaluate(() => document.activeElement?.getAttribute('data-nav-key') ?? document.activeElement?.tagName);
const sidebarWidth = async () => (await h.page.getByTestId('sidebar').boundingBox())!.width;
const nameOf = (profileId: string) => [...ids].find(([, id]) => id === profileId)?.[0];
const tabNames = async () => (await h.tabs()).map((tab) => nameOf(tab.profileId));

const openTab = (name: string): Promise<string> => h.openTabFromList(name);

async function closeTab(sessionId: string): Promise<void> {
  await h.page.locator(`[data-testid=tab][data-session-id="${sessionId}"] .tab-close`).click();
  await poll(async () => !(await h.tabs()).some((tab) => tab.sessionId === sessionId), 'the tab closed');
}

describe('the server list', () => {
  it('shows each server’s live console state with a shaped dot and words, from open to stopped to closed', async () => {
    await waitState('Charlie', 'closed', 'Not open');
    const charlie = await openTab('Charlie');
    await waitState('Charlie', 'connected', 'Connected');
    const label = await row('Charlie').locator('.server-state-label').boundingBox();
    expect(label!.width).toBeGreaterThan(20); // the word is drawn, not only said

    await charlieServer.close();
    await waitState('Charlie', 'reconnecting', 'Reconnecting');
    await waitState('Charlie', 'disconnected', 'Disconnected');
    await closeTab(charlie);
    await waitState('Charlie', 'closed', 'Not open');

    // A refused password: Error, for this server only.
    const delta = await openTab('Delta');
    await waitState('Delta', 'error', 'Error');
    await expect(stateOf('Alpha')).resolves.toEqual({ state: 'closed', spoken: 'Not open' });
    await closeTab(delta);
    await waitState('Delta', 'closed', 'Not open');
  }, 30_000);

  it('filters by name, address, group and game as one types; Esc and the button clear; Ctrl+K finds', async () => {
    const search = h.page.getByTestId('server-search');
    const all = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'];
    await expect(shownNames()).resolves.toEqual(all);

    await search.fill('cha');
    await poll(async () => (await shownNames()).join() === 'Charlie', 'only Charlie');
    await search.fill('localhost');
    await poll(async () => (await shownNames()).join() === 'Echo', 'the server on localhost');
    await search.fill('us');
    await poll(async () => (await shownNames()).join() === 'Charlie,Delta', 'the US group');
    await search.fill('counter-strike');
    await poll(async () => (await shownNames()).join() === 'Alpha', 'the CS2 server, by its game');

    await search.fill('nothing like this');
    const none = h.page.getByTestId('no-servers-match');
    await none.waitFor();
    await expect(none.textContent()).resolves.toContain('No servers match “nothing like this”');
    await none.getByRole('button', { name: 'Clear the search' }).click();
    await poll(async () => (await shownNames()).length === all.length, 'every server back');
    await expect(search.inputValue()).resolves.toBe('');

    await search.fill('bra');
    await poll(async () => (await shownNames()).join() === 'Bravo', 'only Bravo');
    await search.press('Escape');
    await expect(search.inputValue()).resolves.toBe('');
    await poll(async () => (await shownNames()).length === all.length, 'every server after Esc');

    await row('Alpha').click();
    await h.page.keyboard.press('Control+k');
    await poll(
      async () =>
        (await h.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === 'server-search',
      'the search box focused',
    );
  });

  it('walks the list with the arrow keys, folds and unfolds with Left and Right, and opens with Enter', async () => {
    await row('Alpha').click();
    await expect(focusedKey()).resolves.toBe(`p:${ids.get('Alpha')}`);
    // One tab stop: only the current row (and its Connect button) is reachable with Tab.
    await expect(h.page.locator('.profile-list [data-nav-key][tabindex="0"]').count()).resolves.toBe(1);

    const press = async (key: string, expected: string) => {
      await h.page.keyboard.press(key);
      await poll(async () => (await focusedKey()) === expected, `${expected} focused after ${key}`);
    };
    await press('Home', 'g:EU');
    await press('ArrowDown', `p:${ids.get('Alpha')}`);
    await press('ArrowDown', `p:${ids.get('Bravo')}`);
    await press('ArrowDown', 'g:US');
    await h.page.keyboard.press('ArrowLeft');
    await poll(async () => (await groupToggle('US').getAttribute('aria-expanded')) === 'false', 'US folded');
    await expect(row('Charlie').count()).resolves.toBe(0);
    await press('ArrowDown', 'g:Survival'); // the folded group's servers are skipped
    await press('ArrowUp', 'g:US');
    await h.page.keyboard.press('ArrowRight');
    await poll(async () => (await groupToggle('US').getAttribute('aria-expanded')) === 'true', 'US unfolded');
    await press('ArrowRight', `p:${ids.get('Charlie')}`);
    await press('ArrowLeft', 'g:US');
    await press('End', `p:${ids.get('Echo')}`);
    await press('Home', 'g:EU');
    await press('ArrowDown', `p:${ids.get('Alpha')}`);

    const before = (await h.tabs()).length;
    await h.page.keyboard.press('Enter');
    const tab = await h.waitForTab(
      (t) => nameOf(t.profileId) === 'Alpha' && t.status === 'connected',
      'Alpha opened by Enter',
    );
    expect(await h.tabs()).toHaveLength(before + 1);
    await waitState('Alpha', 'connected', 'Connected');
    expect(tab.profileId).toBe(ids.get('Alpha'));
  });

  it('gives screen readers one list of servers per group, with the selected server marked current', async () => {
    await row('Alpha').click();
    const region = h.page.getByRole('region', { name: 'Saved servers' });
    const eu = region.getByRole('list', { name: 'Servers in EU' });
    await expect(
      eu.getByRole('listitem').evaluateAll((items) => items.map((item) => item.getAttribute('aria-label'))),
    ).resolves.toEqual(['Alpha', 'Bravo']);
    await expect(region.getByRole('list', { name: 'Servers in US' }).getByRole('listitem').count()).resolves.toBe(2);
    // Every list item sits directly in a list, and none claims aria-selected (not allowed on a list item).
    const misplaced = await h.page
      .locator('[role=listitem]')
      .evaluateAll(
        (items) =>
          items.filter(
            (item) => item.parentElement?.getAttribute('role') !== 'list' || item.hasAttribute('aria-selected'),
          ).length,
      );
    expect(misplaced).toBe(0);
    await expect(eu.getByRole('listitem', { name: 'Alpha' }).getAttribute('aria-current')).resolves.toBe('true');
    await expect(eu.getByRole('listitem', { name: 'Bravo' }).getAttribute('aria-current')).resolves.toBeNull();
  });

  it('folds a group, and keeps it folded after a reload', async () => {
    await groupToggle('Survival').click();
    await poll(async () => (await row('Echo').count()) === 0, 'Survival folded');
    await h.reload();
    await groupToggle('Survival').waitFor();
    await expect(groupToggle('Survival').getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(shownNames()).resolves.toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta']);
    // The search still finds a server of a folded group.
    await h.page.getByTestId('server-search').fill('echo');
    await poll(async () => (await shownNames()).join() === 'Echo', 'Echo found while folded');
    await h.page.getByTestId('server-search').fill('');
    await groupToggle('Survival').click();
    await row('Echo').waitFor();
  });

  it('resizes the list with the keyboard and the mouse, folds it, and remembers both', async () => {
    const separator = h.page.getByRole('separator', { name: 'Resize the server list' });
    const start = Number(await separator.getAttribute('aria-valuenow'));
    expect(Math.round(await sidebarWidth())).toBe(start);

    await separator.focus();
    await h.page.keyboard.press('ArrowRight');
    await h.page.keyboard.press('ArrowRight');
    await poll(async () => Number(await separator.getAttribute('aria-valuenow')) === start + 32, 'two steps wider');
    expect(Math.round(await sidebarWidth())).toBe(start + 32);
    await h.page.keyboard.press('End');
    await poll(async () => (await separator.getAttribute('aria-valuenow')) === '480', 'the widest');
    await h.page.keyboard.press('Home');
    await poll(async () => (await separator.getAttribute('aria-valuenow')) === '220', 'the narrowest');
    expect(Math.round(await sidebarWidth())).toBe(220);
    // Narrow, a long state word gives way to the dot; screen readers still get it.
    await waitState('Alpha', 'connected', 'Connected');

    const handle = (await separator.boundingBox())!;
    const y = handle.y + handle.height / 2;
    await h.page.mouse.move(handle.x + handle.width / 2, y);
    await h.page.mouse.down();
    await h.page.mouse.move(handle.x + handle.width / 2 + 90, y, { steps: 6 });
    await h.page.mouse.up();
    await poll(async () => Math.round(await sidebarWidth()) === 310, 'the list dragged 90 px wider');
    await expect(separator.getAttribute('aria-valuenow')).resolves.toBe('310');

    await h.page.getByTestId('sidebar-collapse').click();
    await poll(async () => Math.round(await sidebarWidth()) === 44, 'the list folded to a rail');
    await expect(h.page.getByTestId('server-search').isVisible()).resolves.toBe(false);
    await h.reload();
    await h.page.getByTestId('sidebar-expand').waitFor();
    expect(Math.round(await sidebarWidth())).toBe(44);

    await h.page.keyboard.press('Control+b');
    await poll(async () => Math.round(await sidebarWidth()) === 310, 'Ctrl+B brings it back at its width');
    await h.page.keyboard.press('Control+b');
    await poll(async () => Math.round(await sidebarWidth()) === 44, 'Ctrl+B folds it');
    await h.page.getByTestId('sidebar-expand').click();
    await poll(async () => Math.round(await sidebarWidth()) === 310, 'unfolded by its button');
  });

  it('drags servers to reorder them and into another group, and drags groups; the order is saved', async () => {
    await row('Bravo').dragTo(row('Alpha'), { targetPosition: { x: 40, y: 4 } });
    await poll(async () => (await savedNames()).join() === 'Bravo,Alpha,Charlie,Delta,Echo', 'Bravo saved first');
    await h.reload();
    await row('Bravo').waitFor();
    await expect(shownNames()).resolves.toEqual(['Bravo', 'Alpha', 'Charlie', 'Delta', 'Echo']);

    // Onto the top half of Charlie, in US: Alpha joins US, before Charlie.
    await row('Alpha').dragTo(row('Charlie'), { targetPosition: { x: 40, y: 4 } });
    await poll(async () => (await savedGroup('Alpha')) === 'US', 'Alpha saved in US');
    await poll(async () => (await savedNames()).join() === 'Bravo,Alpha,Charlie,Delta,Echo', 'the order kept');
    await expect(h.page.locator('section[data-group=US] .profile-name-text').allTextContents()).resolves.toEqual([
      'Alpha',
      'Charlie',
      'Delta',
    ]);

    // A group by its header, above the first group.
    const euHeader = h.page.locator('section[data-group=EU] [data-testid=group-header]');
    await h.page
      .locator('section[data-group=Survival] [data-testid=group-header]')
      .dragTo(euHeader, { targetPosition: { x: 40, y: 2 } });
    await poll(async () => (await savedNames()).join() === 'Echo,Bravo,Alpha,Charlie,Delta', 'Survival saved first');
    await expect(shownGroups()).resolves.toEqual(['Survival', 'EU', 'US']);
    await h.reload();
    await row('Echo').waitFor();
    await expect(shownGroups()).resolves.toEqual(['Survival', 'EU', 'US']);
  });

  it('drags a tab to another place in the tab bar', async () => {
    await openTab('Bravo');
    await poll(async () => (await tabNames()).join() === 'Alpha,Bravo', 'two tabs, Alpha first');
    const tab = (name: string) => h.page.locator('[data-testid=tab]', { hasText: name });
    await tab('Bravo').dragTo(tab('Alpha'), { targetPosition: { x: 6, y: 10 } });
    await poll(async () => (await tabNames()).join() === 'Bravo,Alpha', 'Bravo dragged first');
    await expect(h.page.locator('[data-testid=tab] .tab-title').allTextContents()).resolves.toEqual(['Bravo', 'Alpha']);
  });

  it('moves servers, groups and tabs with Alt+arrows too, keeping the focus on what moved', async () => {
    // Now: Survival [Echo], EU [Bravo], US [Alpha, Charlie, Delta].
    const alphaKey = `p:${ids.get('Alpha')}`;
    await row('Alpha').focus();
    await h.page.keyboard.press('Alt+ArrowDown');
    await poll(async () => (await savedNames()).join() === 'Echo,Bravo,Charlie,Alpha,Delta', 'Alpha one down');
    await expect(focusedKey()).resolves.toBe(alphaKey);
    const announcement = h.page.getByTestId('server-list-announcement');
    await expect(announcement.textContent()).resolves.toBe('Alpha moved: US, 2 of 3');
    await h.page.keyboard.press('Alt+ArrowUp');
    await poll(async () => (await savedNames()).join() === 'Echo,Bravo,Alpha,Charlie,Delta', 'Alpha back up');
    // From the top of its group it crosses into the group above, at its end.
    await h.page.keyboard.press('Alt+ArrowUp');
    await poll(async () => (await savedGroup('Alpha')) === 'EU', 'Alpha saved in EU');
    await expect(h.page.locator('section[data-group=EU] .profile-name-text').allTextContents()).resolves.toEqual([
      'Bravo',
      'Alpha',
    ]);
    await poll(async () => (await focusedKey()) === alphaKey, 'the focus still on Alpha in its new group');
    await expect(announcement.textContent()).resolves.toBe('Alpha moved: EU, 2 of 2');

    await groupToggle('Survival').focus();
    await h.page.keyboard.press('Alt+ArrowDown');
    await poll(async () => (await shownGroups()).join() === 'EU,Survival,US', 'Survival one down');
    await poll(async () => (await savedNames()).join() === 'Bravo,Alpha,Echo,Charlie,Delta', 'the group order saved');
    await expect(focusedKey()).resolves.toBe('g:Survival');
    await expect(announcement.textContent()).resolves.toBe('Survival moved: group 2 of 3');

    // While searching, the list does not reorder: what moves past what would be hidden.
    await h.page.getByTestId('server-search').fill('a');
    await row('Alpha').focus();
    await h.page.keyboard.press('Alt+ArrowDown');
    await h.page.getByText('Clear the search to reorder the servers.').waitFor({ timeout: DEFAULT_TIMEOUT_MS });
    await expect(savedNames()).resolves.toEqual(['Bravo', 'Alpha', 'Echo', 'Charlie', 'Delta']);
    await h.page.getByTestId('server-search').fill('');

    const firstTab = h.page.locator('[data-testid=tab]').first();
    await firstTab.focus();
    await h.page.keyboard.press('Alt+ArrowRight');
    await poll(async () => (await tabNames()).join() === 'Alpha,Bravo', 'Bravo moved right');
    await expect(
      h.page.evaluate(() => (document.activeElement as HTMLElement | null)?.textContent ?? ''),
    ).resolves.toContain('Bravo');
    await h.page.keyboard.press('Alt+ArrowLeft');
    await poll(async () => (await tabNames()).join() === 'Bravo,Alpha', 'Bravo moved back left');
  });

  it('lists the new shortcuts in the shortcuts dialog', async () => {
    await h.page.getByRole('button', { name: 'Shortcuts' }).click();
    const dialog = h.page.getByRole('dialog');
    for (const what of ['Find a server in the list', 'Hide / show the server list', 'Move the focused tab']) {
      await dialog.getByText(what).waitFor({ timeout: DEFAULT_TIMEOUT_MS });
    }
    await h.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('had no page errors', () => {
    expect(h.pageErrors).toEqual([]);
  });
});
