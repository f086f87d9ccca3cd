import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../src/shared/api';
import { adaptCommand } from '../../src/shared/game-presets';
import { HistoryStore } from '../../src/main/services/history-store';
import { SessionManager } from '../../src/main/services/session-manager';
import { ReferenceServer } from '../../src/reference-server/server';
import type { ReferenceServerOptions } from '../../src/reference-server/options';
import { MemoryProfiles, removeDir, tempDir, waitFor } from './helpers';

const PASSWORD = 'quirk-secret';

describe('adaptCommand', () => {
  it("sends a Palworld Broadcast's spaces as underscores, and says so", () => {
    expect(adaptCommand('palworld', 'Broadcast Restart in 5 minutes')).toEqual({
      command: 'Broadcast Restart_in_5_minutes',
      note: 'Palworld shows only the first word of Broadcast: its spaces were sent as underscores.',
    });
    expect(adaptCommand('palworld', 'broadcast  two  words ').command).toBe('broadcast  two_words');
    expect(adaptCommand('palworld', 'Broadcast one')).toEqual({ command: 'Broadcast one' });
    expect(adaptCommand('palworld', 'ShowPlayers')).toEqual({ command: 'ShowPlayers' });
    expect(adaptCommand('cs2', 'Broadcast a b')).toEqual({ command: 'Broadcast a b' });
    expect(adaptCommand(undefined, 'Broadcast a b')).toEqual({ command: 'Broadcast a b' });
  });
});

describe('game quirks in a session, against the reference server', () => {
  let dir: string;
  let server: ReferenceServer;
  let profiles: MemoryProfiles;
  let history: HistoryStore;
  let sessions: SessionManager;
  let events: SessionEvent[];

  beforeEach(async () => {
    dir = await tempDir();
    profiles = new MemoryProfiles();
    history = new HistoryStore(join(dir, 'history.json'));
    events = [];
    sessions = new SessionManager(profiles, history, { reconnect: { maxAttempts: 0 }, chatPollIntervalMs: 30 });
    sessions.on('event', (event) => events.push(event));
  });
  afterEach(async () => {
    await sessions.closeAll();
    await server.close();
    await history.flush();
    await removeDir(dir);
  });

  async function open(options: ReferenceServerOptions, game: 'ark' | 'palworld'): Promise<string> {
    server = new ReferenceServer({ password: PASSWORD, broadcastIntervalMs: 0, ...options });
    const { port } = await server.listen();
    const profile = profiles.add({ name: game, port, game }, PASSWORD);
    const { sessionId } = await sessions.open({ profileId: profile.id });
    await waitFor(() => sessions.get(sessionId).status === 'connected', 'connected', 10_000);
    return sessionId;
  }

  const outputs = (sessionId: string, kind: string): string[] =>
    events.flatMap((e) => (e.type === 'output' && e.sessionId === sessionId && e.kind === kind ? [e.text] : []));

  it('reads ARK chat by polling getchat, shows it once as server messages, and stops when closed', async () => {
    const sessionId = await open({ personality: 'ark' }, 'ark');
    await waitFor(() => outputs(sessionId, 'server').length > 0, 'the chat', 5_000);
    expect(outputs(sessionId, 'server')).toEqual(['SERVER: welcome\nSurvivor (Alex): hello\n']);
    // Later polls find no new chat ("Server received, But no response!!" is no output): nothing more shows.
    await waitFor(() => server.receivedCommands.filter((c) => c === 'getchat').length >= 3, 'more polls', 5_000);
    expect(outputs(sessionId, 'server')).toHaveLength(1);
    // The polls are not the admin's commands: no echo, no history.
    expect(outputs(sessionId, 'command')).toEqual([]);
    await history.flush();
    expect(await history.get(sessions.get(sessionId).profileId)).toEqual([]);

    await sessions.close(sessionId);
    const polled = server.receivedCommands.length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(server.receivedCommands.length).toBe(polled);
  });

  it('sends a Palworld Broadcast whole, with underscores, and tells the admin', async () => {
    const sessionId = await open({ personality: 'palworld' }, 'palworld');
    const sent = await sessions.send(sessionId, 'Broadcast Server restarts in 5 minutes');
    expect(server.receivedCommands).toContain('Broadcast Server_restarts_in_5_minutes');
    expect(sent.text).toMatch(/Server_restarts_in_5_minutes/);
    expect(outputs(sessionId, 'command')).toEqual(['Broadcast Server_restarts_in_5_minutes']);
    expect(outputs(sessionId, 'info')).toContain(
      'Palworld shows only the first word of Broadcast: its spaces were sent as underscores.',
    );
  });
});
