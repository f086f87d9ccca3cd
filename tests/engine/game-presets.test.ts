import { describe, expect, it } from 'vitest';
import { RconConnectionError, RconRequestError } from '../../src/main/rcon/errors';
import { ARK_NO_RESPONSE, PALWORLD_PLAYERS } from '../../src/reference-server/game-personalities';
import { GAME_IDS, GAME_PRESETS, gameClientOptions, isGameId } from '../../src/shared/game-presets';
import { useReferenceFixture } from './reference-fixture';

/** Each game preset against the reference-server personality of that game. */
const { startServer, connected } = useReferenceFixture();

describe('the game presets', () => {
  it('cover every game id once, each with a port and at least one quirk', () => {
    expect(GAME_PRESETS.map((preset) => preset.id)).toEqual([...GAME_IDS]);
    for (const preset of GAME_PRESETS) {
      expect(preset.defaultPort).toBeGreaterThan(0);
      expect(preset.quirks.length).toBeGreaterThan(0);
    }
    expect(isGameId('palworld')).toBe(true);
    expect(isGameId('quake')).toBe(false);
  });

  it('ark: "Server received, But no response!!" reads as an empty answer, real output stays', async () => {
    const server = await startServer({ personality: 'ark' });
    const bare = await connected(server);
    expect(await bare.execute('broadcast hi')).toBe(ARK_NO_RESPONSE);
    const client = await connected(server, gameClientOptions('ark'));
    expect(client.dialect).toBe('quiet');
    expect(await client.execute('broadcast hi')).toBe('');
    expect(await client.execute('saveworld')).toBe('World Saved\n');
  });

  it('minecraft: a command over 1446 bytes is refused before it is sent', async () => {
    const server = await startServer({ personality: 'minecraft' });
    const client = await connected(server, gameClientOptions('minecraft'));
    const error = await client.execute(`say ${'x'.repeat(1500)}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RconRequestError);
    expect((error as Error).message).toBe('The command is 1504 bytes long; servers accept at most 1446.');
    expect(await client.execute('echo still connected')).toBe('still connected');
    expect(server.receivedCommands).toEqual(['echo still connected']);
  });

  it('palworld: the preset talks to a Palworld server', async () => {
    const server = await startServer({ personality: 'palworld' });
    const client = await connected(server, gameClientOptions('palworld'));
    expect(await client.execute('ShowPlayers')).toBe(PALWORLD_PLAYERS);
  });

  describe('conan: pacing keeps a client under the server rate limit', () => {
    // The reference Conan cuts off the 7th request in 600 ms; the client allows itself 5 in 700 ms.
    const rateLimit = { requests: 6, windowMs: 600 };

    it('paced, every command is answered', async () => {
      const server = await startServer({ personality: 'conan', rateLimit });
      const client = await connected(server, { ...gameClientOptions('conan'), pacing: { requests: 5, perMs: 700 } });
      const commands = Array.from({ length: 8 }, (_, i) => `echo ${i}`);
      const answers = await Promise.all(commands.map((command) => client.execute(command)));
      expect(answers).toEqual(commands.map((command) => command.slice(5)));
    });

    it('unpaced, the server cuts the client off', async () => {
      const server = await startServer({ personality: 'conan', rateLimit });
      const client = await connected(server, { dialect: 'auto' });
      const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => client.execute(`echo ${i}`)));
      const failure = results.find((result) => result.status === 'rejected');
      expect(failure?.reason).toBeInstanceOf(RconConnectionError);
    });
  });
});
