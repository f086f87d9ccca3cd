import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  API_GLOBAL,
  INVOKE_CHANNELS,
  FLEET_EVENT_CHANNEL,
  OUTPUT_RECEIVED_CHANNEL,
  SESSION_EVENT_CHANNEL,
  type ApiResult,
  type InvokeMethod,
  type ProfileView,
  type RconDeskApi,
} from '../../src/shared/api';
import { profileDraft } from '../../src/shared/profile-defaults';
import { ReferenceServer } from '../../src/reference-server/server';
import { LaunchedApp, ensureAppBuilt, runPreload } from './built-app';
import type { FakeBrowserWindow } from './fake-electron';

/**
 * The built preload (out/preload/index.js) run as a sandboxed preload under the FAKE `electron`
 * of tests/electron-glue/fake-electron.ts, wired to the built main bundle's real ipcMain handlers
 * and real services (profiles in a temporary user-data folder, the keychain through keytar).
 */

const FIXTURES = resolve(__dirname, '../fixtures/import');

beforeAll(() => ensureAppBuilt(), 180_000);

let app: LaunchedApp | undefined;
afterEach(async () => {
  const launched = app;
  app = undefined;
  if (!launched) return;
  await launched.close();
  expect(launched.fake.gaps).toEqual([]);
});

const METHODS = Object.keys(INVOKE_CHANNELS) as InvokeMethod[];
/** The calls that take no argument; every other one must refuse being called without. */
const NO_ARGUMENTS: readonly InvokeMethod[] = [
  'listProfiles',
  'profilesLoadReport',
  'keychainStatus',
  'listSessions',
  'listMacros',
  'listSchedules',
  // The file is chosen in a dialog main shows; with no answer queued, the fake's dialogs say Cancel.
  'importProfiles',
  'exportProfiles',
];

interface Launched {
  app: LaunchedApp;
  window: FakeBrowserWindow;
  mainWorld: Map<string, unknown>;
  api: RconDeskApi;
}

/** The app, ready, with the preload run for its window. */
async function launchWithPreload(): Promise<Launched> {
  app = new LaunchedApp();
  const window = await app.ready();
  const mainWorld = runPreload(app.fake, window.contents);
  return { app, window, mainWorld, api: mainWorld.get(API_GLOBAL) as RconDeskApi };
}

