import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProfileView, SessionEvent, SessionInfo } from '../../src/shared/api';
import { createApiHandlers } from '../../src/main/api-handlers';
import { createAppServices, type AppServices } from '../../src/main/app-services';
import { HistoryStore } from '../../src/main/services/history-store';
import { SessionManager } from '../../src/main/services/session-manager';
import { localDay, TranscriptWriter, type TranscriptProfiles } from '../../src/main/services/transcript-writer';
import { HOSTILE_SEQUENCES, HOSTILE_TITLE } from '../../src/reference-server/hostile';
import { ReferenceServer } from '../../src/reference-server/server';
import { MemoryProfiles, MemorySecretStore, draftDefaults, removeDir, tempDir, waitFor } from './helpers';

const PASSWORD = 'transcript-pw';
/** One line's start: the local time and the tab's short id. */
const STAMP = String.raw`\d\d:\d\d:\d\d\.\d{3} #[0-9a-f]{6} `;

/** Every C0 control but newline, DEL, every C1 control, and the bidi controls the sanitizer marks. */
// eslint-disable-next-line no-control-regex -- control characters are what this test looks for
const FORBIDDEN = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

describe('automatic transcripts, through the app services, over real TCP', () => {
  let dir: string;
  let server: ReferenceServer;
  let services: AppServices;
  let events: SessionEvent[];
  let backgroundErrors: string[];

  beforeEach(async () => {
    dir = await tempDir();
    server = new ReferenceServer({ password: PASSWORD, personality: 'hostile', broadcastIntervalMs: 0 });
    await server.listen();
    events = [];
    backgroundErrors = [];
    services = createAppServices({
      dataDir: dir,
      secrets: new MemorySecretStore(),
      choosePath: async (name) => join(dir, name),
      sessions: { reconnect: { maxAttempts: 0 } },
      onBackgroundError: (what) => backgroundErrors.push(what),
    });
    services.sessions.on('event', (event) => events.push(event));
  });

  afterEach(async () => {
    await services.sessions.closeAll();
    await services.transcripts.flush();
    await services.history.flush();
    await server.close();
    await removeDir(dir);
  });

  async function saveServer(name: string, autoTranscript: boolean, id?: string): Promise<ProfileView> {
    return services.profiles.save({
      ...(id ? { id } : {}),
      profile: { ...draftDefaults(), name, port: server.port, settings: autoTranscript ? { autoTranscript } : {} },
      password: id ? { kind: 'keep' } : { kind: 'set', password: PASSWORD },
    });
  }

  async function connect(profile: ProfileView): Promise<SessionInfo> {
    const session = await services.sessions.open({ profileId: profile.id });
    await waitFor(
      () =>
        events.some(
          (e) => e.type === 'status' && e.session.sessionId === session.sessionId && e.session.status === 'connected',
        ),
      'the session to connect',
    );
    return session;
  }

  function todaysFile(profile: ProfileView): string {
    return join(services.transcripts.folderOf(profile), `${localDay(Date.now())}.log`);
  }

  it('appends commands, answers, server messages and status changes with the time, passwords masked', async () => {
    const profile = await saveServer('League #1: de/dust2', true);
    const session = await connect(profile);
    await services.sessions.send(session.sessionId, 'echo hello there');
    await services.sessions.send(session.sessionId, 'sm_cvar sv_password hunter2');
    server.broadcast('[Chat] Alex: gg');
    await waitFor(() => events.some((e) => e.type === 'output' && e.kind === 'server'), 'the chat message');
    await services.sessions.close(session.sessionId);
    await services.transcripts.flush();

    const folder = services.transcripts.folderOf(profile);
    expect(folder).toBe(join(dir, 'transcripts', `League _1_ de_dust2-${profile.id}`));
    // The window may show where the transcripts go.
    const handlers = createApiHandlers(services);
    expect(await handlers.transcriptFolder([profile.id])).toEqual({ ok: true, value: folder });
    expect(await handlers.transcriptFolder(['no-such-profile'])).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });
    const text = await readFile(todaysFile(profile), 'utf8');
    const tab = session.sessionId.slice(0, 6);
    const lines = text.trimEnd().split('\n');
    expect(lines.every((line) => new RegExp(`^${STAMP}`).test(line))).toBe(true);
    expect(lines.every((line) => line.includes(`#${tab} `))).toBe(true);
    expect(lines.map((line) => line.replace(new RegExp(`^${STAMP}`), ''))).toEqual([
      '[status] connecting',
      '[status] connected',
      '> echo hello there',
      '< hello there',
      '> sm_cvar sv_password ********',
      expect.stringMatching(/^< Unknown command "sm_cvar"/),
      '[server] [Chat] Alex: gg',
      '[status] disconnected: Closed.',
    ]);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain(PASSWORD);
    expect((await stat(todaysFile(profile))).mode & 0o777).toBe(0o600);
    expect(backgroundErrors).toEqual([]);
  });

  it('keeps no escape sequence or control character a hostile server sends, in answers or pushed messages', async () => {
    const profile = await saveServer('Hostile', true);
    const session = await connect(profile);
    await services.sessions.send(session.sessionId, 'hostile');
    await services.sessions.send(session.sessionId, 'hostile-push');
    const pushed = (): number => events.filter((e) => e.type === 'output' && e.kind === 'server').length;
    await waitFor(() => pushed() === HOSTILE_SEQUENCES.length, 'every pushed message');
    await services.transcripts.flush();

    const text = await readFile(todaysFile(profile), 'utf8');
    expect(text).not.toMatch(FORBIDDEN);
    expect(text).not.toContain('\x1b');
    expect(text).not.toContain(HOSTILE_TITLE);
    // The text around every sequence is kept, in order, in the answer and in the messages.
    HOSTILE_SEQUENCES.forEach((_sequence, index) => {
      expect(text).toMatch(new RegExp(`hostile ${index} <[^]*?> end ${index}\n`));
      expect(text).toMatch(new RegExp(`\\[server\\] pushed ${index} <[^]*?> end ${index}\n`));
    });
    // A carriage return that would start a forged "> rcon_password" entry only starts an indented line.
    const lines = text.trimEnd().split('\n');
    expect(lines.every((line) => new RegExp(`^(${STAMP}| {21})`).test(line))).toBe(true);
    expect(lines.some((line) => /^ +> rcon_password/.test(line))).toBe(true);
  });

  it('writes nothing while the setting is off, and starts writing in an open tab once it is turned on', async () => {
    const profile = await saveServer('Quiet', false);
    const session = await connect(profile);
    await services.sessions.send(session.sessionId, 'echo before-turning-on');
    await services.transcripts.flush();
    await expect(readdir(join(dir, 'transcripts'))).rejects.toMatchObject({ code: 'ENOENT' });

    await saveServer('Quiet', true, profile.id);
    await services.sessions.send(session.sessionId, 'echo after-turning-on');
    await services.transcripts.flush();
    const text = await readFile(todaysFile(profile), 'utf8');
    expect(text).toContain('> echo after-turning-on');
    expect(text).not.toContain('before-turning-on');

    await saveServer('Quiet', false, profile.id);
    await services.sessions.send(session.sessionId, 'echo after-turning-off');
    await services.transcripts.flush();
    expect(await readFile(todaysFile(profile), 'utf8')).toBe(text);
  });
});

