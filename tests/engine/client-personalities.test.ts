import { describe, expect, it } from 'vitest';
import { RconClient } from '../../src/main/rcon/client';
import {
  RconAuthError,
  RconConnectionError,
  RconProtocolError,
  RconResponseTooLargeError,
  RconTimeoutError,
} from '../../src/main/rcon/errors';
import { deterministicBytes } from '../../src/reference-server/commands';
import { PASSWORD, useReferenceFixture } from './reference-fixture';

const { startServer, clientFor, connected } = useReferenceFixture();

describe('Source (srcds) servers', () => {
  it('logs in past the empty packet, detects the dialect and runs a command', async () => {
    const server = await startServer({ personality: 'srcds' });
    const client = await connected(server);
    expect(client.dialect).toBe('source');
    expect(await client.execute('echo Hello, world!')).toBe('Hello, world!');
    expect(server.authAttempts).toBe(1);
  });

  it('assembles an answer of 100 packets, and one of an exact multiple of 4096 bytes', async () => {
    const server = await startServer({ personality: 'srcds' });
    const client = await connected(server);
    const hundred = await client.executeRaw(`bytes ${100 * 4096}`);
    expect(hundred.packets).toBe(100);
    expect(hundred.text).toBe(deterministicBytes(100 * 4096));
    const exact = await client.executeRaw('bytes 8192');
    expect(exact.packets).toBe(2);
    expect(exact.body.length).toBe(8192);
  });

  it('answers 1,000 pipelined commands, each with its own answer', async () => {
    const server = await startServer({ personality: 'srcds' });
    const client = await connected(server);
    const answers = await Promise.all(Array.from({ length: 1000 }, (_, i) => client.execute(`echo command ${i}`)));
    expect(answers).toEqual(Array.from({ length: 1000 }, (_, i) => `command ${i}`));
    expect(server.commandsExecuted).toBe(1000);
  });

  it('works against a server that writes one byte at a time', async () => {
    const server = await startServer({ personality: 'srcds', faults: { bytesPerWrite: 1 } });
    const client = await connected(server, { dialect: 'auto' });
    expect(client.dialect).toBe('source');
    const answer = await client.executeRaw('bytes 9000');
    expect(answer.packets).toBe(3);
    expect(answer.text).toBe(deterministicBytes(9000));
  });

  it('keeps answers in order when the server is slow and commands are pipelined', async () => {
    const server = await startServer({ personality: 'srcds', faults: { responseDelayMs: 20 } });
    const client = await connected(server);
    const answers = await Promise.all(['a', 'b', 'c', 'd'].map((word) => client.execute(`echo ${word}`)));
    expect(answers).toEqual(['a', 'b', 'c', 'd']);
  });

  it('reports a wrong password once, then "banned" after the server bans the address', async () => {
    const server = await startServer({ personality: 'srcds', banAfterFailures: 2 });
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      const error = await clientFor(server, { password: 'wrong' })
        .connect()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RconAuthError);
      expect((error as RconAuthError).banned).toBe(false);
      expect(server.authAttempts).toBe(attempt);
    }
    const banned = await clientFor(server)
      .connect()
      .catch((e: unknown) => e);
    expect(banned).toBeInstanceOf(RconAuthError);
    expect((banned as RconAuthError).banned).toBe(true);
    expect((banned as Error).message).toMatch(/^Banned by the server/);
    expect(server.authAttempts).toBe(2);
  });
});

describe('Minecraft servers', () => {
  it('detects Minecraft and reads colour codes as text', async () => {
    const server = await startServer({ personality: 'minecraft' });
    const client = await connected(server);
    expect(client.dialect).toBe('minecraft');
    expect(await client.execute('list')).toBe('§6There are §c2§6 of a max of §c20§6 players online: Alex, Steve');
  });

  it('reassembles answers split every 4096 UTF-16 units, larger than 4096 bytes of UTF-8', async () => {
    const text = 'é'.repeat(6000);
    const server = await startServer({
      personality: 'minecraft',
      fragmentUnit: 'utf16',
      commands: { accents: () => text },
    });
    const client = await connected(server, { dialect: 'minecraft' });
    const answer = await client.executeRaw('accents');
    expect(answer.packets).toBe(2);
    expect(answer.text).toBe(text);
  });

  it('gets "wrong password" from id -1 without the Source empty packet', async () => {
    const server = await startServer({ personality: 'minecraft' });
    const error = await clientFor(server, { password: 'nope' })
      .connect()
      .catch((e: unknown) => e);
    expect(error).toEqual(RconAuthError.wrongPassword());
  });
});

describe('servers that never answer the end marker', () => {
  it('finishes commands after a quiet period in auto mode', async () => {
    const server = await startServer({ personality: 'silent' });
    const client = await connected(server, { quietPeriodMs: 150 });
    expect(client.dialect).toBe('quiet');
    expect(await client.execute('echo still works')).toBe('still works');
    const answers = await Promise.all(['one', 'two'].map((word) => client.execute(`echo ${word}`)));
    expect(answers).toEqual(['one', 'two']);
    expect((await client.executeRaw('bytes 10000')).text).toBe(deterministicBytes(10000));
  });

  it('times out with a clear error when forced to the Source dialect', async () => {
    const server = await startServer({ personality: 'silent' });
    const client = await connected(server, { dialect: 'source' });
    await expect(client.execute('echo x', { timeoutMs: 200 })).rejects.toThrow(RconTimeoutError);
    expect(client.status).toBe('ready');
  });
});