describe('the preload', () => {
  it('exposes exactly the API, one named method per call, and nothing generic', async () => {
    const { window, mainWorld } = await launchWithPreload();
    expect([...mainWorld.keys()]).toEqual([API_GLOBAL]);
    const api = mainWorld.get(API_GLOBAL) as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...METHODS, 'onSessionEvent', 'onFleetEvent', 'onShowSession'].sort());
    for (const [name, value] of Object.entries(api)) expect(value, name).toBeTypeOf('function');
    // Loading the preload subscribes to nothing: the page decides what it listens to.
    expect(window.contents.rendererListeners.size).toBe(0);
  });

  it('sends each method on its own channel, and every channel has a handler in main', async () => {
    const { app: launched, api } = await launchWithPreload();
    // The API's channels, and the flow-control receipts the preload itself sends (not part of the API).
    expect([...launched.fake.handlers.keys()].sort()).toEqual(
      [...Object.values(INVOKE_CHANNELS), OUTPUT_RECEIVED_CHANNEL].sort(),
    );
    for (const method of METHODS) {
      const call = (api[method] as () => Promise<unknown>)();
      expect(launched.fake.invocations.at(-1), method).toBe(INVOKE_CHANNELS[method]);
      if (NO_ARGUMENTS.includes(method)) {
        await expect(call, method).resolves.toBeDefined();
      } else {
        // The handler in main got the call: it checks the arguments and says what is missing.
        await expect(call, method).rejects.toMatchObject({ name: 'ApiError', kind: 'validation' });
      }
    }
    expect(launched.fake.invocations).toEqual(METHODS.map((method) => INVOKE_CHANNELS[method]));
  });

  it('subscribes to session events on their channel, and unsubscribes', async () => {
    const { window, api } = await launchWithPreload();
    const received: unknown[] = [];
    const unsubscribe = api.onSessionEvent((event) => received.push(event));
    expect(window.contents.rendererListeners.get(SESSION_EVENT_CHANNEL)?.size).toBe(1);
    unsubscribe();
    expect(window.contents.rendererListeners.get(SESSION_EVENT_CHANNEL)?.size).toBe(0);
  });

  it('subscribes to fleet events on their channel, and unsubscribes', async () => {
    const { window, api } = await launchWithPreload();
    const unsubscribe = api.onFleetEvent(() => undefined);
    expect(window.contents.rendererListeners.get(FLEET_EVENT_CHANNEL)?.size).toBe(1);
    unsubscribe();
    expect(window.contents.rendererListeners.get(FLEET_EVENT_CHANNEL)?.size).toBe(0);
  });

  it('saves an export where the save dialog says, and nothing when it is cancelled', async () => {
    const { app: launched, api } = await launchWithPreload();
    const target = join(launched.userData, 'exported-audit.json');
    launched.fake.saveDialogAnswers.push(target);
    expect(await api.exportAudit({ format: 'json', filter: {} })).toBe(target);
    expect(JSON.parse(await readFile(target, 'utf8'))).toEqual([]);
    expect(await api.exportAudit({ format: 'csv', filter: {} })).toBeNull();
  });

  it('imports the file the open dialog names and exports to the one the save dialog names', async () => {
    const { app: launched, api } = await launchWithPreload();
    launched.fake.openDialogAnswers.push(join(FIXTURES, 'ARRCON.hosts'));
    const report = await api.importProfiles();
    expect(report).toMatchObject({ fileName: 'ARRCON.hosts', format: 'arrcon', skipped: [{ name: 'nohost' }] });
    expect(report?.imported.map((entry) => entry.name)).toEqual(['myServer', 'legacy']);
    // Over the app window, for one existing file, offering the kinds of file it reads.
    expect(launched.fake.calls).toContain('showOpenDialog');
    expect(launched.fake.openDialogOptions.at(-1)).toMatchObject({
      properties: ['openFile'],
      filters: expect.arrayContaining([expect.objectContaining({ extensions: expect.arrayContaining(['yaml']) })]),
    });
    expect((await api.listProfiles()).map((p) => p.name)).toEqual(['myServer', 'legacy']);

    const target = join(launched.userData, 'servers.json');
    launched.fake.saveDialogAnswers.push(target);
    expect(await api.exportProfiles()).toEqual({ saved: true, path: target, count: 2 });
    const exported = await readFile(target, 'utf8');
    expect(JSON.parse(exported)).toMatchObject({
      format: 'rcon-desk-profiles',
      profiles: [{ name: 'myServer' }, { name: 'legacy' }],
    });
    expect(exported).not.toContain('secret');
    expect(await api.importProfiles()).toBeNull();
  });

  it("serves the app's own page: a saved profile comes back in listProfiles and is on disk", async () => {
    const { app: launched, api } = await launchWithPreload();
    expect(await api.listProfiles()).toEqual([]);
    const draft = profileDraft({ name: 'Glue test server', host: '127.0.0.1', port: 27015, rememberPassword: false });
    const saved = await api.saveProfile({ profile: draft, password: { kind: 'keep' } });
    const listed: ProfileView[] = await api.listProfiles();
    expect(listed).toEqual([saved]);
    expect(listed[0]).toMatchObject({ name: 'Glue test server', hasSavedPassword: false });
    const file = JSON.parse(await readFile(join(launched.userData, 'profiles.json'), 'utf8')) as unknown;
    expect(JSON.stringify(file)).toContain('Glue test server');
  });
});

describe('who may call', () => {
  const channel = INVOKE_CHANNELS.listProfiles;
  const refused = { ok: false, error: { kind: 'internal', message: expect.stringMatching(/^Refused/) } };

  it('answers the top frame of the window showing the app page', async () => {
    const { app: launched, window } = await launchWithPreload();
    const answer = (await launched.fake.invoke(channel, window.contents, window.contents.mainFrame, [])) as ApiResult<
      ProfileView[]
    >;
    expect(answer).toEqual({ ok: true, value: [] });
  });

  it('refuses another WebContents, a subframe, no frame, and the window once it shows another page', async () => {
    const { app: launched, window } = await launchWithPreload();
    const { fake } = launched;
    const appPage = window.contents.frame.url;
    const stranger = fake.foreignContents();
    stranger.frame.url = appPage;
    expect(await fake.invoke(channel, stranger, stranger.mainFrame, [])).toEqual(refused);
    expect(await fake.invoke(channel, window.contents, fake.foreignFrame(appPage), [])).toEqual(refused);
    expect(await fake.invoke(channel, window.contents, null, [])).toEqual(refused);

    window.contents.frame.url = 'https://rcon-desk.example/';
    expect(await fake.invoke(channel, window.contents, window.contents.mainFrame, [])).toEqual(refused);
    const api = runPreload(fake, window.contents).get(API_GLOBAL) as RconDeskApi;
    await expect(api.listProfiles()).rejects.toMatchObject({ kind: 'internal', message: /^Refused/ });
  });

  it('refuses the window once it is closed', async () => {
    const { app: launched, window } = await launchWithPreload();
    window.close();
    expect(await launched.fake.invoke(channel, window.contents, window.contents.mainFrame, [])).toEqual(refused);
  });
});

