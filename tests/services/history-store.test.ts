import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../src/main/services/history-store';
import {
  containsSecret,
  isSensitiveCommand,
  maskCommand,
  maskSecret,
} from '../../src/main/services/sensitive-commands';
import { removeDir, tempDir } from './helpers';

describe('HistoryStore', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await tempDir();
    file = join(dir, 'history.json');
  });
  afterEach(() => removeDir(dir));

  it('keeps each profile its own history, oldest first, across restarts', async () => {
    const history = new HistoryStore(file);
    await history.append('p1', 'status');
    await history.append('p1', 'users');
    await history.append('p2', 'list');
    expect(await history.get('p1')).toEqual(['status', 'users']);
    expect(await history.get('p2')).toEqual(['list']);
    expect(await history.get('p3')).toEqual([]);

    const reopened = new HistoryStore(file);
    expect(await reopened.get('p1')).toEqual(['status', 'users']);
    expect(await readdir(dir)).toEqual(['history.json']);
  });

  it('collapses consecutive duplicates only', async () => {
    const history = new HistoryStore(file);
    for (const command of ['status', 'status', 'users', 'status', 'status']) await history.append('p', command);
    expect(await history.get('p')).toEqual(['status', 'users', 'status']);
  });

  it('keeps at most 500 entries by default, dropping the oldest', async () => {
    const history = new HistoryStore(file);
    for (let i = 0; i < 510; i += 1) void history.append('p', `echo ${i}`);
    await history.flush();
    const entries = await history.get('p');
    expect(entries).toHaveLength(500);
    expect(entries[0]).toBe('echo 10');
    expect(entries[499]).toBe('echo 509');
    expect(await new HistoryStore(file).get('p')).toEqual(entries);
  });

  it('never stores commands that carry a secret, blank ones or overlong ones', async () => {
    const history = new HistoryStore(file, { maxCommandLength: 50 });
    expect(await history.append('p', 'rcon_password hunter22')).toBe(false);
    expect(await history.append('p', 'sv_password "my secret"')).toBe(false);
    expect(await history.append('p', 'sv_setsteamaccount 0123456789ABCDEF')).toBe(false);
    expect(await history.append('p', '   ')).toBe(false);
    expect(await history.append('p', `say ${'x'.repeat(60)}`)).toBe(false);
    expect(await history.append('p', 'rcon_password')).toBe(true);
    expect(await history.get('p')).toEqual(['rcon_password']);
    expect(await readFile(file, 'utf8')).not.toContain('hunter22');
  });

  it('keeps out a secret in any command of a chain, behind a wrapper, or glued to its name (issue 10)', async () => {
    const history = new HistoryStore(file);
    for (const command of [
      'echo x;rcon_password Secret',
      'sm_cvar rcon_password Secret',
      'rcon_password"Secret"',
      'sm_rcon sv_password Secret',
    ]) {
      expect(await history.append('p', command), command).toBe(false);
    }
    await history.flush();
    expect(await history.get('p')).toEqual([]);
  });

  it('forgets a deleted profile', async () => {
    const history = new HistoryStore(file);
    await history.append('p', 'status');
    await history.forget('p');
    expect(await new HistoryStore(file).get('p')).toEqual([]);
  });

  it('moves a damaged file aside and starts empty', async () => {
    await writeFile(file, '{"version":1,"histories":{"p":["status"');
    const history = new HistoryStore(file, { now: () => new Date('2025-01-02T03:04:05.006Z') });
    expect(await history.get('p')).toEqual([]);
    expect(history.loadProblem).toMatch(/damaged.*kept as .*history\.json\.corrupt-2025-01-02T03-04-05-006Z/);
    expect(await readFile(`${file}.corrupt-2025-01-02T03-04-05-006Z`, 'utf8')).toContain('"status"');
    await history.append('p', 'users');
    expect(await new HistoryStore(file).get('p')).toEqual(['users']);
  });

  it('drops stored entries that are not commands', async () => {
    await writeFile(
      file,
      JSON.stringify({ version: 1, histories: { p: ['status', 42, '', 'rcon_password leaked', 'users'] } }),
    );
    expect(await new HistoryStore(file).get('p')).toEqual(['status', 'users']);
  });
});

describe('sensitive commands', () => {
  it('recognises commands whose arguments are secrets', () => {
    for (const command of [
      'rcon_password x',
      '  sv_password "a b"',
      'SetServerPassword x',
      'server.password x',
      'sv_setsteamaccount T',
      'AdminPassword x',
    ]) {
      expect(isSensitiveCommand(command), command).toBe(true);
    }
    for (const command of ['status', 'say my password is long', 'rcon_password', 'kick passwordman']) {
      expect(isSensitiveCommand(command), command).toBe(false);
    }
  });

  it('masks their arguments, and a known password anywhere', () => {
    expect(maskCommand('rcon_password hunter22')).toBe('rcon_password ********');
    expect(maskCommand('say hello')).toBe('say hello');
    expect(maskSecret('"rcon_password" = "hunter22"', 'hunter22')).toBe('"rcon_password" = "********"');
    // Very short passwords would mask ordinary words, so they are not searched for.
    expect(maskSecret('a cat', 'a')).toBe('a cat');
    expect(containsSecret('echo hunter22', 'hunter22')).toBe(true);
    expect(containsSecret('echo hunter22', undefined)).toBe(false);
  });
});
