import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args';
import { formatDuration } from '../../src/cli/info';
import { QueryResponder, type QueryResponderOptions } from '../../src/reference-server/query-responder';
import { STATUS_HOSTNAME, STATUS_MAP } from '../../src/reference-server/source-output';
import { ensureCliBuilt, rcon } from './run-cli';

/** `rcon --info` from the built bundle: CommonJS, so gamedig is loaded through its require() build. */

const responders: QueryResponder[] = [];
async function responder(options: QueryResponderOptions = {}): Promise<string> {
  const started = new QueryResponder(options);
  responders.push(started);
  const { port } = await started.listen();
  return `127.0.0.1:${port}`;
}
afterEach(async () => {
  await Promise.all(responders.splice(0).map((started) => started.close()));
});

beforeAll(ensureCliBuilt, 120_000);

describe('rcon --info', () => {
  it('prints the name, map, players and each player', async () => {
    const address = await responder();
    const run = await rcon(['--info', address]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`${STATUS_HOSTNAME}  (${address})`);
    expect(lines).toContain(`  map      ${STATUS_MAP}`);
    expect(lines).toContain('  players  2/20');
    expect(lines).toContain('  game     Counter-Strike 2');
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}Alex +14 {2}12:34$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}Steve +21 {2}3:02$/));
  });

  it('--json prints exactly one object with the documented keys', async () => {
    const run = await rcon(['--info', await responder(), '--json']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const info = JSON.parse(run.stdout) as Record<string, unknown> & { playerList: Record<string, unknown>[] };
    expect(Object.keys(info)).toEqual(['name', 'map', 'players', 'maxPlayers', 'bots', 'game', 'pingMs', 'playerList']);
    expect(info).toMatchObject({ name: STATUS_HOSTNAME, map: STATUS_MAP, players: 2, maxPlayers: 20, bots: 0 });
    expect(typeof info['pingMs']).toBe('number');
    const players = [...info.playerList].sort((a, b) => String(a['name']).localeCompare(String(b['name'])));
    expect(players).toEqual([
      { name: 'Alex', score: 14, durationSeconds: 754 },
      { name: 'Steve', score: 21, durationSeconds: 182 },
    ]);
  });

  it('exits 4 with the reason in words when the server does not answer the query', async () => {
    const address = await responder({ fault: 'no-answer' });
    const port = address.split(':')[1];
    const run = await rcon(['--info', address, '--json', '--timeout', '0.3']);
    expect(run).toEqual({
      code: 4,
      stdout: '',
      stderr: `rcon: the server did not answer the query on UDP port ${port}; is the query port right?\n`,
    });
  });

  it('exits 6 when the answer cannot be read', async () => {
    const run = await rcon(['--info', await responder({ fault: 'bad-packets' }), '--timeout', '0.5']);
    expect(run.code).toBe(6);
    expect(run.stderr).toMatch(/^rcon: the answer on UDP port \d+ is not a readable Source \(A2S\) query answer/);
  });
});

describe('--info arguments', () => {
  it('uses the game query port and protocol, 3 s unless --timeout says otherwise', () => {
    expect(parseArgs(['--info', 'example.org'])).toEqual({
      kind: 'info',
      address: { host: 'example.org', port: 27015 },
      protocol: 'a2s',
      json: false,
      timeoutMs: 3000,
    });
    expect(parseArgs(['--info', 'mc.example.org', '--game', 'minecraft', '--json', '--timeout', '1'])).toEqual({
      kind: 'info',
      address: { host: 'mc.example.org', port: 25565 },
      protocol: 'minecraft',
      json: true,
      timeoutMs: 1000,
    });
  });

  it('refuses what does not go with it', () => {
    expect(() => parseArgs(['--info', 'a.example', 'b.example'])).toThrow('--info asks one server');
    expect(() => parseArgs(['--info'])).toThrow('--info needs an ADDRESS to ask');
    expect(() => parseArgs(['--info', 'h', '-e', 'status'])).toThrow('--info runs no commands');
    expect(() => parseArgs(['--info', 'h', '--game', 'palworld'])).toThrow('Palworld has no query protocol');
  });

  it('formats durations like the connected column of status', () => {
    expect([formatDuration(754), formatDuration(3723), formatDuration(5), formatDuration(null)]).toEqual([
      '12:34',
      '1:02:03',
      '0:05',
      '-',
    ]);
  });
});
