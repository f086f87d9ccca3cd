import { describe, expect, it } from 'vitest';
import { createRemoteConsole } from '../../src/main/protocol/create-remote-console';
import type { RemoteConsole } from '../../src/main/protocol/remote-console';
import {
  RconAuthError,
  RconConnectionError,
  RconRequestError,
  RconResponseTooLargeError,
} from '../../src/main/rcon/errors';
import { TelnetReferenceServer } from '../../src/reference-server/protocols/telnet-server';
import type { ProtocolServerOptions } from '../../src/reference-server/protocols/common';
import { deterministicBytes } from '../../src/reference-server/commands';
import { useCleanups } from '../cleanups';

const PASSWORD = 'sevendays';
const defer = useCleanups();

async function startServer(options: ProtocolServerOptions = {}): Promise<TelnetReferenceServer> {
  const server = new TelnetReferenceServer({ password: PASSWORD, ...options });
  await server.listen();
  defer(() => server.close());
  return server;
}

function clientFor(port: number, password = PASSWORD): RemoteConsole {
  const client = createRemoteConsole('telnet', { host: '127.0.0.1', port, password, commandTimeoutMs: 5_000 });
  defer(() => client.close());
  return client;
}

describe('7 Days to Die telnet engine against the reference server', () => {
  it('answers the password prompt, then finds the end of each answer, pipelined', async () => {
    const server = await startServer();
    const client = clientFor(server.port);
    await client.connect();
    expect(client.status).toBe('ready');
    const answers = await Promise.all([
      client.execute('sleep 60'),
      client.execute('lp'),
      client.execute('bytes 100000'),
      client.execute('nosuchcommand'),
    ]);
    expect(answers[0]).toBe('Slept 60 ms');
    expect(answers[1]).toMatch(/^1\. id=171, Alex.*\n2\. id=172, Steve.*\nTotal of 2 in the game$/);
    expect(answers[2]).toBe(deterministicBytes(100_000));
    expect(answers[3]).toBe("*** ERROR: unknown command 'nosuchcommand'");
  });

  it('keeps log lines out of answers: they are server messages, the sentinels hidden', async () => {
    const server = await startServer();
    const client = clientFor(server.port);
    const messages: string[] = [];
    client.on('message', (message) => messages.push(message.text));
    await client.connect();
    // The chat is logged while the command runs, between its echo and its answer.
    expect(await client.execute('say hello')).toBe('Message to all players: hello');
    server.broadcast('Time: 1.00m FPS: 60');
    expect(await client.execute('version')).toBe('RCON Desk reference telnet server');
    const logs = messages.filter((line) => / INF /.test(line));
    expect(logs.map((line) => line.replace(/^\S+ \S+ /, ''))).toEqual([
      expect.stringMatching(/^INF Executing command 'say hello' by Telnet from 127\.0\.0\.1:\d+$/),
      "INF Chat (from 'Steam_76561198000000001', entity id '171', to 'Global'): 'SERVER': hello",
      'INF Time: 1.00m FPS: 60',
      expect.stringMatching(/^INF Executing command 'version' by Telnet/),
    ]);
    expect(messages.some((line) => line.includes('rcondesk-end'))).toBe(false);
    // The server really received one sentinel per command.
    expect(server.stats.received.filter((line) => line.startsWith('rcondesk-end-'))).toHaveLength(2);
  });

  it('reports a wrong password as such', async () => {
    const server = await startServer();
    const client = clientFor(server.port, 'wrong');
    await expect(client.connect()).rejects.toThrow(RconAuthError);
    expect(client.status).toBe('closed');
    expect(server.stats.failedLogins).toBe(1);
  });

  it('reports a connection closed instead of answering the password as a refusal', async () => {
    const server = await startServer({ faults: { closeOnLogin: true } });
    const client = clientFor(server.port);
    const error = await client.connect().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(RconAuthError);
    expect((error as RconAuthError).banned).toBe(true);
  });

  it('fails the command in flight and emits close when the socket closes', async () => {
    // The client's sentinel is a command line too: two lines make one command.
    const server = await startServer({ faults: { closeAfterCommands: 2 } });
    const client = clientFor(server.port);
    await client.connect();
    expect(await client.execute('echo one')).toBe('one');
    const closed = new Promise<unknown>((resolve) => client.once('close', resolve));
    await expect(client.execute('echo two')).rejects.toBeInstanceOf(RconConnectionError);
    expect(await closed).toBeInstanceOf(RconConnectionError);
  });

  it('refuses a command with a line break, which would run as two', async () => {
    const server = await startServer();
    const client = clientFor(server.port);
    await client.connect();
    await expect(client.execute('say a\nshutdown')).rejects.toBeInstanceOf(RconRequestError);
    expect(server.stats.received).toEqual([]);
  });
});

describe('telnet answer limit', () => {
  it('closes with a clear error when an answer outgrows maxResponseBytes', async () => {
    const server = new TelnetReferenceServer({ password: PASSWORD });
    await server.listen();
    defer(() => server.close());
    const client = createRemoteConsole('telnet', {
      host: '127.0.0.1',
      port: server.port,
      password: PASSWORD,
      maxResponseBytes: 10_000,
    });
    defer(() => client.close());
    await client.connect();
    expect(await client.execute('bytes 5000')).toBe(deterministicBytes(5000));
    await expect(client.execute('bytes 50000')).rejects.toBeInstanceOf(RconResponseTooLargeError);
    expect(client.status).toBe('closed');
  });
});
