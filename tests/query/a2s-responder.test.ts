import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { GameDig } from 'gamedig';
import { afterEach, describe, expect, it } from 'vitest';
import { GamedigQuery, QueryBadAnswerError, QueryNoAnswerError, QueryRequestError } from '../../src/main/query';
import { cvarTable } from '../../src/reference-server/cvars';
import { QueryResponder, type QueryResponderOptions } from '../../src/reference-server/query-responder';
import { STATUS_HOSTNAME, STATUS_MAP, STATUS_PLAYERS } from '../../src/reference-server/source-output';

/**
 * The reference server's A2S responder against gamedig, a query library these tests did not
 * write (no independent A2S server runs on this machine; see docs/server-queries.md).
 */

const responders: QueryResponder[] = [];

async function start(options: QueryResponderOptions = {}): Promise<{ responder: QueryResponder; port: number }> {
  const responder = new QueryResponder(options);
  responders.push(responder);
  const { port } = await responder.listen();
  return { responder, port };
}

afterEach(async () => {
  await Promise.all(responders.splice(0).map((responder) => responder.close()));
});

const byName = <T extends { name: string }>(list: readonly T[]): T[] =>
  [...list].sort((a, b) => a.name.localeCompare(b.name));

describe('A2S responder, queried with gamedig', () => {
  it('answers A2S_INFO and A2S_PLAYER after the challenge, with the players `status` lists', async () => {
    const { responder, port } = await start({ gamePort: 27015 });
    const info = await new GamedigQuery().info('127.0.0.1', port, { protocol: 'a2s' });

    expect(info).toMatchObject({ name: STATUS_HOSTNAME, map: STATUS_MAP, players: 2, maxPlayers: 20, bots: 0 });
    expect(info.game).toBe('Counter-Strike 2');
    expect(info.pingMs).toBeGreaterThanOrEqual(0);
    expect(byName(info.playerList)).toEqual([
      { name: 'Alex', score: 14, durationSeconds: 12 * 60 + 34 },
      { name: 'Steve', score: 21, durationSeconds: 3 * 60 + 2 },
    ]);
    expect(info.playerList.map((player) => player.name).sort()).toEqual(STATUS_PLAYERS.map((p) => p.name).sort());

    // The first A2S_INFO carries no challenge and gets S2C_CHALLENGE; the repeat carries it.
    expect(responder.received.map((event) => `${event.request}:${event.answer}`)).toEqual([
      'info:challenge',
      'info:answer',
      'players:answer',
    ]);
  });

  it('answers a request with a wrong challenge with a new challenge, not the data', async () => {
    const { port } = await start();
    const socket = createSocket('udp4');
    try {
      await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
      const request = Buffer.from([0xff, 0xff, 0xff, 0xff, 0x55, 0x12, 0x34, 0x56, 0x78]);
      const answered = once(socket, 'message') as Promise<[Buffer]>;
      socket.send(request, port, '127.0.0.1');
      const [answer] = await answered;
      expect(answer.readInt32LE(0)).toBe(-1);
      expect(answer[4]).toBe(0x41);
      expect(answer.length).toBe(9);
      expect(answer.readInt32LE(5)).not.toBe(0x78563412);
    } finally {
      socket.close();
    }
  });

  it('answers at once when the challenge is turned off (servers before 2020)', async () => {
    const { responder, port } = await start({ challenge: false });
    const info = await new GamedigQuery().info('127.0.0.1', port, { protocol: 'a2s', players: false });
    expect(info.name).toBe(STATUS_HOSTNAME);
    expect(responder.received.map((event) => `${event.request}:${event.answer}`)).toEqual(['info:answer']);
  });

  it('sends long answers as split packets that gamedig puts back together', async () => {
    const { responder, port } = await start({ extraPlayers: 200, maxPacketBytes: 500 });
    const info = await new GamedigQuery().info('127.0.0.1', port, { protocol: 'a2s' });

    expect(info.players).toBe(202);
    expect(byName(info.playerList)).toEqual(byName(responder.playerList));
    const players = responder.received.find((event) => event.request === 'players' && event.answer === 'answer');
    expect(players?.packets).toBeGreaterThan(10);
  });

  it('answers A2S_RULES with the server variables', async () => {
    const { responder, port } = await start();
    const result = await new GameDig().query({
      type: 'protocol-valve',
      host: '127.0.0.1',
      port,
      givenPortOnly: true,
      maxRetries: 1,
      requestRules: true,
    });
    const rules = result.raw['rules'] as Record<string, string>;
    for (const entry of cvarTable()) expect(rules[entry.name]).toBe(entry.value);
    expect(responder.received.some((event) => event.request === 'rules' && event.answer === 'answer')).toBe(true);
  });

  it('reports split packets that do not add up as a bad answer, in words', async () => {
    const { port } = await start({ fault: 'bad-packets' });
    const failure = await new GamedigQuery()
      .info('127.0.0.1', port, { protocol: 'a2s', timeoutMs: 500 })
      .catch((e) => e);
    expect(failure).toBeInstanceOf(QueryBadAnswerError);
    expect((failure as Error).message).toBe(
      `The answer on UDP port ${port} is not a readable Source (A2S) query answer (Missing packet #1).`,
    );
  });

  it('reports silence as no answer, naming the port', async () => {
    const { responder, port } = await start({ fault: 'no-answer' });
    const failure = await new GamedigQuery()
      .info('127.0.0.1', port, { protocol: 'a2s', timeoutMs: 300 })
      .catch((e) => e);
    expect(failure).toBeInstanceOf(QueryNoAnswerError);
    expect((failure as Error).message).toBe(
      `The server did not answer the query on UDP port ${port}; is the query port right?`,
    );
    expect(responder.received.map((event) => event.answer)).toEqual(['none']);
  });

  it('reports a port where nothing listens as no answer', async () => {
    const { responder, port } = await start();
    await responder.close();
    const failure = await new GamedigQuery()
      .info('127.0.0.1', port, { protocol: 'a2s', timeoutMs: 300 })
      .catch((e) => e);
    expect(failure).toBeInstanceOf(QueryNoAnswerError);
  });

  it('refuses a port out of range before sending anything', async () => {
    const query = new GamedigQuery();
    await expect(query.info('127.0.0.1', 0, { protocol: 'a2s' })).rejects.toThrow(QueryRequestError);
    await expect(query.info('127.0.0.1', 70000, { protocol: 'a2s' })).rejects.toThrow(
      'The query port must be a whole number from 1 to 65535, got 70000.',
    );
    await expect(query.info(' ', 27015, { protocol: 'a2s' })).rejects.toThrow(
      'The query needs a host name or address.',
    );
  });
});
