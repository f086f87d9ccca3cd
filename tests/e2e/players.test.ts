/**
 * Server status in the sidebar and the players panel, end to end: the built renderer in Chromium,
 * the real services, reference RCON servers and the reference A2S responder queried by gamedig.
 * The reference servers record every command they receive, so each player action is checked
 * against the command the game expects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryResponder } from '../../src/reference-server/query-responder';
import type { ReferenceServer } from '../../src/reference-server/server';
import { STATUS_MAP } from '../../src/reference-server/source-output';
import type { RconDeskApi } from '../../src/shared/api';
import type { GameId } from '../../src/shared/game-presets';
import { DEFAULT_TIMEOUT_MS, Harness, poll } from './harness';

let h: Harness;
let tf2ProfileId = '';
let tf2Responder: QueryResponder;
const responders: QueryResponder[] = [];
const servers: Partial<Record<GameId | 'down', ReferenceServer>> = {};
const visibleConsole = '[data-testid=console]:not([hidden])';
/**
 * Commands the app sends on its own (player lists, and ARK's chat poll every 5 s, which a slow run
 * reaches); everything else a server receives here is an action.
 */
const LIST_COMMANDS = new Set(['status', 'list', 'ShowPlayers', 'ListPlayers', 'getchat']);

async function responder(options: ConstructorParameters<typeof QueryResponder>[0]): Promise<number> {
  return (await startResponder(options)).address.port;
}

async function startResponder(options: ConstructorParameters<typeof QueryResponder>[0]): Promise<QueryResponder> {
  const started = new QueryResponder(options);
  responders.push(started);
  await started.listen();
  return started;
}

beforeAll(async () => {
  h = await Harness.start();
  servers.tf2 = await h.startServer({ password: 'pw', personality: 'srcds' });
  servers.down = await h.startServer({ password: 'pw', personality: 'srcds' });
  servers.minecraft = await h.startServer({ password: 'pw', personality: 'minecraft' });
  servers.palworld = await h.startServer({ password: 'pw', personality: 'palworld' });
  servers.ark = await h.startServer({ password: 'pw', personality: 'ark' });
  tf2Responder = await startResponder({ gamePort: servers.tf2.port });
  const tf2Query = tf2Responder.address.port;
  const silentQuery = await responder({ fault: 'no-answer' });
  tf2ProfileId = (
    await h.addProfile({ name: 'TF2 Server', port: servers.tf2.port, game: 'tf2', queryPort: tf2Query }, 'pw')
  ).id;
  await h.addProfile({ name: 'Down Server', port: servers.down.port, game: 'csgo', queryPort: silentQuery }, 'pw');
  // Minecraft's Server List Ping is TCP; the A2S responder's port has nothing on TCP, so it stays offline.
  await h.addProfile({ name: 'MC Server', port: servers.minecraft.port, game: 'minecraft', queryPort: tf2Query }, 'pw');
  await h.addProfile({ name: 'Pal Server', port: servers.palworld.port, game: 'palworld' }, 'pw');
  await h.addProfile({ name: 'ARK Server', port: servers.ark.port, game: 'ark', queryPort: silentQuery }, 'pw');
  await h.openApp();
}, 240_000);

afterAll(async () => {
  await Promise.all(responders.map((started) => started.close()));
  await h?.close();
}, 60_000);

function statusOf(name: string) {
  return h.page.locator('[data-testid=profile-row]', { hasText: name }).getByTestId('server-status');
}

async function waitState(name: string, state: string): Promise<void> {
  await poll(async () => (await statusOf(name).getAttribute('data-state')) === state, `${name} ${state}`);
}

async function openPlayers(name: string): Promise<void> {
  const before = new Set((await h.tabs()).map((tab) => tab.sessionId));
  await h.page.locator('[data-testid=profile-row]', { hasText: name }).locator('.profile-name').dblclick();
  const tab = await h.waitForTab((t) => !before.has(t.sessionId) && t.status === 'connected', `${name} connected`);
  await h.page.locator(`[data-testid=console][data-session-id="${tab.sessionId}"]`).waitFor();
  await h.page.locator(`${visibleConsole} [data-testid=players-toggle]`).click();
}

function playerRow(player: string) {
  return h.page.locator(`${visibleConsole} [data-testid=player-row][data-player="${player}"]`);
}

