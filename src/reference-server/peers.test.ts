import { Rcon } from 'rcon-client';
import RconSrcds from 'rcon-srcds';
import { afterEach, describe, expect, it } from 'vitest';
import { deterministicBytes } from './commands';
import type { PersonalityName } from './options';
import { PASSWORD, TestBed } from './test-bed';

/**
 * Third-party clients from npm against the reference server: if they work with it the way they
 * work with real servers (bugs included), the server's protocol is realistic.
 */
const bed = new TestBed();
const peers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await Promise.allSettled(peers.splice(0).map((close) => close()));
  await bed.cleanup();
});

async function rconClient(port: number, password = PASSWORD): Promise<Rcon> {
  const rcon = await Rcon.connect({ host: '127.0.0.1', port, password, timeout: 3000 });
  peers.push(() => rcon.end());
  return rcon;
}

/** rcon-srcds treats every socket read as one packet, so the server paces its packets for it. */
async function rconSrcds(personality: PersonalityName, password = PASSWORD): Promise<RconSrcds> {
  const server = await bed.server({ personality, faults: { packetIntervalMs: 15 } });
  const rcon = new RconSrcds({ host: '127.0.0.1', port: server.port, encoding: 'utf8' });
  // disconnect() waits for a 'close' that never comes again once rcon-srcds closed the socket itself.
  peers.push(async () => (rcon.isConnected() ? rcon.disconnect() : undefined));
  await rcon.authenticate(password);
  return rcon;
}

describe('rcon-client (npm) against the reference server', () => {
  it.each(['srcds', 'minecraft'] as const)('%s: logs in and gets exact echo answers', async (personality) => {
    const server = await bed.server({ personality });
    const rcon = await rconClient(server.port);
    expect(rcon.authenticated).toBe(true);
    expect(await rcon.send('echo hello world')).toBe('hello world');
    expect(await rcon.send('echo ')).toBe('');
    expect(server.receivedCommands).toEqual(['echo hello world', 'echo ']);
  });

  it.each(['srcds', 'minecraft'] as const)(
    '%s: gets only the first packet of a multi-packet answer (rcon-client does not reassemble)',
    async (personality) => {
      const server = await bed.server({ personality });
      const rcon = await rconClient(server.port);
      expect(await rcon.send('bytes 10000')).toBe(deterministicBytes(4096));
      // The other fragments carry an id nobody waits for any more; the next answer is still right.
      expect(await rcon.send('echo next')).toBe('next');
    },
  );

  it('minecraft: rejects a wrong password', async () => {
    const server = await bed.server({ personality: 'minecraft' });
    await expect(rconClient(server.port, 'wrong')).rejects.toThrow('Authentication failed');
  });

  it("srcds: mistakes Source's leading empty packet for a successful login, as it does with real servers", async () => {
    const server = await bed.server({ personality: 'srcds' });
    const rcon = await rconClient(server.port, 'wrong');
    expect(rcon.authenticated).toBe(true);
    expect(server.authFailures).toBe(1);
  });
});

describe('rcon-srcds (npm) against the reference server', () => {
  it.each(['srcds', 'minecraft'] as const)('%s: logs in and gets exact echo answers', async (personality) => {
    const rcon = await rconSrcds(personality);
    expect(rcon.isAuthenticated()).toBe(true);
    expect(await rcon.execute('echo hello world')).toBe('hello world');
    expect(await rcon.execute('echo caf\u00e9')).toBe('caf\u00e9');
  });

  it.each([
    ['srcds', 10000],
    ['srcds', 8192],
    ['minecraft', 10000],
    ['minecraft', 8192],
  ] as const)('%s: reassembles a multi-packet answer of %i bytes', async (personality, size) => {
    const rcon = await rconSrcds(personality);
    expect(await rcon.execute(`bytes ${size}`)).toBe(deterministicBytes(size));
  });

  it.each(['srcds', 'minecraft'] as const)('%s: rejects a wrong password', async (personality) => {
    await expect(rconSrcds(personality, 'wrong')).rejects.toThrow('Unable to authenticate');
  });
});