describe('servers that push unsolicited packets', () => {
  it('delivers them as server messages, never inside an answer', async () => {
    const server = await startServer({ personality: 'broadcast', broadcastIntervalMs: 5 });
    const client = await connected(server);
    const messages: string[] = [];
    client.on('message', (message) => messages.push(message.text));
    for (let i = 0; i < 5; i += 1) {
      expect((await client.executeRaw('bytes 20000')).text).toBe(deterministicBytes(20000));
    }
    server.broadcast('[Chat] Admin: hello');
    await expect.poll(() => messages.includes('[Chat] Admin: hello')).toBe(true);
    expect(messages.length).toBeGreaterThan(1);
  });
});

describe('Rust legacy RCON', () => {
  it('shows console lines pushed as type-4 packets of id -1 as server messages, never in an answer', async () => {
    const server = await startServer({ personality: 'rust', broadcastIntervalMs: 5 });
    const client = await connected(server);
    const messages: { id: number; type: number; text: string }[] = [];
    client.on('message', ({ id, type, text }) => messages.push({ id, type, text }));
    for (let i = 0; i < 5; i += 1) {
      expect((await client.executeRaw('bytes 20000')).text).toBe(deterministicBytes(20000));
    }
    server.broadcast('[event] assets/prefabs/npc/cargo plane spawned');
    await expect
      .poll(() => messages.find((m) => m.text === '[event] assets/prefabs/npc/cargo plane spawned'))
      .toEqual({ id: -1, type: 4, text: '[event] assets/prefabs/npc/cargo plane spawned' });
  });
});

describe('faults', () => {
  it('fails the command in flight when the server drops mid-answer', async () => {
    const server = await startServer({ personality: 'srcds', faults: { dropAfterBytes: 6000 } });
    const client = await connected(server);
    const error = await client.execute('bytes 20000').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RconConnectionError);
    expect((error as Error).message).toMatch(/^The server closed the connection in the middle of a packet/);
    expect(client.status).toBe('closed');
  });

  it('closes with a protocol error on garbage bytes', async () => {
    const server = await startServer({ personality: 'srcds', faults: { garbageAfterAuth: true } });
    const client = await connected(server);
    const error = await client.execute('status').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RconProtocolError);
    expect((error as Error).message).toMatch(/^Not an RCON server, or the stream is corrupt/);
  });

  it('says "banned" when the server closes during the login', async () => {
    const server = await startServer({ personality: 'srcds', faults: { closeOnAuth: true } });
    const error = await clientFor(server)
      .connect()
      .catch((e: unknown) => e);
    expect(error).toEqual(RconAuthError.banned());
  });

  it('times out against a half-open server', async () => {
    const server = await startServer({ personality: 'srcds', faults: { noAnswer: true } });
    const error = await clientFor(server, { commandTimeoutMs: 300 })
      .connect()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RconTimeoutError);
    expect((error as RconTimeoutError).phase).toBe('auth');
  });

  it('says "not an RCON server" when an HTTP server is on the port', async () => {
    const server = await startServer({ faults: { httpResponse: true } });
    await expect(clientFor(server).connect()).rejects.toThrow(/^Not an RCON server: .* answered in HTTP/);
  });

  it('drops an answer over the size limit and keeps the connection', async () => {
    const server = await startServer({ personality: 'srcds' });
    const client = await connected(server, { maxResponseBytes: 100_000 });
    const error = await client.execute('bytes 300000').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RconResponseTooLargeError);
    expect((error as Error).message).toBe(
      'The answer is larger than the limit of 97.7 KiB; the rest of it is discarded.',
    );
    expect(await client.execute('echo after')).toBe('after');
  });
});

describe('text encodings', () => {
  it('decodes Latin-1 when asked, and never throws on bytes that are not UTF-8', async () => {
    const server = await startServer({ personality: 'srcds', encoding: 'latin1', commands: { motd: () => 'café' } });
    const latin1 = await connected(server, { encoding: 'latin1' });
    expect(await latin1.execute('echo crème brûlée')).toBe('crème brûlée');
    const utf8 = await connected(server, { encoding: 'utf8' });
    const raw = await utf8.executeRaw('motd');
    expect(raw.text).toBe('caf\uFFFD');
    expect([...raw.body]).toEqual([...Buffer.from('café', 'latin1')]);
  });
});

describe('lifecycle', () => {
  it('closes with `await using` and fails later commands clearly', async () => {
    const server = await startServer();
    let escaped: RconClient | undefined;
    {
      await using client = await RconClient.open({ host: '127.0.0.1', port: server.port, password: PASSWORD });
      escaped = client;
      expect(await client.execute('echo inside')).toBe('inside');
    }
    expect(escaped.status).toBe('closed');
    await expect(escaped.execute('echo x')).rejects.toThrow(
      'Not connected: connect and log in before sending commands.',
    );
    await expect.poll(() => server.connections).toBe(0);
  });

  it('fails commands in flight when the server goes away, with a close event', async () => {
    const server = await startServer({ personality: 'srcds' });
    const client = await connected(server);
    const closed = new Promise<unknown>((resolve) => client.once('close', resolve));
    const pending = client.execute('sleep 5000').catch((e: unknown) => e);
    await expect.poll(() => server.receivedCommands.includes('sleep 5000')).toBe(true);
    server.dropAllConnections();
    const error = await pending;
    expect(error).toBeInstanceOf(RconConnectionError);
    expect(await closed).toBe(error);
  });
});
