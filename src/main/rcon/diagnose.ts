import { RconClient } from './client';
import {
  RconAuthError,
  RconConnectionError,
  RconError,
  RconProtocolError,
  RconTimeoutError,
  formatSeconds,
} from './errors';
import type { RconClientOptions, RconEncoding } from './options';
import { formatAddress } from './socket';

export type DiagnosisStepId = 'reachable' | 'speaks-rcon' | 'login' | 'dialect' | 'ids' | 'end-marker' | 'round-trip';

/** `warning`: works, with a limit worth knowing; `skipped`: an earlier step failed or a password is missing. */
export type DiagnosisVerdict = 'ok' | 'warning' | 'failed' | 'skipped';

export interface DiagnosisStep {
  id: DiagnosisStepId;
  verdict: DiagnosisVerdict;
  /** One sentence in an admin's words. */
  text: string;
}

export interface Diagnosis {
  address: string;
  steps: DiagnosisStep[];
  /** What to change, when a step failed or warned. */
  fix: string | undefined;
  /** The failure that ended the diagnosis, if any. */
  error: RconError | undefined;
}

export interface DiagnoseOptions {
  host: string;
  port: number;
  /** Without it, only reachability is tested: a wrong login must never be sent, Source bans for it. */
  password: string | undefined;
  /** For connecting and for each answer. Default 5 s. */
  timeoutMs?: number;
  encoding?: RconEncoding;
  createClient?: (options: RconClientOptions) => RconClient;
}

const STEP_ORDER: readonly DiagnosisStepId[] = [
  'reachable',
  'speaks-rcon',
  'login',
  'dialect',
  'ids',
  'end-marker',
  'round-trip',
];

/**
 * Checks a server one step at a time (port, protocol, login, dialect, ids, end marker, round trip)
 * and says in words what it found and what to change. Logs in at most once, with the given password.
 */
export async function diagnose(options: DiagnoseOptions): Promise<Diagnosis> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const address = formatAddress(options.host, options.port);
  const report = new Report(address);
  const client = (options.createClient ?? ((o) => new RconClient(o)))({
    host: options.host,
    port: options.port,
    dialect: 'auto',
    encoding: options.encoding ?? 'utf8',
    connectTimeoutMs: timeoutMs,
    commandTimeoutMs: timeoutMs,
  });
  try {
    const connectStarted = performance.now();
    try {
      await client.connect();
    } catch (error) {
      return report.fail('reachable', ...unreachable(error, address, timeoutMs));
    }
    const connectMs = performance.now() - connectStarted;
    report.add('reachable', 'ok', `The port is reachable: TCP connection made in ${formatMs(connectMs)}.`);
    if (options.password === undefined) {
      return report.stop(
        'Give the RCON password (-p or RCON_PASSWORD) to test the login and the rest: without it nothing is sent, ' +
          'since a wrong login counts towards a ban on Source servers.',
      );
    }
    try {
      await client.authenticate(options.password);
    } catch (error) {
      return loginFailure(report, error, timeoutMs);
    }
    report.add('speaks-rcon', 'ok', 'It speaks RCON: the login was answered with RCON packets.');
    report.add('login', 'ok', 'Login accepted.');
    describeFraming(report, client);
    report.add(
      'round-trip',
      'ok',
      `Round trip: ${formatMs(client.loginRoundTripMs)} for the login, ${formatMs(connectMs)} to connect.`,
    );
    return report.finish();
  } finally {
    await client.close();
  }
}

function describeFraming(report: Report, client: RconClient): void {
  const evidence = client.probeEvidence;
  if (client.dialect === 'minecraft') {
    report.add('dialect', 'ok', 'Dialect: Minecraft. Evidence: it called the empty probe packet an "Unknown request".');
  } else if (client.dialect === 'source' && evidence?.evidence === 'mirror') {
    report.add('dialect', 'ok', 'Dialect: Source. Evidence: it mirrored the empty probe packet back.');
  } else if (client.dialect === 'source') {
    report.add('dialect', 'ok', 'Dialect: Source-like. Evidence: it answered the empty probe packet with text.');
  } else {
    report.add(
      'dialect',
      'warning',
      'Dialect: no end marker. Evidence: silence, the empty probe packet got no answer in time.',
    );
  }
  if (client.echoesIds === false) {
    report.add(
      'ids',
      'warning',
      'Ids are not echoed: answers carry another id than their command (Palworld answers 0), ' +
        'so commands run one at a time and each answer goes to the one in flight.',
    );
  } else {
    report.add('ids', 'ok', "Ids are echoed: each answer carries its command's id, so commands can be pipelined.");
  }
  if (client.dialect === 'quiet' || client.echoesIds === false) {
    report.add('end-marker', 'warning', 'Multi-packet answers have no end marker: they end after a short silence.');
  } else if (client.dialect === 'minecraft') {
    report.add('end-marker', 'ok', 'Multi-packet answers end at the "Unknown request" reply to a marker packet.');
  } else {
    report.add('end-marker', 'ok', 'Multi-packet answers end at the mirror of a marker packet.');
  }
}

