import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes';
import { Fixtures, freePort, PASSWORD } from './helpers';
import { ensureCliBuilt, rcon } from './run-cli';

/** The built `rcon --diagnose` against the reference server: each step in words, an honest exit code. */
const fixtures = new Fixtures();
afterEach(() => fixtures.cleanup());
beforeAll(ensureCliBuilt, 120_000);

describe('rcon --diagnose', () => {
  it('reports every step of a working Source server and exits 0', async () => {
    const server = await fixtures.server({ personality: 'srcds' });
    const run = await rcon(['--diagnose', `127.0.0.1:${server.port}`, '-p', PASSWORD]);
    expect(run.code).toBe(ExitCode.ok);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`Diagnosing 127.0.0.1:${server.port}`);
    expect(lines.slice(1, 8).map((line) => line.slice(0, 11))).toEqual(Array(7).fill('  ok       '));
    expect(run.stdout).toContain('Dialect: Source. Evidence: it mirrored the empty probe packet back.');
    expect(run.stdout).toContain('Everything needed to use this server works.');
    expect(run.stderr).toBe('');
  });

  it('names an HTTP answer as a likely Rust WebRCON port and exits 6', async () => {
    const server = await fixtures.server({ faults: { httpResponse: true } });
    const run = await rcon(['--diagnose', `127.0.0.1:${server.port}`, '-p', PASSWORD]);
    expect(run.code).toBe(ExitCode.protocol);
    expect(run.stdout).toContain("FAILED   It speaks HTTP, not RCON: this looks like Rust's WebRCON port");
    expect(run.stdout).toMatch(
      /Likely fix: For Rust, use a WebRCON client on this port, or start the server with \+rcon\.web 0/,
    );
  });

  it('explains a silent server instead of "i/o timeout", and exits 5', async () => {
    const server = await fixtures.server({ faults: { noAnswer: true } });
    const run = await rcon(['--diagnose', `127.0.0.1:${server.port}`, '-p', PASSWORD, '--timeout', '1']);
    expect(run.code).toBe(ExitCode.timeout);
    expect(run.stdout).toContain('It says nothing: the connection was accepted, but the login got no answer in 1 s.');
    expect(run.stdout).toContain('Likely fix: Check the RCON port and that RCON is enabled');
  });

  it('says a closed port refuses connections, and exits 4', async () => {
    const run = await rcon(['--diagnose', `127.0.0.1:${await freePort()}`, '-p', PASSWORD]);
    expect(run.code).toBe(ExitCode.connection);
    expect(run.stdout).toContain('refused the connection, nothing listens on that port.');
  });

  it('without a password, tries the port only and sends no login', async () => {
    const server = await fixtures.server();
    const run = await rcon(['--diagnose', `127.0.0.1:${server.port}`]);
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stdout).toContain('Likely fix: Give the RCON password');
    expect(server.authAttempts).toBe(0);
  });
});
