import type { RconClientOptions } from '../main/rcon';
import type { RemoteConsole, RemoteConsoleProtocol } from '../main/protocol/remote-console';
import { formatServerAddress, type ServerAddress } from './address';
import type { ConnectionSettings } from './args';
import { describeError, exitCodeFor, ExitCode } from './exit-codes';

/** One server to run the commands on: typed as an address, or a saved profile (`@NAME`). */
export interface CommandTarget {
  /** How the server is named in headers and JSON: the profile's name, or the address. */
  label: string;
  /** The saved server it came from, so a server named twice (by name and by group) runs once. */
  profileId?: string;
  address: ServerAddress;
  settings: ConnectionSettings;
  /** Resolved when its turn comes, so one missing password does not stop the others. */
  password: () => Promise<string>;
}

/** One line of `--json` output: one server and one command. */
export interface JsonResult {
  server: string;
  command: string;
  ok: boolean;
  answer: string;
  error: string;
  exitCode: ExitCode;
  durationMs: number;
}

export interface MultiTargetRequest {
  targets: readonly CommandTarget[];
  commands: readonly string[];
  json: boolean;
  /** Servers worked on at once. */
  concurrency: number;
  createClient: (options: RconClientOptions, protocol: RemoteConsoleProtocol) => RemoteConsole;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Server text as it may be printed (the untrusted-text sanitizer); identity when raw. */
  printable?: (text: string) => string;
}

/** How bad an exit status is, for "the worst of all the targets'": any failure beats success. */
const SEVERITY: Record<ExitCode, number> = { 0: 0, 5: 1, 4: 2, 6: 3, 3: 4, 2: 5, 1: 6 };

export function worstExitCode(codes: readonly ExitCode[]): ExitCode {
  return codes.reduce<ExitCode>((worst, code) => (SEVERITY[code] > SEVERITY[worst] ? code : worst), ExitCode.ok);
}

/**
 * `rcon A B @C -e CMD…`: runs the commands on every target, a bounded number at once. Each
 * server's output is printed whole when it is done, under a header naming it, so answers never
 * interleave; with `--json`, one object per server and command. A server that is down, refuses
 * the login or times out gets its own failure and does not stop the others. The exit status is
 * the worst of all the targets'.
 */
export async function runOnTargets(request: MultiTargetRequest): Promise<ExitCode> {
  const codes: ExitCode[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < request.targets.length) {
      const target = request.targets[next] as CommandTarget;
      next += 1;
      const results = await runTarget(target, request);
      codes.push(worstExitCode(results.map((r) => r.exitCode)));
      print(target, results, request);
    }
  };
  const workers = Math.max(1, Math.min(request.concurrency, request.targets.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return worstExitCode(codes);
}

async function runTarget(target: CommandTarget, request: MultiTargetRequest): Promise<JsonResult[]> {
  const printable = request.printable ?? ((text: string) => text);
  const results: JsonResult[] = [];
  const fail = (command: string, error: unknown, durationMs = 0): JsonResult => ({
    server: target.label,
    command,
    ok: false,
    answer: '',
    // An engine error may quote what the server sent.
    error: printable(describeError(error)),
    exitCode: exitCodeFor(error),
    durationMs,
  });
  let client: RemoteConsole | undefined;
  try {
    const password = await target.password();
    const { protocol, ...settings } = target.settings;
    client = request.createClient(
      { host: target.address.host, port: target.address.port, password, ...settings },
      protocol,
    );
    await client.connect();
  } catch (error) {
    await client?.close();
    return request.commands.map((command) => fail(command, error));
  }
  try {
    for (const [index, command] of request.commands.entries()) {
      const started = performance.now();
      try {
        const answer = await client.execute(command);
        const durationMs = Math.round(performance.now() - started);
        results.push({
          server: target.label,
          command,
          ok: true,
          answer: printable(answer),
          error: '',
          exitCode: 0,
          durationMs,
        });
      } catch (error) {
        results.push(fail(command, error, Math.round(performance.now() - started)));
        // A lost connection fails the rest too, each with the same reason.
        if (!client.connected) {
          for (const rest of request.commands.slice(index + 1)) results.push(fail(rest, error));
          break;
        }
      }
    }
  } finally {
    await client.close();
  }
  return results;
}

function print(target: CommandTarget, results: readonly JsonResult[], request: MultiTargetRequest): void {
  if (request.json) {
    for (const result of results) request.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const failed = results.find((r) => !r.ok);
  const status = failed ? `failed: ${failed.error}` : 'ok';
  request.stdout.write(`=== ${target.label} (${formatServerAddress(target.address)}) ${status}\n`);
  for (const result of results) {
    if (result.ok && result.answer !== '') {
      request.stdout.write(result.answer.endsWith('\n') ? result.answer : `${result.answer}\n`);
    } else if (!result.ok) {
      request.stderr.write(`rcon: ${target.label}: ${result.command}: ${result.error}\n`);
    }
  }
}
