import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../src/main/app-services';
import { ValidationError } from '../../src/main/services/errors';
import { QueryResponder } from '../../src/reference-server/query-responder';
import { ReferenceServer } from '../../src/reference-server/server';
import type { PersonalityName } from '../../src/reference-server/options';
import { STATUS_HOSTNAME, STATUS_PLAYERS } from '../../src/reference-server/source-output';
import type { GameId } from '../../src/shared/game-presets';
import { MemorySecretStore, draftDefaults, removeDir, tempDir, waitFor } from './helpers';

/** The status service over the real engine, a real reference server and its real A2S responder. */

let dir: string;
let services: AppServices;
const closers: (() => Promise<void>)[] = [];

beforeEach(async () => {
  dir = await tempDir();
  services = createAppServices({
    dataDir: dir,
    secrets: new MemorySecretStore(),
    // Nothing here saves a file: a chooser that cancels.
    choosePath: async () => undefined,
    sessions: { reconnect: { maxAttempts: 0 } },
  });
});

afterEach(async () => {
  await services.sessions.closeAll();
  for (const close of closers.splice(0)) await close();
  await removeDir(dir);
});

async function serverWithQuery(
  personality: PersonalityName = 'srcds',
): Promise<{ server: ReferenceServer; rconPort: number; queryPort: number }> {
  const server = new ReferenceServer({ password: 'pw', personality, broadcastIntervalMs: 0 });
  const { port: rconPort } = await server.listen();
  const responder = new QueryResponder({ gamePort: rconPort });
  const { port: queryPort } = await responder.listen();
  closers.push(
    () => server.close(),
    () => responder.close(),
  );
  return { server, rconPort, queryPort };
}

async function saved(port: number, extra: { game?: GameId; queryPort?: number; dialect?: 'minecraft' } = {}) {
  return services.profiles.save({
    profile: { ...draftDefaults(), port, ...extra },
    password: { kind: 'set', password: 'pw' },
  });
}

async function connected(profileId: string): Promise<string> {
  const session = await services.sessions.open({ profileId });
  await waitFor(() => services.sessions.get(session.sessionId).status === 'connected', 'the session to connect');
  return session.sessionId;
}

describe('server status', () => {
  it('is online with the query answer on the profile query port, offline in words when nothing answers', async () => {
    const { rconPort, queryPort } = await serverWithQuery();
    const online = await services.status.status((await saved(rconPort, { queryPort })).id);
    expect(online).toMatchObject({ kind: 'online', info: { name: STATUS_HOSTNAME, players: 2, maxPlayers: 20 } });

    const silent = new QueryResponder({ fault: 'no-answer' });
    const { port: silentPort } = await silent.listen();
    closers.push(() => silent.close());
    const offline = await services.status.status((await saved(rconPort, { queryPort: silentPort })).id);
    expect(offline).toMatchObject({
      kind: 'offline',
      reason: `The server did not answer the query on UDP port ${silentPort}; is the query port right?`,
    });
  }, 30_000);

  it('says a game without a query protocol has no status', async () => {
    const profile = await saved(25575, { game: 'palworld' });
    expect(await services.status.status(profile.id)).toMatchObject({ kind: 'unsupported' });
  });
});

describe('players and player actions', () => {
  it('merges the query list with status: SteamID, ping and address next to score and time', async () => {
    const { server, rconPort, queryPort } = await serverWithQuery();
    const profile = await saved(rconPort, { game: 'csgo', queryPort });
    const sessionId = await connected(profile.id);
    const view = await services.status.players(sessionId);
    const rows = [...view.rows].sort((a, b) => a.name.localeCompare(b.name));
    expect(rows).toEqual(
      STATUS_PLAYERS.map((player) => ({
        name: player.name,
        userId: player.userId,
        steamId: player.steamId,
        pingMs: player.ping,
        address: player.address,
        score: player.userId * 7,
        durationSeconds: expect.any(Number) as unknown,
        seenBy: { query: true, rcon: true },
      })),
    );
    expect(view.actions).toEqual({ kick: true, ban: true, banTakesMinutes: true, message: true });
    expect(server.receivedCommands).toContain('status');
    // Listing players is not something to recall with Up.
    expect(await services.history.get(profile.id)).not.toContain('status');
  });

  it('sends each action with the game commands and records it in the audit log as a player action', async () => {
    const { server, rconPort, queryPort } = await serverWithQuery();
    const profile = await saved(rconPort, { game: 'tf2', queryPort });
    const sessionId = await connected(profile.id);
    const alex = { name: 'Alex', userId: 2, steamId: 'STEAM_1:0:12345678' };

    await services.status.act({ sessionId, action: 'kick', player: alex, reason: 'afk' });
    await services.status.act({ sessionId, action: 'ban', player: alex, reason: 'cheating', minutes: 60 });
    await services.status.act({ sessionId, action: 'message', player: alex, message: 'welcome back' });
    expect(server.receivedCommands).toEqual([
      'kickid 2 afk',
      'banid 60 2',
      'kickid 2 cheating',
      'say Alex: welcome back',
    ]);

    let records = (await services.audit.read({ source: 'player-action' })).records;
    for (let tries = 0; records.length < 4 && tries < 100; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      records = (await services.audit.read({ source: 'player-action' })).records;
    }
    expect(records.map((record) => record.command).sort()).toEqual(
      ['banid 60 2', 'kickid 2 afk', 'kickid 2 cheating', 'say Alex: welcome back'].sort(),
    );
  });

  it('uses Minecraft commands for a Minecraft server, and refuses a ban duration it cannot honour', async () => {
    const { server, rconPort, queryPort } = await serverWithQuery('minecraft');
    // The Server List Ping is TCP: nothing listens for it on the A2S responder's (UDP) port.
    const sessionId = await connected((await saved(rconPort, { game: 'minecraft', queryPort })).id);
    await services.status.act({ sessionId, action: 'ban', player: { name: 'Steve' }, reason: 'griefing' });
    await services.status.act({ sessionId, action: 'message', player: { name: 'Steve' }, message: 'hi' });
    await expect(
      services.status.act({ sessionId, action: 'ban', player: { name: 'Steve' }, minutes: 30 }),
    ).rejects.toThrow(new ValidationError('This game bans for good: a ban here takes no duration.'));
    expect(server.receivedCommands).toEqual(['ban Steve griefing', 'tell Steve hi']);

    const view = await services.status.players(sessionId);
    expect(view.rows.map((row) => row.name).sort()).toEqual(['Alex', 'Steve']);
    expect(view.queryProblem).toBe(
      `The server did not answer the query on TCP port ${queryPort}; is the query port right?`,
    );
  }, 30_000);

  it('refuses a reason that would start another command, and sends nothing', async () => {
    const { server, rconPort, queryPort } = await serverWithQuery();
    const sessionId = await connected((await saved(rconPort, { queryPort })).id);
    await expect(
      services.status.act({
        sessionId,
        action: 'kick',
        player: { name: 'Alex', userId: 2 },
        reason: 'bye; rcon_password x',
      }),
    ).rejects.toThrow(ValidationError);
    expect(server.receivedCommands).toEqual([]);
  });
});