function unreachable(error: unknown, address: string, timeoutMs: number): [string, string] {
  if (error instanceof RconTimeoutError) {
    return [
      `The port is not reachable: ${address} did not accept a connection within ${formatSeconds(timeoutMs)}, ` +
        'so packets are dropped on the way (a firewall, a wrong address, or the server is down).',
      'Check the address, that the server is running, and that a firewall or the host lets this TCP port through.',
    ];
  }
  if (error instanceof RconConnectionError && error.reason === 'refused') {
    return [
      `The port is not reachable: ${address} refused the connection, nothing listens on that port.`,
      'Check the RCON port (it is often not the game port) and that RCON is enabled in the server settings.',
    ];
  }
  if (error instanceof RconConnectionError && error.reason === 'dns') {
    return [`The host name does not resolve: ${describe(error)}`, 'Check the spelling of the host name.'];
  }
  return [
    `The port is not reachable: ${describe(error)}`,
    'Check the address and the network between here and the server.',
  ];
}

function loginFailure(report: Report, error: unknown, timeoutMs: number): Diagnosis {
  if (error instanceof RconProtocolError && /HTTP/.test(error.message)) {
    return report.fail(
      'speaks-rcon',
      "It speaks HTTP, not RCON: this looks like Rust's WebRCON port (or another web server).",
      'For Rust, use a WebRCON client on this port, or start the server with +rcon.web 0 for plain RCON; ' +
        'otherwise check the RCON port.',
      error,
    );
  }
  if (error instanceof RconProtocolError) {
    return report.fail(
      'speaks-rcon',
      `It does not speak RCON: ${describe(error)}`,
      'Check the port: another service answers on it.',
      error,
    );
  }
  if (error instanceof RconTimeoutError) {
    return report.fail(
      'speaks-rcon',
      `It says nothing: the connection was accepted, but the login got no answer in ${formatSeconds(timeoutMs)}. ` +
        "Nothing RCON is listening there, or a service that waits for another protocol (Rust's WebRCON waits for a WebSocket handshake).",
      'Check the RCON port and that RCON is enabled; for Rust, start the server with +rcon.web 0 or use a WebRCON client.',
      error,
    );
  }
  if (error instanceof RconAuthError && error.banned) {
    report.add('speaks-rcon', 'skipped', 'Unknown whether it speaks RCON: it closed the connection at the login.');
    return report.fail(
      'login',
      'Login refused: the server closed the connection instead of answering, the usual sign of a ban after failed logins.',
      'Lift the ban on the server (or wait for it to expire), then check the password once before trying again.',
      error,
    );
  }
  if (error instanceof RconAuthError) {
    report.add('speaks-rcon', 'ok', 'It speaks RCON: the login was answered with an RCON packet.');
    return report.fail(
      'login',
      'Login failed: wrong password.',
      "Check the server's RCON password (rcon_password, rcon.password, ServerAdminPassword...). " +
        'It is not tried again: Source servers ban an address after a few failures.',
      error,
    );
  }
  return report.fail(
    'login',
    `The connection was lost during the login: ${describe(error)}`,
    'Check the server log: it dropped the connection.',
    error instanceof RconError ? error : undefined,
  );
}

class Report {
  private readonly steps: DiagnosisStep[] = [];
  private readonly fixes: string[] = [];

  constructor(private readonly address: string) {}

  add(id: DiagnosisStepId, verdict: DiagnosisVerdict, text: string, fix?: string): void {
    this.steps.push({ id, verdict, text });
    if (fix) this.fixes.push(fix);
  }

  fail(id: DiagnosisStepId, text: string, fix: string, error?: unknown): Diagnosis {
    this.add(id, 'failed', text, fix);
    return this.result(error instanceof RconError ? error : undefined);
  }

  stop(fix: string): Diagnosis {
    this.fixes.push(fix);
    return this.result(undefined);
  }

  finish(): Diagnosis {
    return this.result(undefined);
  }

  private result(error: RconError | undefined): Diagnosis {
    const done = new Set(this.steps.map((step) => step.id));
    const skipped = STEP_ORDER.filter((id) => !done.has(id)).map((id): DiagnosisStep => ({
      id,
      verdict: 'skipped',
      text: `${SKIPPED_TEXT[id]}: not tested.`,
    }));
    const steps = [...this.steps, ...skipped].sort((a, b) => STEP_ORDER.indexOf(a.id) - STEP_ORDER.indexOf(b.id));
    return { address: this.address, steps, fix: this.fixes.length > 0 ? this.fixes.join(' ') : undefined, error };
  }
}

const SKIPPED_TEXT: Record<DiagnosisStepId, string> = {
  reachable: 'Port',
  'speaks-rcon': 'Protocol',
  login: 'Login',
  dialect: 'Dialect',
  ids: 'Request ids',
  'end-marker': 'End of multi-packet answers',
  'round-trip': 'Round trip',
};

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}
