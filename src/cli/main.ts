import { version } from '../../package.json';
import { createRemoteConsole } from '../main/protocol/create-remote-console';
import type { RemoteConsoleProtocol } from '../main/protocol/remote-console';
import { formatServerAddress, type ServerAddress } from './address';
import { choosePasswordSource, parseArgs, UsageError, USAGE, type CliRequest } from './args';
import { executeCommands } from './execute';
import { runDiagnosis } from './diagnose';
import { runInfo } from './info';
import { describeError, ExitCode } from './exit-codes';
import { FileHistoryStore, historyPathFrom } from './history';
import { readHiddenLine } from './password-prompt';
import { RconShell, type ClientFactory } from './shell';
import { gamePreset } from '../shared/game-presets';
import { restoreTerminalOnExit } from './terminal-restore';
import {
  exportFile,
  importFile,
  listSaved,
  reportFailures,
  runFleet,
  settingsOf,
  type FleetIo,
} from './fleet-commands';
import { SavedServers } from './saved-servers';
import { serverTextForOutput } from './server-message';

function clientFactory(protocol: RemoteConsoleProtocol): ClientFactory {
  return (options) => createRemoteConsole(protocol, options);
}

async function main(argv: readonly string[]): Promise<ExitCode> {
  let request: CliRequest;
  try {
    request = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return usageError(error.message);
  }

  switch (request.kind) {
    case 'help':
      process.stdout.write(USAGE);
      return ExitCode.ok;
    case 'version':
      process.stdout.write(`rcon ${version}\n`);
      return ExitCode.ok;
    case 'execute': {
      const password = await obtainPassword(request.password, request.address);
      if (typeof password !== 'string') return password.exitCode;
      return executeCommands({
        ...request,
        password,
        createClient: clientFactory(request.settings.protocol),
        stdout: process.stdout,
        stderr: process.stderr,
      });
    }
    case 'diagnose': {
      // A missing password only limits the diagnosis: without one, no login is sent at all.
      const source = choosePasswordSource(request.password, process.env, process.stdin.isTTY === true);
      let password: string | undefined;
      if (source.kind === 'given') password = source.password;
      else if (source.kind === 'prompt') {
        const typed = await obtainPassword(undefined, request.address);
        password = typeof typed === 'string' ? typed : undefined;
      }
      return runDiagnosis({ ...request, password, stdout: process.stdout });
    }
    case 'info':
      return runInfo({ ...request, stdout: process.stdout, stderr: process.stderr });
    case 'shell': {
      let initial: { address: ServerAddress; password: string } | undefined;
      if (request.address) {
        const password = await obtainPassword(request.password, request.address);
        if (typeof password !== 'string') return password.exitCode;
        initial = { address: request.address, password };
      }
      const historyPath = historyPathFrom(process.env);
      const shell = new RconShell({
        input: process.stdin,
        output: process.stdout,
        errorOutput: process.stderr,
        createClient: clientFactory(request.settings.protocol),
        settings: request.settings,
        defaultPort: request.game ? gamePreset(request.game).defaultPort : undefined,
        raw: request.raw,
        history: historyPath === undefined ? undefined : new FileHistoryStore(historyPath),
      });
      return shell.run(initial);
    }
    case 'list':
      return reportFailures(io(false), () => listSaved(SavedServers.open(), request.json, io(false)));
    case 'import':
      return reportFailures(io(false), () => importFile(SavedServers.open(), request.file, io(false)));
    case 'export':
      return reportFailures(io(false), () => exportFile(SavedServers.open(), request.file, io(false)));
    case 'fleet': {
      const { targets, commands, settings, json, concurrency } = request;
      let asked: Promise<string> | undefined;
      // Typed addresses share one password (-p, RCON_PASSWORD or one prompt), asked only if needed.
      const addressPassword = (): Promise<string> =>
        (asked ??= obtainPassword(request.password, undefined).then((result) => {
          if (typeof result === 'string') return result;
          throw new UsageError('no password given for the servers typed as addresses');
        }));
      let saved: SavedServers | undefined;
      const fleetIo = io(request.raw);
      return reportFailures(fleetIo, () =>
        runFleet(
          () => (saved ??= SavedServers.open()),
          { targets, commands, settings, json, concurrency, addressPassword },
          fleetIo,
        ),
      );
    }
    case 'saved-shell': {
      const shellIo = io(request.raw);
      return reportFailures(shellIo, async () => {
        const saved = SavedServers.open();
        const profile = await saved.byName(request.name);
        const password = await saved.password(profile);
        const settings = settingsOf(profile, request.settings);
        const historyPath = historyPathFrom(process.env);
        const shell = new RconShell({
          input: process.stdin,
          output: process.stdout,
          errorOutput: process.stderr,
          createClient: clientFactory(settings.protocol),
          settings,
          raw: request.raw,
          history: historyPath === undefined ? undefined : new FileHistoryStore(historyPath),
        });
        return shell.run({ address: { host: profile.host, port: profile.port }, password });
      });
    }
  }
}

function io(raw: boolean): FleetIo {
  return { stdout: process.stdout, stderr: process.stderr, printable: (text) => serverTextForOutput(text, raw) };
}

/** -p, then RCON_PASSWORD, then a prompt without echo; never printed anywhere. */
async function obtainPassword(
  fromFlag: string | undefined,
  address: ServerAddress | undefined,
): Promise<string | { exitCode: ExitCode }> {
  const source = choosePasswordSource(fromFlag, process.env, process.stdin.isTTY === true);
  switch (source.kind) {
    case 'given':
      return source.password;
    case 'missing':
      return { exitCode: usageError(source.message, false) };
    case 'prompt': {
      // On stderr, so that `rcon HOST -e status > file` still shows the question.
      const typed = await readHiddenLine({
        input: process.stdin,
        output: process.stderr,
        prompt: address
          ? `Password for ${formatServerAddress(address)}: `
          : 'Password for the servers given by address: ',
      });
      return typed ?? { exitCode: usageError('no password given', false) };
    }
  }
}

function usageError(message: string, hint = true): ExitCode {
  process.stderr.write(`rcon: ${message}\n${hint ? "Try 'rcon --help' for more information.\n" : ''}`);
  return ExitCode.usage;
}

// `rcon ... | head` closes the pipe early; that is the reader's choice, not an error to report.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? ExitCode.ok);
});

restoreTerminalOnExit([process.stdout, process.stderr]);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`rcon: unexpected error: ${describeError(error)}\n`);
    process.exitCode = ExitCode.unexpected;
  },
);