/** Clicks the action on the player's row, fills the dialog, confirms, and waits for the panel to list again. */
async function act(
  player: string,
  action: 'kick' | 'ban' | 'message',
  fields: { reason?: string; minutes?: string; message?: string } = {},
): Promise<void> {
  await playerRow(player).getByTestId(`player-${action}`).click();
  const dialog = h.page.getByRole('dialog');
  await dialog.waitFor();
  if (fields.reason !== undefined) await dialog.getByTestId('player-reason').fill(fields.reason);
  if (fields.minutes !== undefined) await dialog.getByTestId('player-minutes').fill(fields.minutes);
  if (fields.message !== undefined) await dialog.getByTestId('player-message').fill(fields.message);
  await dialog.getByTestId('confirm-player-action').click();
  await dialog.waitFor({ state: 'detached', timeout: DEFAULT_TIMEOUT_MS });
}

function actionsReceived(server: ReferenceServer | undefined): string[] {
  return (server?.receivedCommands ?? []).filter((command) => !LIST_COMMANDS.has(command));
}

async function waitActions(server: ReferenceServer | undefined, count: number): Promise<string[]> {
  return poll(() => {
    const received = actionsReceived(server);
    return received.length >= count ? received : undefined;
  }, `${count} player commands at the server`);
}

describe('server status in the sidebar', () => {
  it('shows online with players/max, map and ping, offline with the reason, and no status for Palworld', async () => {
    await waitState('TF2 Server', 'online');
    expect(await statusOf('TF2 Server').innerText()).toMatch(new RegExp(`^2/20 · ${STATUS_MAP} · \\d+ ms$`));
    await waitState('Down Server', 'offline');
    expect(await statusOf('Down Server').getAttribute('title')).toMatch(
      /^The server did not answer the query on UDP port \d+; is the query port right\?$/,
    );
    await waitState('MC Server', 'offline');
    await waitState('Pal Server', 'unsupported');
    expect(h.pageErrors).toEqual([]);
  }, 30_000);

  it('keeps the chosen interval, and off stops asking', async () => {
    const select = h.page.getByTestId('status-interval');
    expect(await select.inputValue()).toBe('30');
    await select.selectOption('0');
    await h.reload();
    expect(await h.page.getByTestId('status-interval').inputValue()).toBe('0');
    // Off: nothing is asked after the reload. One query of our own, sent after the rows are shown
    // (when a poll would have started), is the only one the server gets, and the row stays unchecked.
    await statusOf('TF2 Server').waitFor();
    const before = tf2Responder.received.length;
    const status = await h.page.evaluate(
      (id) => (window as unknown as { rconDesk: RconDeskApi }).rconDesk.serverStatus(id),
      tf2ProfileId,
    );
    expect(status.kind).toBe('online');
    expect(tf2Responder.received.slice(before).map((event) => `${event.request}:${event.answer}`)).toEqual([
      'info:challenge',
      'info:answer',
      'players:answer',
    ]);
    expect(await statusOf('TF2 Server').getAttribute('data-state')).toBe('unknown');
    await h.page.getByTestId('status-interval').selectOption('30');
    await h.reload();
    await waitState('TF2 Server', 'online');
  }, 30_000);
});

