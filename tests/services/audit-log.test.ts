import { appendFile, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/shared/fleet';
import { AuditLog, csvCell } from '../../src/main/services/audit-log';
import { removeDir, tempDir } from './helpers';

function record(n: number, overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    at: new Date(Date.UTC(2026, 10, 30, 12, 0, n)).toISOString(),
    profileId: 'p1',
    server: 'CS2 #1',
    address: '127.0.0.1:27015',
    command: `echo ${n}`,
    source: 'console',
    outcome: 'ok',
    durationMs: n,
    ...overrides,
  };
}

describe('AuditLog', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await tempDir();
    file = join(dir, 'audit', 'audit.jsonl');
  });

  afterEach(async () => {
    await removeDir(dir);
  });

  it('keeps one JSON line per command, readable only by the user, and reads it back newest first', async () => {
    const log = new AuditLog(file);
    await log.record(record(1));
    await log.record(record(2, { outcome: 'error', error: 'Timed out.', source: 'schedule' }));

    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line) as AuditRecord)).toEqual([
      record(1),
      record(2, { outcome: 'error', error: 'Timed out.', source: 'schedule' }),
    ]);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    const { records } = await log.read();
    expect(records.map((r) => r.command)).toEqual(['echo 2', 'echo 1']);
  });

  it('filters by server, source, outcome, text and time', async () => {
    const log = new AuditLog(file);
    await log.record(record(1));
    await log.record(record(2, { profileId: 'p2', server: 'Minecraft', command: 'list' }));
    await log.record(record(3, { source: 'broadcast', outcome: 'error', error: 'Not connected' }));

    const commands = async (filter: Parameters<AuditLog['read']>[0]): Promise<string[]> =>
      (await log.read(filter)).records.map((r) => r.command);
    expect(await commands({ profileId: 'p2' })).toEqual(['list']);
    expect(await commands({ source: 'broadcast' })).toEqual(['echo 3']);
    expect(await commands({ outcome: 'ok' })).toEqual(['list', 'echo 1']);
    expect(await commands({ text: 'MINECRAFT' })).toEqual(['list']);
    expect(await commands({ since: record(2).at, until: record(2).at })).toEqual(['list']);
    expect(await commands({ limit: 1 })).toEqual(['echo 3']);
  });

  it('rotates by size, keeps a bounded number of files, and reads across them', async () => {
    const lineBytes = Buffer.byteLength(`${JSON.stringify(record(10))}\n`);
    const log = new AuditLog(file, { maxBytes: lineBytes * 3, keepFiles: 2 });
    for (let n = 10; n < 30; n += 1) await log.record(record(n));

    const names = (await readdir(join(dir, 'audit'))).sort();
    expect(names).toEqual(['audit.jsonl', 'audit.jsonl.1', 'audit.jsonl.2']);
    for (const name of names) expect((await stat(join(dir, 'audit', name))).size).toBeLessThanOrEqual(lineBytes * 3);
    // Files of at most three records: 22–24 and 25–27 rotated, 28–29 current; older ones dropped.
    const { records } = await log.read();
    expect(records.map((r) => r.durationMs)).toEqual([29, 28, 27, 26, 25, 24, 23, 22]);
  });

  it('skips and counts a torn or foreign line instead of refusing the log', async () => {
    const log = new AuditLog(file);
    await log.record(record(1));
    await appendFile(file, '{"at": "torn\n{"at":"2026-01-01","source":"hacker"}\n');
    await log.record(record(2));

    const result = await log.read();
    expect(result.records.map((r) => r.command)).toEqual(['echo 2', 'echo 1']);
    expect(result.unreadableLines).toBe(2);
  });

  it('exports CSV that a spreadsheet shows as text, and JSON', async () => {
    const log = new AuditLog(file);
    await log.record(record(1, { command: 'say "hi", all' }));
    await log.record(record(2, { command: "=cmd|' /C calc'!A0" }));

    const csv = await log.export('csv');
    expect(csv.split('\r\n')).toEqual([
      'at,server,address,command,source,outcome,error,durationMs',
      `${record(1).at},CS2 #1,127.0.0.1:27015,"say ""hi"", all",console,ok,,1`,
      `${record(2).at},CS2 #1,127.0.0.1:27015,"'=cmd|' /C calc'!A0",console,ok,,2`,
      '',
    ]);
    expect(JSON.parse(await log.export('json'))).toEqual([
      record(1, { command: 'say "hi", all' }),
      record(2, { command: "=cmd|' /C calc'!A0" }),
    ]);
    expect(csvCell('-1')).toBe(`"'-1"`);
    expect(csvCell('plain')).toBe('plain');
  });

  it('reads an absent log as empty', async () => {
    expect(await new AuditLog(file).read()).toEqual({ records: [], unreadableLines: 0 });
  });
});
