import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsoleProtocol, SessionEvent, SessionStatus } from '../../src/shared/api';
import { HistoryStore } from '../../src/main/services/history-store';
import { SessionManager } from '../../src/main/services/session-manager';
import { parseProfile, parseProfileDraft } from '../../src/main/validation';
import { ValidationError } from '../../src/main/services/errors';
import type { ProtocolFaults, ProtocolServer } from '../../src/reference-server/protocols/common';
import { createProtocolServer } from '../../src/reference-server/protocols/create';
import { MemoryProfiles, draftDefaults, removeDir, tempDir, waitFor } from './helpers';

const PASSWORD = 'app-level-secret';

describe('the protocol field of a profile', () => {
  it('defaults to rcon for profiles written before it existed, and is validated', () => {
    const { protocol: _omitted, ...old } = { ...draftDefaults(), id: 'a1b2c3d4-0000-4000-8000-000000000000' };
    expect(parseProfile(old).protocol).toBe('rcon');
    expect(parseProfileDraft({ ...draftDefaults(), protocol: 'telnet' }).protocol).toBe('telnet');
    expect(() => parseProfileDraft({ ...draftDefaults(), protocol: 'ssh' })).toThrow(ValidationError);
    expect(() => parseProfileDraft({ ...draftDefaults(), protocol: 'ssh' })).toThrow(/Protocol must be one of/);
  });
});

describe.each(['webrcon', 'telnet', 'battleye'] as ConsoleProtocol[])(
  'SessionManager with a %s profile',
  (protocol) => {
    let dir: string;
    let servers: ProtocolServer[];
    let manager: SessionManager;
    let profiles: MemoryProfiles;
    let history: HistoryStore;
    let events: SessionEvent[];

    beforeEach(async () => {
      dir = await tempDir();
      servers = [];
      profiles = new MemoryProfiles();
      history = new HistoryStore(join(dir, 'history.json'));
      events = [];
      // The manager's own factory, not a test one: it must pick the client from the profile.
      manager = new SessionManager(profiles, history, {
        reconnect: { initialDelayMs: 20, maxDelayMs: 80, maxAttempts: 5 },
        clientOptions: { connectTimeoutMs: 2_000, commandTimeoutMs: 2_000 },
      });
      manager.on('event', (event) => events.push(event));
    });

    afterEach(async () => {
      await manager.closeAll();
      await Promise.all(servers.map((server) => server.close()));
      await history.flush();
      await removeDir(dir);
    });

    async function startServer(faults: ProtocolFaults = {}): Promise<ProtocolServer> {
      const server = createProtocolServer(protocol as Exclude<ConsoleProtocol, 'rcon'>, { password: PASSWORD, faults });
      servers.push(server);
      await server.listen();
      return server;
    }

    const statuses = (id: string): SessionStatus[] =>
      events.flatMap((event) =>
        event.type === 'status' && event.session.sessionId === id ? [event.session.status] : [],
      );
    const outputs = (id: string): { kind: string; text: string }[] =>
      events.flatMap((event) =>
        event.type === 'output' && event.sessionId === id ? [{ kind: event.kind, text: event.text }] : [],
      );
    const waitForStatus = (id: string, status: SessionStatus, count = 1): Promise<void> =>
      waitFor(() => statuses(id).filter((seen) => seen === status).length >= count, `status ${status}`);

    it('connects with the profile’s protocol, runs commands and shows pushed lines', async () => {
      const server = await startServer();
      const profile = profiles.add({ port: server.port, protocol }, PASSWORD);
      const { sessionId } = await manager.open({ profileId: profile.id });
      await waitForStatus(sessionId, 'connected');
      expect((await manager.send(sessionId, 'echo over ' + protocol)).text).toBe(`over ${protocol}`);
      server.chat('Alex', 'hello admins');
      await waitFor(
        () => outputs(sessionId).some((output) => output.kind === 'server' && output.text.includes('hello admins')),
        'the chat line',
      );
    });

    it('reports a wrong password and does not retry it', async () => {
      const server = await startServer();
      const profile = profiles.add({ port: server.port, protocol }, 'not-the-password');
      const { sessionId } = await manager.open({ profileId: profile.id });
      await waitForStatus(sessionId, 'error');
      expect(statuses(sessionId)).not.toContain('reconnecting');
      expect(server.stats.failedLogins).toBe(1);
    });

    it.skipIf(protocol === 'battleye')('reconnects when the server closes the connection', async () => {
      // Telnet counts the client's end-of-answer sentinel as a command line too.
      const server = await startServer({ closeAfterCommands: protocol === 'telnet' ? 2 : 1 });
      const profile = profiles.add({ port: server.port, protocol }, PASSWORD);
      const { sessionId } = await manager.open({ profileId: profile.id });
      await waitForStatus(sessionId, 'connected');
      expect((await manager.send(sessionId, 'echo one')).text).toBe('one');
      await expect(manager.send(sessionId, 'echo two')).rejects.toThrow();
      await waitForStatus(sessionId, 'connected', 2);
      expect(server.stats.logins).toBe(2);
      expect((await manager.send(sessionId, 'echo three')).text).toBe('three');
    });

    it.runIf(protocol === 'battleye')('reconnects when the UDP server goes silent', async () => {
      // Silent after the login and one command; then the port is served afresh by a new server.
      const silent = await startServer({ silentAfterPackets: 2 });
      const profile = profiles.add({ port: silent.port, protocol }, PASSWORD);
      const { sessionId } = await manager.open({ profileId: profile.id });
      await waitForStatus(sessionId, 'connected');
      expect((await manager.send(sessionId, 'echo one')).text).toBe('one');
      await expect(manager.send(sessionId, 'echo two')).rejects.toThrow(/timed out/);
      await waitForStatus(sessionId, 'reconnecting');
      await silent.close();
      const revived = createProtocolServer('battleye', { password: PASSWORD, port: silent.port });
      servers.push(revived);
      await revived.listen();
      await waitForStatus(sessionId, 'connected', 2);
      expect((await manager.send(sessionId, 'echo three')).text).toBe('three');
    });
  },
);