describe('TranscriptWriter with a real SessionManager', () => {
  let dir: string;
  let server: ReferenceServer;
  let manager: SessionManager;
  let history: HistoryStore;
  let profiles: MemoryProfiles;

  beforeEach(async () => {
    dir = await tempDir();
    server = new ReferenceServer({ password: PASSWORD, broadcastIntervalMs: 0 });
    await server.listen();
    profiles = new MemoryProfiles();
    history = new HistoryStore(join(dir, 'history.json'));
    manager = new SessionManager(profiles, history, { reconnect: { maxAttempts: 0 } });
  });

  afterEach(async () => {
    await manager.closeAll();
    await history.flush();
    await server.close();
    await removeDir(dir);
  });

  function writerFor(options: Partial<ConstructorParameters<typeof TranscriptWriter>[1]> = {}): TranscriptWriter {
    const writer = new TranscriptWriter(profiles, {
      folder: join(dir, 'transcripts'),
      findSession: (id) => manager.list().find((s) => s.sessionId === id),
      ...options,
    });
    manager.on('event', (event) => writer.handle(event));
    return writer;
  }

  async function connected(profileId: string): Promise<string> {
    const { sessionId } = await manager.open({ profileId });
    await waitFor(() => manager.get(sessionId).status === 'connected', 'the session to connect');
    return sessionId;
  }

  it("rotates a day's file by size and keeps only the newest files", async () => {
    const profile = profiles.add({ name: 'Busy', port: server.port, settings: { autoTranscript: true } }, PASSWORD);
    const maxBytes = 2_000;
    const writer = writerFor({ maxBytes, keepFiles: 2 });
    const sessionId = await connected(profile.id);
    for (let n = 0; n < 20; n += 1) {
      await manager.send(sessionId, `echo ${String(n).padStart(2, '0')} ${'x'.repeat(300)}`);
      await writer.flush();
    }

    const folder = writer.folderOf(profile);
    const day = localDay(Date.now());
    expect((await readdir(folder)).sort()).toEqual([`${day}.1.log`, `${day}.2.log`, `${day}.log`]);
    const read = (name: string): Promise<string> => readFile(join(folder, name), 'utf8');
    const numbers = async (name: string): Promise<number[]> =>
      [...(await read(name)).matchAll(/> echo (\d\d) /g)].map((m) => Number(m[1]));
    const [oldest, older, newest] = await Promise.all([`${day}.2.log`, `${day}.1.log`, `${day}.log`].map(numbers));
    // In order across the files, the newest last, and the earliest commands rotated away.
    const kept = [...oldest!, ...older!, ...newest!];
    expect(kept).toEqual(kept.map((_n, i) => kept[0]! + i));
    expect(kept[kept.length - 1]).toBe(19);
    expect(kept[0]).toBeGreaterThan(0);
    for (const name of await readdir(folder))
      expect((await stat(join(folder, name))).size).toBeLessThanOrEqual(maxBytes);
  });

  it('drops lines that pile up behind a stalled disk, and says how many in the transcript', async () => {
    const profile = profiles.add({ name: 'Flood', port: server.port, settings: { autoTranscript: true } }, PASSWORD);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The first write waits until released, as on a disk that has stopped taking data.
    const stalled: TranscriptProfiles = { get: async (id) => (await gate, profiles.get(id)) };
    const writer = new TranscriptWriter(stalled, {
      folder: join(dir, 'transcripts'),
      findSession: (id) => manager.list().find((s) => s.sessionId === id),
      maxPendingBytes: 1_000,
    });
    manager.on('event', (event) => writer.handle(event));
    const sessionId = await connected(profile.id);
    for (let n = 0; n < 10; n += 1) await manager.send(sessionId, `echo ${n} ${'y'.repeat(200)}`);
    release();
    await writer.flush();

    const text = await readFile(join(writer.folderOf(profile), `${localDay(Date.now())}.log`), 'utf8');
    const note = /\[transcript\] (\d+) lines not written here: the output came faster than the disk took it\./.exec(
      text,
    );
    expect(note).not.toBeNull();
    const dropped = Number(note![1]);
    expect(dropped).toBeGreaterThan(0);
    // Two status changes, ten commands and ten answers: each either written or counted as dropped.
    const written = text.split('\n').filter((line) => new RegExp(`^${STAMP}`).test(line)).length;
    expect(written + dropped).toBe(22);
    // What was kept is the start, in order: nothing after a gap.
    const kept = [...text.matchAll(/> echo (\d) /g)].map((m) => Number(m[1]));
    expect(kept).toEqual(kept.map((_n, i) => i));
  });

  it('reports a transcript it cannot write once, and the session goes on', async () => {
    const profile = profiles.add({ name: 'Blocked', port: server.port, settings: { autoTranscript: true } }, PASSWORD);
    const errors: unknown[] = [];
    // A file where the transcripts folder should be: every write fails.
    await writeFile(join(dir, 'transcripts'), 'not a folder');
    const writer = writerFor({ onError: (error) => errors.push(error) });
    const sessionId = await connected(profile.id);
    await expect(manager.send(sessionId, 'echo one')).resolves.toMatchObject({ text: 'one' });
    await writer.flush();
    await expect(manager.send(sessionId, 'echo two')).resolves.toMatchObject({ text: 'two' });
    await writer.flush();
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/A transcript could not be written \(.*transcripts/);
  });
});
