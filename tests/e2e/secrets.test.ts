/**
 * Where a saved password goes, end to end: every message across the bridge (each invoke's
 * arguments and result, each pushed session event) and every byte the app and its window write in
 * the data folder are recorded during a session with a saved password, then searched for it.
 *
 * The password may only travel renderer → main, where the user typed it: the profile editor
 * (saveProfile with { kind: 'set' }), the password prompt (openSession / reconnectSession), and
 * commands the user typed that contain it (sendCommand). It must never come back: not in a result,
 * not in an event (the session manager masks it where a server repeats it), not in a file. It lives
 * in the OS keychain.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBoundSecret } from '../../src/main/services/bound-secret';
import { MASK } from '../../src/main/services/sensitive-commands';
import type { ReferenceServer } from '../../src/reference-server/server';
import type { ProfileView } from '../../src/shared/api';
import { DEFAULT_TIMEOUT_MS, Harness, poll, type BridgeInvokeRecord } from './harness';

/** The password in a keychain entry, which also records the address it was saved for. */
async function savedPassword(account: string): Promise<string | null> {
  const stored = await keytar.getPassword(h.serviceName, account);
  return stored === null ? null : decodeBoundSecret(stored).password;
}

const PASSWORD = `Pw-${randomBytes(6).toString('hex')}-xyzzy`;
const WRONG_PASSWORD = `Nope-${randomBytes(6).toString('hex')}`;
/** Padding that puts the password across the boundary of two 4096-byte answer packets. */
const SPLIT_PADDING = 'p'.repeat(4090);
/** Commands typed in the console that contain the password: the only sendCommand calls allowed to carry it. */
const TYPED_WITH_PASSWORD = [`say ${PASSWORD}`, `echo before${PASSWORD}after`, `rcon_password ${PASSWORD}`];

let h: Harness;
let server: ReferenceServer;
let original: ProfileView;
let copy: ProfileView;
let sessionId = '';

const visibleConsole = '[data-testid=console]:not([hidden])';

beforeAll(async () => {
  h = await Harness.start({ recordBridge: true });
  server = await h.startServer({
    password: PASSWORD,
    personality: 'srcds',
    // A server that repeats the password across two packets of one answer (a cvar dump, say).
    commands: { splitleak: () => `${SPLIT_PADDING}${PASSWORD}\n` },
  });
  await h.openApp();
}, 240_000);

afterAll(async () => {
  await h?.close();
}, 60_000);

const row = (name: string) => h.profileRow(name);

async function waitConnected(id: string): Promise<void> {
  await h.waitForTab((t) => t.sessionId === id && t.status === 'connected', `session ${id} connected`);
}

async function newTab(open: () => Promise<void>, what: string): Promise<string> {
  const before = new Set((await h.tabs()).map((tab) => tab.sessionId));
  await open();
  return (await h.waitForTab((t) => !before.has(t.sessionId), what)).sessionId;
}

/** Every string inside a value (keys included), for searching. */
function strings(value: unknown, out: string[] = [], seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'object' && value !== null && !seen.has(value)) {
    seen.add(value);
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      strings(item, out, seen);
    }
  }
  return out;
}

function mentions(value: unknown, secret = PASSWORD): boolean {
  return strings(value).some((text) => text.includes(secret));
}

/** Every file under a folder, recursively, with its bytes (files that vanish while reading are skipped). */
function filesUnder(root: string): { path: string; bytes: Buffer }[] {
  const found: { path: string; bytes: Buffer }[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        try {
          found.push({ path: relative(root, path), bytes: readFileSync(path) });
        } catch {
          // A browser temp file removed between the listing and the read.
        }
      }
    }
  };
  walk(root);
  return found;
}

function filesMentioning(secret: string): string[] {
  const needles = [Buffer.from(secret, 'utf8'), Buffer.from(secret, 'utf16le')];
  return filesUnder(h.dataDir)
    .filter(({ bytes }) => needles.some((needle) => bytes.includes(needle)))
    .map(({ path }) => path);
}