describe('flow control of session output', () => {
  it('receipts every output event the page gets, so a flood the page keeps up with arrives whole', async () => {
    const server = new ReferenceServer({ password: 'glue-pw', personality: 'srcds', broadcastIntervalMs: 0 });
    await server.listen();
    try {
      const { app: launched, window, api } = await launchWithPreload();
      const draft = profileDraft({ name: 'Flood', host: '127.0.0.1', port: server.port, dialect: 'source' });
      const profile = await api.saveProfile({
        profile: { ...draft, rememberPassword: false },
        password: { kind: 'keep' },
      });
      const receipts = (): number => launched.fake.invocations.filter((c) => c === OUTPUT_RECEIVED_CHANNEL).length;
      expect(receipts()).toBe(0);
      let serverText = '';
      let outputs = 0;
      let connected = false;
      api.onSessionEvent((event) => {
        if (event.type === 'status') connected ||= event.session.status === 'connected';
        if (event.type !== 'output') return;
        outputs += 1;
        if (event.kind === 'server') serverText += event.text.endsWith('\n') ? event.text : `${event.text}\n`;
      });
      expect(receipts()).toBe(1); // the page started listening
      await api.openSession({ profileId: profile.id, password: 'glue-pw' });
      await waitUntil(() => connected, 'connected');
      // 2 MiB in 4 KiB packets: eight times the forwarder's window, so it runs on receipts.
      const lines = Array.from(
        { length: 32_768 },
        (_, i) => `chat line ${String(i).padStart(6, '0')} ${'x'.repeat(44)}`,
      );
      for (let i = 0; i < lines.length; i += 64)
        expect(server.broadcast(`${lines.slice(i, i + 64).join('\n')}\n`)).toBe(1);
      await waitUntil(() => serverText.endsWith(`${lines.at(-1)}\n`), 'the last line of the flood');
      expect(serverText).toBe(`${lines.join('\n')}\n`);
      expect(receipts()).toBe(outputs + 1);

      // Receipts from anything but the app's window are refused.
      const stranger = launched.fake.foreignContents();
      stranger.frame.url = window.contents.frame.url;
      const refused = await launched.fake.invoke(OUTPUT_RECEIVED_CHANNEL, stranger, stranger.mainFrame, [
        { page: 'forged', chars: 1_000_000 },
      ]);
      expect(refused).toMatchObject({
        ok: false,
        error: { kind: 'internal', message: expect.stringMatching(/^Refused/) },
      });
    } finally {
      await server.close();
    }
  }, 20_000);
});

describe('desktop notifications', () => {
  it("tells of a drop and a return in a background tab, through Electron's Notification, never in front", async () => {
    const server = new ReferenceServer({ password: 'glue-pw', broadcastIntervalMs: 0 });
    await server.listen();
    try {
      const { app: launched, window, api } = await launchWithPreload();
      const draft = profileDraft({ name: 'Night shift server', host: '127.0.0.1', port: server.port });
      const profile = await api.saveProfile({
        profile: { ...draft, rememberPassword: false, settings: { notifyOnDrop: true } },
        password: { kind: 'keep' },
      });
      const statuses: string[] = [];
      api.onSessionEvent((event) => {
        if (event.type === 'status') statuses.push(event.session.status);
      });
      const connected = (n: number) => statuses.filter((s) => s === 'connected').length >= n;
      const session = await api.openSession({ profileId: profile.id, password: 'glue-pw' });
      await waitUntil(() => connected(1), 'connected');

      // In front (window focused, its tab active): a drop is seen, not notified.
      await api.setForegroundSession(session.sessionId);
      server.dropAllConnections();
      await waitUntil(() => connected(2), 'connected again');
      expect(launched.fake.notifications).toEqual([]);

      // In the background (another window has the focus): one notification each way.
      window.focused = false;
      server.dropAllConnections();
      await waitUntil(() => connected(3), 'connected a third time');
      const shown = launched.fake.notifications.map((n) => ({ ...n.options, shown: n.shown }));
      expect(shown).toEqual([
        { title: 'Night shift server', body: 'The connection was lost. Reconnecting…', shown: true },
        { title: 'Night shift server', body: 'Connected again.', shown: true },
      ]);

      // A click brings the window up, with that server's console in front.
      const shownSessions: string[] = [];
      api.onShowSession(({ sessionId }) => shownSessions.push(sessionId));
      launched.fake.notifications[0]!.emit('click');
      expect(window.focusCalls).toContain('focus');
      expect(shownSessions).toEqual([session.sessionId]);
      await api.closeSession(session.sessionId);
      expect(launched.fake.notifications).toHaveLength(2);
    } finally {
      await server.close();
    }
  }, 20_000);
});

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
