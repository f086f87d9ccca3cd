import type net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RconClient } from '../../src/main/rcon/client';
import { RconResponseTooLargeError } from '../../src/main/rcon/errors';
import { PacketType, RconMessage } from '../../src/main/rcon/packet';
import { DEFAULT_STREAM_PART_CHARS } from '../../src/main/rcon/answer-stream';
import { deterministicBytes } from '../../src/reference-server/commands';
import { ReferenceServer } from '../../src/reference-server/server';
import { acceptSourceLogin, ScriptedServer } from './raw-server';

/**
 * Issue 15: a long answer is handed on in bounded parts while its packets arrive
 * (ExecuteOptions.onPart), so the console can take it in as the server sends it; the command's
 * result still says when the answer is complete, and is the whole answer.
 */

const PASSWORD = 'stream-pw';
const SOURCE_PACKET_BYTES = 4096;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function referenceClient(
  options: { maxResponseBytes?: number } = {},
): Promise<{ client: RconClient; server: ReferenceServer }> {
  const server = new ReferenceServer({ password: PASSWORD, personality: 'srcds', broadcastIntervalMs: 0 });
  const { port } = await server.listen();
  cleanups.push(() => server.close());
  const client = new RconClient({ host: '127.0.0.1', port, password: PASSWORD, dialect: 'source', ...options });
  cleanups.push(() => client.close());
  await client.connect();
  return { client, server };
}

