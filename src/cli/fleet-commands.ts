import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ProfileView } from '../shared/api';
import { gameClientOptions } from '../shared/game-presets';
import { createRemoteConsole } from '../main/protocol/create-remote-console';
import { exportProfiles, importProfiles, parseImportFile } from '../main/services/profile-import';
import { formatServerAddress } from './address';
import type { ConnectionSettings, TargetSpec } from './args';
import { describeError, exitCodeFor, ExitCode } from './exit-codes';
import { runOnTargets, type CommandTarget } from './multi-target';
import type { SavedServers } from './saved-servers';

export interface FleetIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Server text as it may be printed (the sanitizer), unless --raw. */
  printable: (text: string) => string;
}

/** `rcon --list`: the saved servers, one a line (or one JSON object a line), never a password. */
export async function listSaved(saved: SavedServers, json: boolean, io: FleetIo): Promise<ExitCode> {
  const profiles = await saved.list();
  for (const p of profiles) {
    const address = formatServerAddress(p);
    if (json) {
      const { name, host, port, group, protocol, hasSavedPassword } = p;
      const line = { name, address, host, port, group, game: p.game ?? null, protocol, hasSavedPassword };
      io.stdout.write(`${JSON.stringify(line)}\n`);
    } else {
      const details = [p.group && `group ${p.group}`, p.game, p.protocol !== 'rcon' && p.protocol]
        .filter(Boolean)
        .join(', ');
      const password = p.hasSavedPassword ? '' : ' (no saved password)';
      io.stdout.write(`@${p.name}\t${address}${details ? `\t${details}` : ''}${password}\n`);
    }
  }
  if (!json && profiles.length === 0)
    io.stderr.write('rcon: no saved servers yet (add them in the app, or rcon --import FILE)\n');
  return ExitCode.ok;
}

/** `rcon --import FILE`: other tools' server lists into the app's profiles and keychain. */
export async function importFile(saved: SavedServers, file: string, io: FleetIo): Promise<ExitCode> {
  const plan = parseImportFile(basename(file), await readFile(file, 'utf8'));
  await saved.list(); // Refuses a damaged profiles file before anything is added to it.
  const report = await importProfiles(saved.store, plan);
  for (const entry of report.imported) {
    io.stdout.write(`imported @${entry.name}${entry.passwordSaved ? ', password in the keychain' : ''}\n`);
  }
  for (const entry of report.skipped) io.stdout.write(`skipped ${entry.name}: ${entry.reason}\n`);
  if (report.passwordProblem) io.stderr.write(`rcon: ${report.passwordProblem}\n`);
  io.stdout.write(`${report.imported.length} imported, ${report.skipped.length} skipped (from ${plan.format})\n`);
  if (report.interrupted === undefined) return ExitCode.ok;
  io.stderr.write(`rcon: ${report.interrupted}\n`);
  return ExitCode.unexpected;
}

/** `rcon --export FILE`: the saved servers without their passwords. */
export async function exportFile(saved: SavedServers, file: string, io: FleetIo): Promise<ExitCode> {
  const profiles = await saved.list();
  await writeFile(file, exportProfiles(profiles), { encoding: 'utf8', mode: 0o600 });
  io.stdout.write(
    `exported ${profiles.length} server${profiles.length === 1 ? '' : 's'} to ${file}, without passwords\n`,
  );
  return ExitCode.ok;
}

export interface FleetRunRequest {
  targets: readonly TargetSpec[];
  commands: readonly string[];
  settings: ConnectionSettings;
  json: boolean;
  concurrency: number;
  /** For targets typed as addresses: -p, RCON_PASSWORD or a prompt, asked once. */
  addressPassword: () => Promise<string>;
}

/**
 * `rcon A @B --group C -e CMD`: resolves each target (a typed address, a saved server, a group of
 * saved servers) and runs the commands on all of them. Saved servers log in with their keychain
 * password and their own settings; an unknown name or group is a usage error before anything is sent.
 */
export async function runFleet(saved: () => SavedServers, request: FleetRunRequest, io: FleetIo): Promise<ExitCode> {
  const targets: CommandTarget[] = [];
  for (const spec of request.targets) {
    if (spec.kind === 'address') {
      targets.push({
        label: formatServerAddress(spec.address),
        address: spec.address,
        settings: request.settings,
        password: request.addressPassword,
      });
      continue;
    }
    const store = saved();
    const profiles = spec.kind === 'saved' ? [await store.byName(spec.name)] : await store.byGroup(spec.name);
    for (const profile of profiles) {
      if (targets.some((t) => t.profileId === profile.id)) continue;
      targets.push({
        label: profile.name,
        profileId: profile.id,
        address: { host: profile.host, port: profile.port },
        settings: settingsOf(profile, request.settings),
        password: () => store.password(profile, process.env),
      });
    }
  }
  return runOnTargets({
    targets,
    commands: request.commands,
    json: request.json,
    concurrency: request.concurrency,
    createClient: (options, protocol) => createRemoteConsole(protocol, options),
    stdout: io.stdout,
    stderr: io.stderr,
    printable: io.printable,
  });
}

/** A saved server's own way of connecting, with the run's timeout. */
export function settingsOf(profile: ProfileView, base: ConnectionSettings): ConnectionSettings {
  const settings: ConnectionSettings = {
    ...base,
    dialect: profile.dialect,
    encoding: profile.encoding,
    protocol: profile.protocol,
  };
  if (profile.game) {
    const { dialect: _dialect, encoding: _encoding, ...limits } = gameClientOptions(profile.game);
    Object.assign(settings, limits);
  }
  return settings;
}

/** Runs a fleet command, turning what it throws into the message and exit code of the CLI. */
export async function reportFailures(io: FleetIo, run: () => Promise<ExitCode>): Promise<ExitCode> {
  try {
    return await run();
  } catch (error) {
    io.stderr.write(`rcon: ${describeError(error)}\n`);
    return exitCodeFor(error);
  }
}
