import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerOutcome } from '../../src/shared/fleet';
import { AuditLog } from '../../src/main/services/audit-log';
import { FleetRunner, type MacroProgress } from '../../src/main/services/fleet-runner';
import { HistoryStore } from '../../src/main/services/history-store';
import { SessionManager } from '../../src/main/services/session-manager';
import { ReferenceServer } from '../../src/reference-server/server';
import type { ReferenceServerOptions, ServerEvent } from '../../src/reference-server/options';
import { MemoryProfiles, removeDir, tempDir, waitFor } from './helpers';

const PASSWORD = 'fleet-secret';

/** A reference server that remembers the logins and commands it received. */
interface RecordingServer {
  server: ReferenceServer;
  port: number;
  logins: boolean[];
  commands: string[];
}

describe('FleetRunner: broadcasts and macros over real sessions', () => {
  let dir: string;
  let servers: ReferenceServer[];
  let profiles: MemoryProfiles;
  let history: HistoryStore;
  let audit: AuditLog;
  let sessions: SessionManager;
  let runner: FleetRunner;

  beforeEach(async () => {
    dir = await tempDir();
    servers = [];
    profiles = new MemoryProfiles();
    history = new HistoryStore(join(dir, 'history.json'));
    audit = new AuditLog(join(dir, 'audit', 'audit.jsonl'));
    sessions = new SessionManager(profiles, history, {
      reconnect: { maxAttempts: 0 },
      clientOptions: { connectTimeoutMs: 2_000, commandTimeoutMs: 5_000 },
      audit,
    });
    runner = new FleetRunner(profiles, sessions, { concurrency: 3 });
  });

  afterEach(async () => {
    await sessions.closeAll();
    await Promise.all(servers.map((server) => server.close()));
    await history.flush();
    await removeDir(dir);
  });

  async function startServer(options: ReferenceServerOptions = {}): Promise<RecordingServer> {
    const logins: boolean[] = [];
    const commands: string[] = [];
    const onEvent = (event: ServerEvent): void => {
      if (event.kind === 'auth') logins.push(event.ok);
      if (event.kind === 'command') commands.push(event.command);
    };
    const server = new ReferenceServer({ password: PASSWORD, broadcastIntervalMs: 0, onEvent, ...options });
    servers.push(server);
    const { port } = await server.listen();
    return { server, port, logins, commands };
  }

  /** A port nothing listens on: a server's, after it closed. */
  async function deadPort(): Promise<number> {
    const server = new ReferenceServer({ password: PASSWORD });
    const { port } = await server.listen();
    await server.close();
    return port;
  }

  it('gives each server its own outcome: answered, down, wrong password and slow', async () => {
    const healthy = await startServer();
    const wrong = await startServer({ password: 'another-password' });
    const slow = await startServer({ faults: { responseDelayMs: 300 } });
    const up = profiles.add({ name: 'Up', port: healthy.port, group: 'league' }, PASSWORD);
    const down = profiles.add({ name: 'Down', port: await deadPort(), group: 'league' }, PASSWORD);
    const refused = profiles.add({ name: 'Refused', port: wrong.port, group: 'league' }, PASSWORD);
    const late = profiles.add({ name: 'Slow', port: slow.port, group: 'league' }, PASSWORD);
    profiles.add({ name: 'Elsewhere', port: healthy.port, group: 'other' }, PASSWORD);

    const seen: ServerOutcome[] = [];
    const outcomes = await runner.broadcast({ kind: 'group', group: 'league' }, 'echo hello fleet', {
      onOutcome: (outcome) => seen.push(outcome),
    });

    expect(outcomes.map((o) => [o.server, o.status])).toEqual([
      ['Up', 'ok'],
      ['Down', 'skipped'],
      ['Refused', 'skipped'],
      ['Slow', 'ok'],
    ]);
    expect(outcomes[0]).toMatchObject({ profileId: up.id, answer: 'hello fleet' });
    expect(outcomes[1]).toMatchObject({ profileId: down.id, error: expect.stringMatching(/^Not sent: /) });
    expect(outcomes[2]).toMatchObject({ profileId: refused.id, error: expect.stringMatching(/password/i) });
    expect(outcomes[3]).toMatchObject({ profileId: late.id, answer: 'hello fleet' });
    expect(outcomes[3]!.durationMs).toBeGreaterThanOrEqual(300);
    expect(seen).toHaveLength(4);

    // The refused server saw one login and no command: a login is never retried, nothing is sent.
    expect(wrong.logins).toEqual([false]);
    expect(wrong.commands).toEqual([]);
    // Only the group's servers got the command, once each.
    expect(healthy.commands).toEqual(['echo hello fleet']);
    expect(slow.commands).toEqual(['echo hello fleet']);
    // Sessions opened for the broadcast are closed after it.
    expect(sessions.list()).toEqual([]);
  });

  it('uses an open session as it is, so its tab shows the answer, and leaves it open', async () => {
    const a = await startServer();
    const b = await startServer();
    const first = profiles.add({ name: 'A', port: a.port }, PASSWORD);
    const second = profiles.add({ name: 'B', port: b.port }, PASSWORD);
    const tab = await sessions.open({ profileId: first.id });
    await waitFor(() => sessions.get(tab.sessionId).status === 'connected', 'the tab connected');
    const outputs: string[] = [];
    sessions.on('event', (event) => {
      if (event.type === 'output' && event.sessionId === tab.sessionId) outputs.push(`${event.kind}:${event.text}`);
    });

    const outcomes = await runner.broadcast({ kind: 'profiles', profileIds: [first.id, second.id] }, 'echo both');

    expect(outcomes.map((o) => o.status)).toEqual(['ok', 'ok']);
    expect(outputs).toEqual(['command:echo both', 'response:both']);
    expect(sessions.list().map((s) => s.sessionId)).toEqual([tab.sessionId]);
    expect(a.logins).toEqual([true]);
  });

  it('sends nothing to a server the user opted out', async () => {
    const a = await startServer();
    const b = await startServer();
    const first = profiles.add({ name: 'A', port: a.port, group: 'g' }, PASSWORD);
    const second = profiles.add({ name: 'B', port: b.port, group: 'g' }, PASSWORD);

    const outcomes = await runner.broadcast({ kind: 'group', group: 'g' }, 'echo x', { exclude: [second.id] });

    expect(outcomes.map((o) => o.profileId)).toEqual([first.id]);
    expect(b.logins).toEqual([]);
    await expect(
      runner.broadcast({ kind: 'group', group: 'g' }, 'echo x', { exclude: [first.id, second.id] }),
    ).rejects.toThrow(/opted out/);
    await expect(runner.broadcast({ kind: 'group', group: 'nope' }, 'echo x')).rejects.toThrow(/group "nope"/);
  });

  it('records every command in the audit log, masked, with who sent it', async () => {
    const a = await startServer();
    const profile = profiles.add({ name: 'Audited', port: a.port }, PASSWORD);
    await runner.broadcast({ kind: 'profiles', profileIds: [profile.id] }, 'echo audited');
    await runner.broadcast({ kind: 'profiles', profileIds: [profile.id] }, 'rcon_password hunter22');

    await waitFor(() => a.commands.length === 2, 'both commands');
    const { records } = await audit.read();
    expect(records.map((r) => [r.command, r.source, r.outcome, r.server, r.address])).toEqual([
      ['rcon_password ********', 'broadcast', 'ok', 'Audited', `127.0.0.1:${a.port}`],
      ['echo audited', 'broadcast', 'ok', 'Audited', `127.0.0.1:${a.port}`],
    ]);
  });

  it('runs a macro step by step and stops when cancelled, during a wait', async () => {
    const a = await startServer();
    const b = await startServer();
    profiles.add({ name: 'A', port: a.port, group: 'maps' }, PASSWORD);
    profiles.add({ name: 'B', port: b.port, group: 'maps' }, PASSWORD);
    const macro = {
      id: 'restart-warning',
      name: 'Restart warning',
      steps: [
        { kind: 'command' as const, command: 'say Restart in 5 min' },
        { kind: 'wait' as const, seconds: 240 },
        { kind: 'command' as const, command: 'say Restart in 1 min' },
        { kind: 'command' as const, command: 'quit' },
      ],
    };
    const controller = new AbortController();
    const progress: MacroProgress[] = [];

    const result = await runner.runMacro(
      macro,
      { kind: 'group', group: 'maps' },
      {
        signal: controller.signal,
        onProgress: (p) => {
          progress.push(p);
          // Cancel once the wait has begun: the four-minute wait must end at once.
          if (p.step === 1) controller.abort();
        },
      },
    );

    expect(result.status).toBe('cancelled');
    expect(result.completedSteps).toBe(1);
    expect(result.outcomes).toHaveLength(1);
    expect(result.outcomes[0]!.map((o) => o.status)).toEqual(['ok', 'ok']);
    expect(a.commands).toEqual(['say Restart in 5 min']);
    expect(b.commands).toEqual(['say Restart in 5 min']);
    expect(progress.map((p) => p.step)).toEqual([0, 0, 1]);
    expect(sessions.list()).toEqual([]);
  });

  it('runs a whole macro, with its waits, and reports each step', async () => {
    const a = await startServer();
    const profile = profiles.add({ name: 'A', port: a.port }, PASSWORD);
    const waits: number[] = [];
    const fast = new FleetRunner(profiles, sessions, {
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    const macro = {
      id: 'm',
      name: 'Two steps',
      steps: [
        { kind: 'command' as const, command: 'echo one' },
        { kind: 'wait' as const, seconds: 60 },
        { kind: 'command' as const, command: 'echo two' },
      ],
    };

    const result = await fast.runMacro(macro, { kind: 'profiles', profileIds: [profile.id] });

    expect(result.status).toBe('done');
    expect(result.completedSteps).toBe(3);
    expect(result.outcomes.map((step) => step.map((o) => o.answer))).toEqual([['one'], ['two']]);
    expect(waits).toEqual([60_000]);
    expect(a.commands).toEqual(['echo one', 'echo two']);
  });
});