describe('the saved password stays in the keychain', () => {
  it('adds a server with its password through the editor; the password goes to the keychain', async () => {
    await h.page.getByTestId('add-profile').click();
    const dialog = h.page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Secret Box');
    await dialog.getByLabel('Host').fill('127.0.0.1');
    await dialog.getByLabel('Port').fill(String(server.port));
    await dialog.getByLabel('Protocol').selectOption('source');
    await dialog.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await h.page.getByTestId('save-profile').click();
    await dialog.waitFor({ state: 'detached', timeout: DEFAULT_TIMEOUT_MS });
    await row('Secret Box').waitFor({ timeout: DEFAULT_TIMEOUT_MS });
    original = (await h.profiles.list()).find((p) => p.name === 'Secret Box')!;
    expect(original.hasSavedPassword).toBe(true);
    expect(await savedPassword(original.id)).toBe(PASSWORD);
  });

  it('connects with the saved password and masks it wherever the server repeats it', async () => {
    sessionId = await newTab(() => row('Secret Box').locator('.profile-name').dblclick(), 'the Secret Box tab');
    await waitConnected(sessionId);
    await h.runCommand('echo hello');
    await h.waitForTerminal(sessionId, (t) => /^hello$/m.test(t), 'hello');
    for (const command of TYPED_WITH_PASSWORD) await h.runCommand(command);
    await h.runCommand('splitleak');
    // A chat line pushed by the server that quotes the password.
    expect(server.broadcast(`[Chat] Someone: the password is ${PASSWORD}`)).toBe(1);
    await h.runCommand('echo done');
    const text = await h.waitForTerminal(sessionId, (t) => /^done$/m.test(t), 'the last answer');
    expect(text).toContain(`> say ${MASK}`);
    expect(text).toContain(`Console: ${MASK}`);
    expect(text).toContain(`before${MASK}after`);
    expect(text).toContain(`> rcon_password ${MASK}`);
    expect(text).toContain(`[server] [Chat] Someone: the password is ${MASK}`);
    expect(text.replace(/\n/g, '')).toContain(`${SPLIT_PADDING}${MASK}`);
    expect(text).not.toContain(PASSWORD);
    for (const command of TYPED_WITH_PASSWORD) expect(server.receivedCommands).toContain(command);
  });

  it('reconnects on its own after a dropped connection, with the password from the keychain', async () => {
    const logins = server.authAttempts;
    server.dropAllConnections();
    await h.waitForTab((t) => t.sessionId === sessionId && t.status === 'reconnecting', 'reconnecting');
    await waitConnected(sessionId);
    expect(server.authAttempts).toBe(logins + 1);
    await h.runCommand(`echo again ${PASSWORD}`);
    await h.waitForTerminal(sessionId, (t) => t.includes(`again ${MASK}`), 'the masked echo after reconnecting');
  }, 30_000);

  it('edits the server without touching the password, and duplicates it', async () => {
    await row('Secret Box').click();
    await h.page.getByRole('button', { name: 'Edit Secret Box' }).click();
    const dialog = h.page.getByRole('dialog');
    await dialog.getByLabel('Group').fill('Vault');
    await h.page.getByTestId('save-profile').click();
    await dialog.waitFor({ state: 'detached', timeout: DEFAULT_TIMEOUT_MS });
    await poll(async () => (await h.profiles.get(original.id)).group === 'Vault', 'the edit saved');
    expect(await savedPassword(original.id)).toBe(PASSWORD);

    await row('Secret Box').click();
    await h.page.getByRole('button', { name: 'Duplicate Secret Box' }).click();
    await row('Secret Box (copy)').waitFor({ timeout: DEFAULT_TIMEOUT_MS });
    copy = (await h.profiles.list()).find((p) => p.name === 'Secret Box (copy)')!;
    // The copy gets its own keychain entry with the same password (ProfileStore.duplicate).
    expect(copy.hasSavedPassword).toBe(true);
    expect(await savedPassword(copy.id)).toBe(PASSWORD);
  });

  it('asks for the password of a server without one, and again after a refused login', async () => {
    // Clear the copy's saved password, so connecting to it asks.
    await row('Secret Box (copy)').click();
    await h.page.getByRole('button', { name: 'Edit Secret Box (copy)' }).click();
    const editor = h.page.getByRole('dialog');
    await editor.getByRole('checkbox', { name: 'Clear the saved password' }).check();
    await h.page.getByTestId('save-profile').click();
    await editor.waitFor({ state: 'detached', timeout: DEFAULT_TIMEOUT_MS });
    await expect(keytar.getPassword(h.serviceName, copy.id)).resolves.toBeNull();

    // A wrong password first, then the right one through Reconnect….
    const copySession = await newTab(async () => {
      await row('Secret Box (copy)').locator('.profile-name').dblclick();
      await h.page.getByRole('dialog').getByLabel('Password').fill(WRONG_PASSWORD);
      await h.page.getByTestId('password-submit').click();
    }, 'the copy tab');
    await h.waitForTab((t) => t.sessionId === copySession && t.status === 'error', 'the refused login');
    await h.page.locator(`${visibleConsole} [data-testid=reconnect]`).click();
    await h.page.getByRole('dialog').getByLabel('Password').fill(PASSWORD);
    await h.page.getByTestId('password-submit').click();
    await waitConnected(copySession);
    await h.runCommand(`say ${PASSWORD}`);
    await h.waitForTerminal(copySession, (t) => t.includes(`Console: ${MASK}`), 'the masked answer on the copy');
  }, 30_000);

  it('never sent the password to the window: not in a result, not in an event', async () => {
    await h.pushesDelivered();
    const events = h.bridgeLog.filter((record) => record.direction === 'event');
    const invokes = h.bridgeLog.filter((record): record is BridgeInvokeRecord => record.direction === 'invoke');
    expect(events.length).toBeGreaterThan(20);
    expect(invokes.length).toBeGreaterThan(20);
    // The masking was exercised: events did carry the server's repetitions, masked.
    expect(events.filter((record) => mentions(record.payload, MASK)).length).toBeGreaterThanOrEqual(6);

    expect(events.filter((record) => mentions(record.payload))).toEqual([]);
    expect(invokes.filter((record) => mentions(record.result))).toEqual([]);
    expect(h.events.filter((event) => mentions(event))).toEqual([]);
  });

  it('received it from the window only where the user typed it', () => {
    const invokes = h.bridgeLog.filter((record): record is BridgeInvokeRecord => record.direction === 'invoke');
    const carrying = invokes.filter((record) => mentions(record.args));
    // In order: the editor, the commands typed in the console, the password prompt after the refused login.
    expect(carrying.map((record) => record.method)).toEqual([
      'saveProfile',
      ...TYPED_WITH_PASSWORD.map(() => 'sendCommand'),
      'sendCommand',
      'reconnectSession',
      'sendCommand',
    ]);
    const [save, ...rest] = carrying;
    expect(save!.args).toEqual([
      expect.objectContaining({ password: { kind: 'set', password: PASSWORD }, profile: expect.any(Object) }),
    ]);
    const sent = rest.filter((record) => record.method === 'sendCommand').map((record) => record.args);
    expect(sent).toEqual([
      ...TYPED_WITH_PASSWORD.map((command) => [sessionId, command]),
      [sessionId, `echo again ${PASSWORD}`],
      [expect.any(String), `say ${PASSWORD}`],
    ]);
    const reconnect = rest.find((record) => record.method === 'reconnectSession');
    expect(reconnect!.args).toEqual([expect.any(String), PASSWORD]);

    // The edit kept the password without sending it; the copy's was cleared; the prompt's wrong one went to openSession.
    const saves = invokes.filter((record) => record.method === 'saveProfile').map((record) => record.args);
    expect(saves).toEqual([
      [expect.objectContaining({ password: { kind: 'set', password: PASSWORD } })],
      [expect.objectContaining({ id: original.id, password: { kind: 'keep' } })],
      [expect.objectContaining({ id: copy.id, password: { kind: 'clear' } })],
    ]);
    const opens = invokes.filter((record) => record.method === 'openSession').map((record) => record.args);
    // The copy has no password: the main process is asked first (it may hold one typed earlier), says
    // none, and only then is the user prompted.
    expect(opens).toEqual([
      [{ profileId: original.id }],
      [{ profileId: copy.id }],
      [{ profileId: copy.id, password: WRONG_PASSWORD }],
    ]);
    // Duplicating sends only the id; the copy's password was copied inside the main process.
    expect(invokes.filter((record) => record.method === 'duplicateProfile').map((record) => record.args)).toEqual([
      [original.id],
    ]);
  });

  it('keeps it out of the window and of every file in the data folder, in UTF-8 and in UTF-16', async () => {
    const html = (await h.page.evaluate('document.documentElement.outerHTML')) as string;
    expect(html).not.toContain(PASSWORD);
    for (const tab of await h.tabs()) await expect(h.terminalText(tab.sessionId)).resolves.not.toContain(PASSWORD);

    // The history was written (so the scan covers a real file), without the commands that carry the password.
    const history = await h.history.get(original.id);
    expect(history).toContain('echo hello');
    await poll(() => filesUnder(h.dataDir).some((file) => file.path === 'history.json'), 'history.json on disk');

    // A control for the scan: a value the page stores in Local Storage, which Chromium writes in UTF-16.
    const control = `\u03a9-control-${randomBytes(6).toString('hex')}`;
    await h.page.evaluate(`localStorage.setItem('secrets-test-control', ${JSON.stringify(control)})`);

    // While the window is open, then after it closed and flushed its profile (Local Storage, Session Storage…).
    expect(filesMentioning(PASSWORD)).toEqual([]);
    await h.closeBrowser();
    const files = filesUnder(h.dataDir);
    expect(files.map((file) => file.path)).toEqual(expect.arrayContaining(['profiles.json', 'history.json']));
    expect(files.length).toBeGreaterThan(2); // the browser's own files are scanned too
    expect(filesMentioning(PASSWORD)).toEqual([]);
    // The scan does find what is there: the profile id in profiles.json, the control in the browser's storage.
    expect(filesMentioning(original.id)).toContain('profiles.json');
    expect(filesMentioning(control).length).toBeGreaterThan(0);
    // Nor the wrong password typed in the prompt.
    expect(filesMentioning(WRONG_PASSWORD)).toEqual([]);

    // The keychain is where it lives.
    expect(await savedPassword(original.id)).toBe(PASSWORD);
    const entries = await keytar.findCredentials(h.serviceName);
    expect(entries.map(({ account, password }) => ({ account, ...decodeBoundSecret(password) }))).toEqual([
      { account: original.id, password: PASSWORD, boundTo: { host: original.host, port: original.port } },
    ]);
    expect(h.pageErrors).toEqual([]);
  });
});
