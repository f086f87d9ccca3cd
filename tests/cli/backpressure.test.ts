import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type net from 'node:net';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PacketType, RconMessage } from '../../src/main/rcon/packet';
import { ScriptedServer } from '../engine/raw-server';
import { waitUntil } from './helpers';

/**
 * Issue 10: `rcon … | slow-reader` grew to 1.5 GB, because the CLI kept reading from the server
 * while stdout was not draining. Here a server pushes 128 MiB of messages as fast as TCP lets it,
 * the reader does not read at all, and the CLI must stop reading from the server: the server ends
 * up blocked long before it has sent everything. Then the reader reads, and every line arrives.
 */

const ROOT = resolve(__dirname, '../..');
const SOURCE_CLI = join(ROOT, 'src/cli/main.ts');
const TOTAL_BYTES = 128 * 1024 * 1024;
const BODY_LINES = 60;
const LINE = 'x'.repeat(60);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Flooder {
  port: number;
  sent(): number;
  blocked(): boolean;
  finished(): boolean;
  packets(): number;
}

/** Logs in like Minecraft, then pushes unsolicited packets while TCP accepts them. */
async function flooder(): Promise<Flooder> {
  let sent = 0;
  let packets = 0;
  let blocked = false;
  let finished = false;
  const flood = (socket: net.Socket): void => {
    while (sent < TOTAL_BYTES) {
      const lines = Array.from({ length: BODY_LINES }, (_, i) => `${packets * BODY_LINES + i} ${LINE}`);
      const packet = new RconMessage(0, PacketType.RESPONSE_VALUE, Buffer.from(lines.join('\n'))).encode();
      sent += packet.length;
      packets += 1;
      if (!socket.write(packet)) {
        blocked = true;
        socket.once('drain', () => {
          blocked = false;
          flood(socket);
        });
        return;
      }
    }
    finished = true;
  };
  const server = new ScriptedServer((socket, message) => {
    if (message.type !== PacketType.AUTH) return;
    socket.write(new RconMessage(message.id, PacketType.AUTH_RESPONSE).encode());
    flood(socket);
  });
  cleanups.push(() => server.close());
  const port = await server.listen();
  return { port, sent: () => sent, blocked: () => blocked, finished: () => finished, packets: () => packets };
}

function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}

describe('rcon with a reader that does not keep up', () => {
  it('stops reading from the server while stdout is full, and loses nothing once it drains', async () => {
    const server = await flooder();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', SOURCE_CLI, `127.0.0.1:${server.port}`, '--dialect', 'minecraft'],
      { cwd: ROOT, env: { ...process.env, RCON_PASSWORD: 'pw', RCON_HISTORY_FILE: '' }, stdio: 'pipe' },
    );
    cleanups.push(() => {
      if (child.exitCode === null) child.kill();
    });
    // stdout is not read yet: its pipe fills, then the CLI's own buffer.
    let lastSent = -1;
    let stillFor = 0;
    await waitUntil(() => {
      const sent = server.sent();
      stillFor = server.blocked() && sent === lastSent ? stillFor + 1 : 0;
      lastSent = sent;
      return stillFor >= 20 || server.finished();
    }, 60_000);
    const whileBlocked = memoryOf(child.pid!);
    const sentWhileBlocked = server.sent();
    console.info(
      `backpressure: server blocked after ${(sentWhileBlocked / (1024 * 1024)).toFixed(1)} MiB of ${TOTAL_BYTES / (1024 * 1024)} MiB; ` +
        `CLI RSS ${whileBlocked.rssMiB.toFixed(0)} MiB, peak ${whileBlocked.peakMiB.toFixed(0)} MiB`,
    );
    expect(server.finished()).toBe(false);
    expect(sentWhileBlocked).toBeLessThan(TOTAL_BYTES / 4);

    // Now read: the flood resumes and every line arrives, in order.
    let expected = 0;
    let pending = '';
    let outOfOrder: string | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line !== `[server] ${expected} ${LINE}`) outOfOrder ??= line;
        expected += 1;
      }
    });
    await waitUntil(() => server.finished() && expected === server.packets() * BODY_LINES, 120_000);
    expect(outOfOrder).toBeUndefined();
    const after = memoryOf(child.pid!);
    console.info(
      `backpressure: all ${TOTAL_BYTES / (1024 * 1024)} MiB delivered; CLI peak RSS ${after.peakMiB.toFixed(0)} MiB`,
    );
    expect(after.peakMiB).toBeLessThan(400);
    child.stdin.end();
  }, 180_000);
});
