import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../src/cli/args';
import { BattlEyeReferenceServer } from '../../src/reference-server/protocols/battleye-server';
import type { ProtocolServer } from '../../src/reference-server/protocols/common';
import { TelnetReferenceServer } from '../../src/reference-server/protocols/telnet-server';
import { WebRconReferenceServer } from '../../src/reference-server/protocols/webrcon-server';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const PASSWORD = 'cli-secret';

describe('rcon --protocol', () => {
  it('defaults to rcon and to each protocol’s usual port', () => {
    expect(parseArgs(['h', '-e', 'x'])).toMatchObject({ address: { port: 27015 }, settings: { protocol: 'rcon' } });
    expect(parseArgs(['h', '--protocol', 'webrcon', '-e', 'x'])).toMatchObject({
      address: { host: 'h', port: 28016 },
      settings: { protocol: 'webrcon' },
    });
    expect(parseArgs(['--protocol=telnet', 'h'])).toMatchObject({ address: { port: 8081 } });
    expect(parseArgs(['h:9999', '--protocol', 'battleye'])).toMatchObject({ address: { port: 9999 } });
  });

  it('names the choices when the protocol is unknown', () => {
    expect(() => parseArgs(['h', '--protocol', 'ssh'])).toThrow(UsageError);
    expect(() => parseArgs(['h', '--protocol', 'ssh'])).toThrow(/rcon, webrcon, battleye, telnet; got "ssh"/);
  });
});

const servers: ProtocolServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, RCON_HISTORY_FILE: '' };
  delete env['RCON_PASSWORD'];
  const child = spawn(TSX, [join(ROOT, 'src/cli/main.ts'), ...args], { env, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end();
  return new Promise((resolvePromise) => child.on('close', (code) => resolvePromise({ code, stdout, stderr })));
}

const PERSONALITIES: Array<[string, () => ProtocolServer]> = [
  ['webrcon', () => new WebRconReferenceServer({ password: PASSWORD })],
  ['telnet', () => new TelnetReferenceServer({ password: PASSWORD })],
  ['battleye', () => new BattlEyeReferenceServer({ password: PASSWORD })],
];

describe.each(PERSONALITIES)('rcon --protocol %s against the reference server', (protocol, make) => {
  it('runs -e commands and exits 0; a wrong password exits 3', { timeout: 30_000 }, async () => {
    const server = make();
    await server.listen();
    servers.push(server);
    const address = `127.0.0.1:${server.port}`;
    const ok = await run([address, '--protocol', protocol, '-p', PASSWORD, '-e', 'echo hello', '-e', 'version']);
    expect(ok.stderr).not.toContain('rcon:');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe(`hello\nRCON Desk reference ${protocol} server\n`);
    const wrong = await run([address, '--protocol', protocol, '-p', 'not-it', '-e', 'echo hello']);
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/[Ww]rong password/);
    expect(wrong.stderr).not.toContain('not-it');
  });
});
