import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileHistoryStore, historyPathFrom, redactForHistory } from '../../src/cli/history';

describe('historyPathFrom', () => {
  it('defaults to ~/.rcon_history, can be moved or turned off', () => {
    expect(historyPathFrom({})).toBe(join(homedir(), '.rcon_history'));
    expect(historyPathFrom({ RCON_HISTORY_FILE: '/tmp/h' })).toBe('/tmp/h');
    expect(historyPathFrom({ RCON_HISTORY_FILE: '' })).toBeUndefined();
  });
});

describe('FileHistoryStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rcon-history-'));

  it('loads nothing when there is no file', () => {
    expect(new FileHistoryStore(join(dir, 'missing')).load()).toEqual([]);
  });

  it('saves oldest first, owner-only, and loads newest first', () => {
    const path = join(dir, 'roundtrip');
    const store = new FileHistoryStore(path);
    store.save(['status', 'say hi', 'cvarlist']);
    expect(readFileSync(path, 'utf8')).toBe('cvarlist\nsay hi\nstatus\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(store.load()).toEqual(['status', 'say hi', 'cvarlist']);
  });

  it('keeps only the newest lines, both ways', () => {
    const path = join(dir, 'bounded');
    writeFileSync(path, ['1', '2', '', '3', '4', '5'].join('\n'));
    const store = new FileHistoryStore(path, 3);
    expect(store.load()).toEqual(['5', '4', '3']);
    store.save(['e', 'd', 'c', 'b', 'a']);
    expect(readFileSync(path, 'utf8')).toBe('c\nd\ne\n');
  });

  it('forces an existing history file to owner-only on every write (issue 10: 0644 stayed 0644)', () => {
    const path = join(dir, 'was-world-readable');
    writeFileSync(path, 'status\n', { mode: 0o644 });
    chmodSync(path, 0o644);
    new FileHistoryStore(path).save(['say hi', 'status']);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    chmodSync(path, 0o666);
    new FileHistoryStore(path).save(['status']);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('never writes a command that carries a secret, and drops those an older file kept', () => {
    const path = join(dir, 'secrets');
    writeFileSync(path, 'rcon_password old-secret\nstatus\nsv_password old-join\n');
    const store = new FileHistoryStore(path);
    expect(store.load()).toEqual(['status']);
    store.save([
      'echo x;rcon_password S1',
      'sm_cvar rcon_password S2',
      'rcon_password"S3"',
      'sm_rcon sv_password S4',
      'users',
    ]);
    expect(readFileSync(path, 'utf8')).toBe('users\n');
  });

  it('does not throw when the file cannot be written', () => {
    expect(() => new FileHistoryStore(join(dir, 'no', 'such', 'dir')).save(['x'])).not.toThrow();
  });
});

describe('redactForHistory', () => {
  it('drops the password of !connect', () => {
    expect(redactForHistory('!connect 10.0.0.1:27015 hunter2')).toBe('!connect 10.0.0.1:27015');
    expect(redactForHistory('  !connect host pass with spaces')).toBe('  !connect host');
  });

  it('leaves everything else alone', () => {
    expect(redactForHistory('!connect 10.0.0.1')).toBe('!connect 10.0.0.1');
    expect(redactForHistory('say !connect a b')).toBe('say !connect a b');
    expect(redactForHistory('status')).toBe('status');
  });
});
