import { describe, expect, it } from 'vitest';
import { diagnose, type Diagnosis, type DiagnosisVerdict } from '../../src/main/rcon/diagnose';
import { RconAuthError, RconProtocolError, RconTimeoutError } from '../../src/main/rcon/errors';
import { ReferenceServer } from '../../src/reference-server/server';
import { freePort } from '../cli/helpers';
import { PASSWORD, useReferenceFixture } from './reference-fixture';

/** `diagnose` against the reference server's personalities and faults: each step said in words. */
const { startServer } = useReferenceFixture();

function verdicts(diagnosis: Diagnosis): Record<string, DiagnosisVerdict> {
  return Object.fromEntries(diagnosis.steps.map((step) => [step.id, step.verdict]));
}

function text(diagnosis: Diagnosis, id: string): string {
  return diagnosis.steps.find((step) => step.id === id)?.text ?? '';
}

async function run(server: ReferenceServer, password: string | undefined = PASSWORD): Promise<Diagnosis> {
  return diagnose({ host: '127.0.0.1', port: server.port, password, timeoutMs: 1500 });
}

describe('diagnose', () => {
  it('a Source server: every step ok, the mirror as evidence', async () => {
    const diagnosis = await run(await startServer({ personality: 'srcds' }));
    expect(verdicts(diagnosis)).toEqual({
      reachable: 'ok',
      'speaks-rcon': 'ok',
      login: 'ok',
      dialect: 'ok',
      ids: 'ok',
      'end-marker': 'ok',
      'round-trip': 'ok',
    });
    expect(text(diagnosis, 'dialect')).toBe('Dialect: Source. Evidence: it mirrored the empty probe packet back.');
    expect(text(diagnosis, 'round-trip')).toMatch(/^Round trip: [\d.]+ ms for the login, [\d.]+ ms to connect\.$/);
    expect(diagnosis.fix).toBeUndefined();
    expect(diagnosis.error).toBeUndefined();
  });

  it('Minecraft: "Unknown request" as evidence', async () => {
    const diagnosis = await run(await startServer({ personality: 'minecraft' }));
    expect(text(diagnosis, 'dialect')).toMatch(
      /Minecraft\. Evidence: it called the empty probe packet an "Unknown request"/,
    );
    expect(verdicts(diagnosis)['end-marker']).toBe('ok');
  });

  it('a quiet server: silence as evidence, no end marker', async () => {
    const diagnosis = await run(await startServer({ personality: 'silent' }));
    expect(verdicts(diagnosis)).toMatchObject({ dialect: 'warning', 'end-marker': 'warning', ids: 'ok' });
    expect(text(diagnosis, 'dialect')).toMatch(/Evidence: silence/);
  });

  it('Palworld: ids not echoed', async () => {
    const diagnosis = await run(await startServer({ personality: 'palworld' }));
    expect(verdicts(diagnosis)).toMatchObject({ login: 'ok', ids: 'warning', 'end-marker': 'warning' });
    expect(text(diagnosis, 'ids')).toMatch(/^Ids are not echoed/);
  });

  it('an HTTP answer: "looks like Rust\'s WebRCON port"', async () => {
    const diagnosis = await run(await startServer({ faults: { httpResponse: true } }));
    expect(verdicts(diagnosis)).toMatchObject({ reachable: 'ok', 'speaks-rcon': 'failed', login: 'skipped' });
    expect(text(diagnosis, 'speaks-rcon')).toMatch(/looks like Rust's WebRCON port/);
    expect(diagnosis.fix).toMatch(/\+rcon\.web 0/);
    expect(diagnosis.error).toBeInstanceOf(RconProtocolError);
  });

  it('a server that says nothing: never just "timed out"', async () => {
    const diagnosis = await run(await startServer({ faults: { noAnswer: true } }));
    expect(verdicts(diagnosis)['speaks-rcon']).toBe('failed');
    expect(text(diagnosis, 'speaks-rcon')).toMatch(
      /^It says nothing: the connection was accepted, but the login got no answer in 1\.5 s/,
    );
    expect(diagnosis.fix).toMatch(/Check the RCON port/);
    expect(diagnosis.error).toBeInstanceOf(RconTimeoutError);
  });

  it('a closed port: refused, with the likely fix', async () => {
    const port = await freePort();
    const diagnosis = await diagnose({ host: '127.0.0.1', port, password: PASSWORD, timeoutMs: 1500 });
    expect(verdicts(diagnosis)).toMatchObject({ reachable: 'failed', 'speaks-rcon': 'skipped' });
    expect(text(diagnosis, 'reachable')).toMatch(/refused the connection, nothing listens on that port/);
    expect(diagnosis.fix).toMatch(/RCON port/);
  });

  it('a wrong password: says so once, and warns against retrying', async () => {
    const server = await startServer();
    const diagnosis = await run(server, 'wrong');
    expect(verdicts(diagnosis)).toMatchObject({ 'speaks-rcon': 'ok', login: 'failed', dialect: 'skipped' });
    expect(diagnosis.fix).toMatch(/ban an address after a few failures/);
    expect((diagnosis.error as RconAuthError).banned).toBe(false);
    expect(server.authAttempts).toBe(1);
  });

  it('a banned address: told apart from a wrong password', async () => {
    const diagnosis = await run(await startServer({ faults: { closeOnAuth: true } }));
    expect(verdicts(diagnosis)).toMatchObject({ login: 'failed' });
    expect(text(diagnosis, 'login')).toMatch(/usual sign of a ban/);
    expect((diagnosis.error as RconAuthError).banned).toBe(true);
  });

  it('without a password: tests the port and sends no login', async () => {
    const server = await startServer();
    const diagnosis = await diagnose({ host: '127.0.0.1', port: server.port, password: undefined, timeoutMs: 1500 });
    expect(verdicts(diagnosis)).toMatchObject({ reachable: 'ok', login: 'skipped' });
    expect(diagnosis.fix).toMatch(/Give the RCON password/);
    expect(server.authAttempts).toBe(0);
  });
});
