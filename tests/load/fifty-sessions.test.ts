import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutputKind, SessionStatus } from '../../src/shared/api';
import { SessionManager, type SessionHistory } from '../../src/main/services/session-manager';
import { MemoryProfiles } from '../services/helpers';

/**
 * 50 tabs against one server, 1,000 commands each with 8 in flight per tab, through the real
 * SessionManager and engine over loopback TCP. The reference server runs in a child process so
 * it does not share this event loop (bench/server-process.ts, password "bench", bans off).
 * Speed is printed, never asserted.
 */
const SESSIONS = 50;
const COMMANDS = 1_000;
const IN_FLIGHT = 8;
const SAMPLE_MS = 50;
const MIB = 1024 * 1024;

const REPO = fileURLToPath(new URL('../..', import.meta.url));

async function startServerProcess(): Promise<{ port: number; child: ChildProcessWithoutNullStreams }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/server-process.ts', 'srcds'], { cwd: REPO });
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  const port = Number(line.toString().trim());
  if (!Number.isInteger(port) || port <= 0) throw new Error(`The server process printed "${line.toString()}".`);
  return { port, child };
}

async function stopServerProcess(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.stdin.end();
  const timer = setTimeout(() => child.kill(), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Peak RSS and heap of this process, sampled every 50 ms. */
function sampleMemory(): { stop: () => { rss: number; heapUsed: number; startRss: number; startHeap: number } } {
  const start = process.memoryUsage();
  let rss = start.rss;
  let heapUsed = start.heapUsed;
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    heapUsed = Math.max(heapUsed, now.heapUsed);
  }, SAMPLE_MS);
  return {
    stop: () => {
      clearInterval(timer);
      return { rss, heapUsed, startRss: start.rss, startHeap: start.heapUsed };
    },
  };
}

class CountingHistory implements SessionHistory {
  appended = 0;
  async append(): Promise<void> {
    this.appended += 1;
  }
}

describe('load: 50 concurrent sessions against one server', () => {
  let server: { port: number; child: ChildProcessWithoutNullStreams };

  beforeAll(async () => {
    server = await startServerProcess();
  });
  afterAll(async () => {
    if (server) await stopServerProcess(server.child);
  });

  it(
    `${SESSIONS} sessions × ${COMMANDS} commands, ${IN_FLIGHT} in flight each: every answer is its own`,
    {
      timeout: 90_000,
    },
    async () => {
      const profiles = new MemoryProfiles();
      const history = new CountingHistory();
      const manager = new SessionManager(profiles, history, {
        clientOptions: { connectTimeoutMs: 10_000, commandTimeoutMs: 30_000 },
        // No reconnecting: a connection lost under load ends the session, so it cannot go unnoticed.
        reconnect: { maxAttempts: 0 },
      });
      const statuses = new Map<string, SessionStatus[]>();
      const outputs = new Map<string, Record<OutputKind, number>>();
      let ties = 0;
      manager.on('event', (event) => {
        if (event.type === 'status') {
          const seen = statuses.get(event.session.sessionId) ?? [];
          seen.push(event.session.status);
          statuses.set(event.session.sessionId, seen);
        } else {
          const counts = outputs.get(event.sessionId) ?? { command: 0, response: 0, server: 0, error: 0, info: 0 };
          // With 8 in flight, an answer that does not follow its own echo is headed "Answer to “echo …”:".
          if (event.kind === 'info' && /^Answer to “echo \d+-\d+”:$/.test(event.text)) ties += 1;
          else counts[event.kind] += 1;
          outputs.set(event.sessionId, counts);
        }
      });

      const memory = sampleMemory();
      const ids = await Promise.all(
        Array.from({ length: SESSIONS }, async (_, s) => {
          const profile = profiles.add({ name: `Server ${s}`, port: server.port }, 'bench');
          return (await manager.open({ profileId: profile.id })).sessionId;
        }),
      );
      const openDeadline = Date.now() + 15_000;
      while (!ids.every((id) => statuses.get(id)?.at(-1) === 'connected')) {
        const stuck = ids.filter((id) => statuses.get(id)?.at(-1) !== 'connected');
        if (Date.now() > openDeadline) throw new Error(`Not connected after 15 s: ${stuck.length} sessions.`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }

      const wrong: string[] = [];
      const failed: string[] = [];
      const started = performance.now();
      await Promise.all(
        ids.flatMap((id, s) =>
          Array.from({ length: IN_FLIGHT }, async (_, lane) => {
            for (let n = lane; n < COMMANDS; n += IN_FLIGHT) {
              const expected = `${s}-${n}`;
              try {
                const { text } = await manager.send(id, `echo ${expected}`);
                if (text !== expected) wrong.push(`session ${s}, echo ${expected}: got ${JSON.stringify(text)}`);
              } catch (error) {
                failed.push(
                  `session ${s}, echo ${expected}: ${error instanceof Error ? error.message : String(error)}`,
                );
              }
            }
          }),
        ),
      );
      const elapsedMs = performance.now() - started;
      const peak = memory.stop();

      expect(wrong.slice(0, 5)).toEqual([]);
      expect(failed.slice(0, 5)).toEqual([]);
      for (const id of ids) {
        expect(statuses.get(id)).toEqual(['connecting', 'authenticating', 'connected']);
        expect(outputs.get(id)).toEqual({ command: COMMANDS, response: COMMANDS, server: 0, error: 0, info: 0 });
      }
      expect(ties).toBeLessThanOrEqual(SESSIONS * COMMANDS);
      expect(history.appended).toBe(SESSIONS * COMMANDS);

      await manager.closeAll();
      expect(ids.every((id) => statuses.get(id)?.at(-1) === 'disconnected')).toBe(true);

      const total = SESSIONS * COMMANDS;
      const mib = (bytes: number): string => (bytes / MIB).toFixed(1);
      console.log(
        `load: ${SESSIONS} sessions × ${COMMANDS} commands (${IN_FLIGHT} in flight each): ` +
          `${total} commands in ${(elapsedMs / 1000).toFixed(2)} s = ${Math.round((total / elapsedMs) * 1000)} commands/s; ` +
          `test process peak RSS ${mib(peak.rss)} MiB (${mib(peak.startRss)} before), ` +
          `peak heap used ${mib(peak.heapUsed)} MiB (${mib(peak.startHeap)} before)`,
      );
    },
  );
});