describe('players panel', () => {
  it('Source (TF2): merges A2S_PLAYER with status, and kick, ban and message send kickid, banid and say', async () => {
    await openPlayers('TF2 Server');
    const alex = playerRow('Alex');
    await alex.waitFor();
    const text = await alex.innerText();
    expect(text).toContain('STEAM_1:0:12345678');
    expect(text).toContain('48 ms');
    expect(text).toContain('12:34');
    expect(text).toContain('198.51.100.23:27005');
    await playerRow('Steve').waitFor();

    await act('Alex', 'kick', { reason: 'afk' });
    await act('Steve', 'ban', { reason: 'cheating', minutes: '60' });
    await act('Alex', 'message', { message: 'welcome back' });
    expect(await waitActions(servers.tf2, 4)).toEqual([
      'kickid 2 afk',
      'banid 60 3',
      'kickid 3 cheating',
      'say Alex: welcome back',
    ]);
    const audit = await h.audit.read({ source: 'player-action' });
    expect(audit.records.map((record) => record.command).sort()).toEqual(
      ['kickid 2 afk', 'banid 60 3', 'kickid 3 cheating', 'say Alex: welcome back'].sort(),
    );
  }, 60_000);

  it('refuses a reason that would start another command, and sends nothing', async () => {
    await playerRow('Alex').getByTestId('player-kick').click();
    const dialog = h.page.getByRole('dialog');
    await dialog.getByTestId('player-reason').fill('bye; rcon_password x');
    await dialog.getByTestId('confirm-player-action').click();
    await expect(dialog.getByRole('alert').innerText()).resolves.toMatch(/cannot contain ;/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(actionsReceived(servers.tf2)).toHaveLength(4);
  }, 30_000);

  it('Minecraft: names from list, and kick, ban (for good) and tell', async () => {
    await openPlayers('MC Server');
    await playerRow('Steve').waitFor();
    await act('Steve', 'kick', { reason: 'griefing' });
    await playerRow('Alex').getByTestId('player-ban').click();
    // Vanilla bans take no duration: the dialog asks for none.
    expect(await h.page.getByRole('dialog').getByTestId('player-minutes').count()).toBe(0);
    await h.page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await act('Alex', 'ban', { reason: 'x-ray' });
    await act('Alex', 'message', { message: 'see the rules' });
    expect(await waitActions(servers.minecraft, 3)).toEqual([
      'kick Steve griefing',
      'ban Alex x-ray',
      'tell Alex see the rules',
    ]);
  }, 60_000);

  it('Palworld: SteamIDs from ShowPlayers, KickPlayer and BanPlayer, and no message', async () => {
    await openPlayers('Pal Server');
    await playerRow('Zoë').waitFor();
    expect(await playerRow('Zoë').getByTestId('player-message').count()).toBe(0);
    await act('Zoë', 'kick');
    await act('玩家一号', 'ban');
    expect(await waitActions(servers.palworld, 2)).toEqual([
      'KickPlayer 76561198000000001',
      'BanPlayer 76561198000000002',
    ]);
  }, 60_000);

  it('ARK: players from ListPlayers, KickPlayer, BanPlayer and ServerChatTo', async () => {
    await openPlayers('ARK Server');
    await playerRow('Steve').waitFor();
    await act('Steve', 'kick');
    await act('Alex', 'ban');
    await act('Alex', 'message', { message: 'hello' });
    expect(await waitActions(servers.ark, 3)).toEqual([
      'KickPlayer 76561198000000012',
      'BanPlayer 76561198000000011',
      'ServerChatTo "76561198000000011" hello',
    ]);
    expect(h.pageErrors).toEqual([]);
  }, 60_000);
});

describe('polling only while visible', () => {
  it('polls while visible, not while hidden, and at once when visible again', async () => {
    // The page's timers are frozen (Playwright's clock, installed before a reload), so the regular
    // poll never fires here: any query after the switch comes from the window becoming visible.
    // Last in the file, since the frozen clock stays for the rest of the page's life.
    await h.page.clock.install();
    await h.reload();
    await waitState('TF2 Server', 'online');
    // Chromium headless is always visible: the page's visibilityState is made switchable.
    await h.page.evaluate(() => {
      const state = { value: 'visible' as DocumentVisibilityState };
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state.value });
      (window as unknown as { setVisibility: (v: DocumentVisibilityState) => void }).setVisibility = (v) => {
        state.value = v;
        document.dispatchEvent(new Event('visibilitychange'));
      };
    });
    const setVisibility = (value: DocumentVisibilityState) =>
      h.page.evaluate(
        (v) => (window as unknown as { setVisibility: (v: DocumentVisibilityState) => void }).setVisibility(v),
        value,
      );
    const answered = (since: number) => tf2Responder.received.slice(since).filter((e) => e.request === 'players');

    // Visible: 31 s on the page's clock bring one regular poll.
    let before = tf2Responder.received.length;
    await h.page.clock.runFor(31_000);
    await poll(() => answered(before).length > 0, 'the regular poll while visible');

    // Hidden: 31 s bring none. A query of our own afterwards is the only one the server sees.
    await setVisibility('hidden');
    before = tf2Responder.received.length;
    await h.page.clock.runFor(31_000);
    await h.page.evaluate(
      (id) => (window as unknown as { rconDesk: RconDeskApi }).rconDesk.serverStatus(id),
      tf2ProfileId,
    );
    expect(answered(before)).toHaveLength(1);

    // Visible again: asked at once, without waiting for the next tick.
    before = tf2Responder.received.length;
    await setVisibility('visible');
    await poll(() => answered(before).length > 0, 'a status query right after the window became visible');
  }, 30_000);
});
