/**
 * Peak memory of one client whose server interleaves the answers of four pipelined commands
 * (issue 10), with and without the per-connection limit. Prints figures for docs/robustness.md.
 * Usage: node --expose-gc --import tsx bench/buffered-peak.ts [MiB per answer] [limit MiB|none]
 */
import { RconClient } from '../src/main/rcon/client';
import { interleavingServer } from '../tests/engine/raw-server';

const answerMiB = Number(process.argv[2] ?? 64);
const limitArg = process.argv[3] ?? 'none';
const PACKET = 4000;
const packets = Math.floor((answerMiB * 1024 * 1024) / PACKET);

async function main(): Promise<void> {
  const server = interleavingServer(4, packets, PACKET);
  const port = await server.listen();
  const client = new RconClient({
    host: '127.0.0.1',
    port,
    password: 'pw',
    dialect: 'source',
    commandTimeoutMs: 120_000,
    maxResponseBytes: (answerMiB + 1) * 1024 * 1024,
    ...(limitArg === 'none'
      ? { maxBufferedResponseBytes: 1024 * 1024 * 1024 }
      : { maxBufferedResponseBytes: Number(limitArg) * 1024 * 1024 }),
  });
  await client.connect();
  let peakRss = 0;
  let peakHeap = 0;
  // Collected before each sample (run with --expose-gc), so garbage waiting for the collector is not counted.
  const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const sample = setInterval(() => {
    collect();
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed + usage.arrayBuffers);
  }, 25);
  // Answers are dropped as soon as they complete: what is measured is what the engine buffers.
  const results = await Promise.allSettled([0, 1, 2, 3].map((i) => client.executeRaw(`flood ${i}`).then(() => 'done')));
  clearInterval(sample);
  const ok = results.filter((r) => r.status === 'fulfilled').length;
  console.log(
    `answers ${answerMiB} MiB x4, limit ${limitArg}: ${ok}/4 completed, peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB, peak heap+buffers ${(peakHeap / 2 ** 20).toFixed(0)} MiB`,
  );
  await client.close();
  await server.close();
}

void main();