describe('a long answer streamed while it arrives', () => {
  it('hands on a 1 MiB answer (256 packets) in order, in bounded parts at line ends, before the result', async () => {
    const { client } = await referenceClient();
    const bytes = 1024 * 1024;
    const log: { kind: 'part' | 'result'; text: string }[] = [];
    const answer = client.execute(`bytes ${bytes}`, { onPart: (text) => log.push({ kind: 'part', text }) });
    log.push({ kind: 'result', text: await answer });

    const parts = log.filter((entry) => entry.kind === 'part').map((entry) => entry.text);
    const result = log.at(-1)!;
    // The result comes last and is the whole answer, exactly.
    expect(result.kind).toBe('result');
    expect(result.text).toBe(deterministicBytes(bytes));
    // Several parts, each at least the part size, at most one packet more, ending at a line end.
    expect(parts.length).toBeGreaterThanOrEqual(Math.floor(bytes / (DEFAULT_STREAM_PART_CHARS + SOURCE_PACKET_BYTES)));
    for (const part of parts) {
      expect(part.length).toBeGreaterThanOrEqual(DEFAULT_STREAM_PART_CHARS - 64);
      expect(part.length).toBeLessThanOrEqual(DEFAULT_STREAM_PART_CHARS + SOURCE_PACKET_BYTES);
      expect(part.endsWith('\n')).toBe(true);
    }
    // In order, nothing lost or repeated: the parts are the start of the result.
    const streamed = parts.join('');
    expect(result.text.startsWith(streamed)).toBe(true);
    expect(streamed.length).toBeGreaterThan(bytes - DEFAULT_STREAM_PART_CHARS - SOURCE_PACKET_BYTES);
  });

  it('hands nothing on for a short answer, and the next commands run as before', async () => {
    const { client } = await referenceClient();
    const parts: string[] = [];
    await expect(client.execute('echo short', { onPart: (text) => parts.push(text) })).resolves.toBe('short');
    await expect(client.execute(`bytes 20000`, { onPart: (text) => parts.push(text) })).resolves.toBe(
      deterministicBytes(20000),
    );
    expect(parts).toEqual([]);
  });

  it('keeps pipelined answers apart: each command gets only its own parts', async () => {
    const { client } = await referenceClient();
    const sizes = [300_000, 10, 500_000];
    const parts = sizes.map(() => [] as string[]);
    const results = await Promise.all(
      sizes.map((size, i) => client.execute(`bytes ${size}`, { onPart: (text) => parts[i]!.push(text) })),
    );
    sizes.forEach((size, i) => {
      expect(results[i]).toBe(deterministicBytes(size));
      expect(results[i]!.startsWith(parts[i]!.join(''))).toBe(true);
    });
    expect(parts[0]!.length).toBeGreaterThan(1);
    expect(parts[1]).toEqual([]);
  });

  it('hands on the first part while the server still holds back the end of the answer', async () => {
    // The server sends 40 packets of 4 KiB, then ends the answer only once the test says so: a
    // client that gathered the whole answer before handing anything on would never see a part.
    const lines = (from: number, count: number): string =>
      Array.from({ length: count }, (_, i) => `line ${String(from + i).padStart(6, '0')} ${'x'.repeat(50)}\n`).join('');
    let answerSocket: net.Socket | undefined;
    let command: { id: number; sentinel?: number } | undefined;
    let releaseHeld: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (releaseHeld = resolve));
    const server = new ScriptedServer((socket, message) => {
      if (acceptSourceLogin(socket, message)) return;
      if (message.type === PacketType.EXECCOMMAND) {
        command = { id: message.id };
        return;
      }
      if (!command) return;
      command.sentinel = message.id;
      answerSocket = socket;
      for (let packet = 0; packet < 40; packet += 1) {
        socket.write(RconMessage.fromText(command.id, PacketType.RESPONSE_VALUE, lines(packet * 64, 64)).encode());
      }
      releaseHeld();
    });
    cleanups.push(() => server.close());
    const port = await server.listen();
    const client = new RconClient({ host: '127.0.0.1', port, password: 'pw', dialect: 'source' });
    cleanups.push(() => client.close());
    await client.connect();
    let onFirst: (text: string) => void = () => undefined;
    const firstPart = new Promise<string>((resolve) => (onFirst = resolve));
    let settled = false;
    const answer = client.execute('long', { onPart: (text) => onFirst(text) });
    void answer.finally(() => (settled = true));
    await held;
    const first = await firstPart;
    expect(settled).toBe(false);
    expect(first.startsWith(lines(0, 1))).toBe(true);
    // Now the end: the last packet and the Source mirror of the sentinel.
    answerSocket!.write(RconMessage.fromText(command!.id, PacketType.RESPONSE_VALUE, lines(40 * 64, 1)).encode());
    answerSocket!.write(new RconMessage(command!.sentinel!, PacketType.RESPONSE_VALUE).encode());
    answerSocket!.write(
      new RconMessage(command!.sentinel!, PacketType.RESPONSE_VALUE, Buffer.from([0, 1, 0, 0])).encode(),
    );
    await expect(answer).resolves.toBe(lines(0, 40 * 64 + 1));
  });

  it('keeps a UTF-8 character split between two packets whole', async () => {
    // "é" is two bytes in UTF-8: packets of 4095 bytes of lines of them cut most characters in two.
    const text = `${'é'.repeat(40)}\n`.repeat(4000);
    const body = Buffer.from(text, 'utf8');
    let command: number | undefined;
    const server = new ScriptedServer((socket, message) => {
      if (acceptSourceLogin(socket, message)) return;
      if (message.type === PacketType.EXECCOMMAND) {
        command = message.id;
        return;
      }
      for (let at = 0; at < body.length; at += 4095) {
        socket.write(new RconMessage(command!, PacketType.RESPONSE_VALUE, body.subarray(at, at + 4095)).encode());
      }
      socket.write(new RconMessage(message.id, PacketType.RESPONSE_VALUE).encode());
    });
    cleanups.push(() => server.close());
    const port = await server.listen();
    const client = new RconClient({ host: '127.0.0.1', port, password: 'pw', dialect: 'source' });
    cleanups.push(() => client.close());
    await client.connect();
    const parts: string[] = [];
    const result = await client.execute('accents', { onPart: (part) => parts.push(part) });
    expect(result).toBe(text);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join('')).not.toContain('\ufffd');
    expect(text.startsWith(parts.join(''))).toBe(true);
  });

  it('fails a streamed answer that passes the size limit with a typed error, after the parts it sent', async () => {
    const { client } = await referenceClient({ maxResponseBytes: 200_000 });
    const parts: string[] = [];
    const error = await client.execute('bytes 1000000', { onPart: (text) => parts.push(text) }).catch((e) => e);
    expect(error).toBeInstanceOf(RconResponseTooLargeError);
    expect(parts.length).toBeGreaterThan(0);
    expect(deterministicBytes(1_000_000).startsWith(parts.join(''))).toBe(true);
    // The connection goes on.
    await expect(client.execute('echo after')).resolves.toBe('after');
  });
});
