import { once } from 'node:events';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ReferenceServer } from '../../src/reference-server/server';
import { API_GLOBAL, INVOKE_CHANNELS, type RconDeskApi, type SessionEvent } from '../../src/shared/api';
import { profileDraft } from '../../src/shared/profile-defaults';
import { LaunchedApp, ensureAppBuilt, runPreload, type LaunchOptions } from './built-app';
import type { FakeBrowserWindow } from './fake-electron';

/**
 * Start-up, a second instance and quitting, for the built main bundle under the FAKE `electron`
 * of tests/electron-glue/fake-electron.ts, with real services and a real RCON server.
 */

beforeAll(() => ensureAppBuilt(), 180_000);

let app: LaunchedApp | undefined;
let server: ReferenceServer | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  const launched = app;
  app = undefined;
  if (launched) await launched.close();
  await server?.close();
  server = undefined;
  if (launched) expect(launched.fake.gaps).toEqual([]);
});

async function launch(options: LaunchOptions = {}): Promise<{ window: FakeBrowserWindow; api: RconDeskApi }> {
  app = new LaunchedApp(options);
  const window = await app.ready();
  const api = runPreload(app.fake, window.contents).get(API_GLOBAL) as RconDeskApi;
  return { window, api };
}

describe('start-up', () => {
  it('opens without keytar, and says there is no keychain', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { api } = await launch({
      keytarLoadError: new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory'),
    });
    expect(app!.fake.windows).toHaveLength(1);
    expect(app!.fake.exitCode).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/keychain library could not be loaded: libsecret-1\.so\.0/),
    );

    const status = await api.keychainStatus();
    expect(status.available).toBe(false);
    expect(status.reason).toMatch(/keytar.*could not be loaded.*libsecret-1\.so\.0/);
    // The rest works: profiles are saved, without a password.
    const draft = profileDraft({ name: 'No keychain', host: '127.0.0.1', port: 27015, rememberPassword: false });
    await api.saveProfile({ profile: draft, password: { kind: 'keep' } });
    expect((await api.listProfiles()).map((profile) => profile.name)).toEqual(['No keychain']);
    await expect(
      api.saveProfile({ profile: { ...draft, rememberPassword: true }, password: { kind: 'set', password: 'pw' } }),
    ).rejects.toMatchObject({ kind: 'keychain' });
  });

  it('a second instance quits at once, before it opens anything', async () => {
    app = new LaunchedApp({ singleInstanceLock: false });
    expect(app.fake.calls).toEqual(['requestSingleInstanceLock', 'quit']);
    expect(app.fake.quit.quitCompleted).toBe(true);
    expect(app.fake.handlers.size).toBe(0);
    expect(app.fake.windows).toHaveLength(0);
  });
});

describe('second-instance', () => {
  it('restores and focuses the existing window, and opens no other', async () => {
    const { window } = await launch();
    window.minimized = true;
    app!.fake.app.emit('second-instance');
    expect(window.focusCalls).toEqual(['restore', 'focus']);
    expect(window.minimized).toBe(false);
    app!.fake.app.emit('second-instance');
    expect(window.focusCalls).toEqual(['restore', 'focus', 'focus']);
    expect(app!.fake.windows).toHaveLength(1);
  });

  it('leaves a closed window alone', async () => {
    const { window } = await launch();
    window.close();
    app!.fake.app.emit('second-instance');
    expect(window.focusCalls).toEqual([]);
  });
});

describe('activate (macOS keeps the app running with no window)', () => {
  it('opens a new window once the old one is closed, and only the new one may call', async () => {
    const { window } = await launch();
    const fake = app!.fake;
    window.close();
    const reopened = once(fake, 'window');
    fake.app.emit('activate');
    const [second] = (await reopened) as [FakeBrowserWindow];
    expect(fake.windows.filter((each) => !each.destroyed)).toEqual([second]);
    expect(second.loads).toEqual(window.loads);
    const channel = INVOKE_CHANNELS.listProfiles;
    expect(await fake.invoke(channel, second.contents, second.contents.mainFrame, [])).toEqual({ ok: true, value: [] });
    expect(await fake.invoke(channel, window.contents, window.contents.mainFrame, [])).toMatchObject({ ok: false });
  });
});

describe('quitting', () => {
  it('closes the open sessions first, then quits', async () => {
    let serverSawClose!: () => void;
    const closedOnServer = new Promise<void>((resolve) => (serverSawClose = resolve));
    server = new ReferenceServer({
      password: 'demo',
      personality: 'srcds',
      broadcastIntervalMs: 0,
      onEvent: (event) => {
        if (event.kind === 'disconnect') serverSawClose();
      },
    });
    await server.listen();
    const { api } = await launch();
    const draft = profileDraft({ name: 'Quit test', host: '127.0.0.1', port: server.port, rememberPassword: false });
    const profile = await api.saveProfile({ profile: draft, password: { kind: 'keep' } });

    const order: string[] = [];
    const connected = new Promise<void>((resolve) => {
      api.onSessionEvent((event: SessionEvent) => {
        if (event.type !== 'status') return;
        order.push(event.session.status);
        if (event.session.status === 'connected') resolve();
      });
    });
    await api.openSession({ profileId: profile.id, password: 'demo' });
    await connected;
    expect(server.connections).toBe(1);

    const fake = app!.fake;
    const quit = once(fake, 'quit').then(() => order.push('quit'));
    fake.requestQuit();
    // The first quit is held back while the sessions close.
    expect(fake.quit.beforeQuitEvents[0]!.defaultPrevented).toBe(true);
    expect(fake.quit.quitCompleted).toBe(false);
    await quit;
    expect(order.slice(-2)).toEqual(['disconnected', 'quit']);
    expect(fake.quit.beforeQuitEvents.map((event) => event.defaultPrevented)).toEqual([true, false]);
    // The server sees the connection end (its side of the close may come just after the app's).
    await closedOnServer;
    expect(server.connections).toBe(0);
  });

  it('quits when the last window closes (not on macOS), after closing the sessions', async () => {
    const { window } = await launch();
    const fake = app!.fake;
    const quit = once(fake, 'quit');
    window.close();
    fake.app.emit('window-all-closed');
    await quit;
    expect(fake.quit.beforeQuitEvents.map((event) => event.defaultPrevented)).toEqual([true, false]);
  });
});
