import type { ProfileView } from '../shared/api';
import { appPaths } from '../main/paths';
import { KEYCHAIN_SERVICE, resolveDataDir } from '../main/data-dir';
import { loadKeytar } from '../main/keytar-loader';
import { ProfileStore } from '../main/services/profile-store';
import { KeytarSecretStore } from '../main/services/secret-store';
import { UsageError } from './args';

/**
 * The app's saved servers, for `rcon @NAME`, `--group`, `--list` and `--import`: the same
 * profiles file and the same keychain entries as the app, so no password goes on the command line.
 */
export class SavedServers {
  constructor(readonly store: ProfileStore) {}

  /** The store in the app's data folder ($RCON_DESK_DATA, or the platform's usual place). */
  static open(env: NodeJS.ProcessEnv = process.env): SavedServers {
    const keytar = loadKeytar();
    const secrets = new KeytarSecretStore(() => {
      if (keytar instanceof Error) throw keytar;
      return keytar;
    }, KEYCHAIN_SERVICE);
    return new SavedServers(new ProfileStore(appPaths(resolveDataDir(env)).profilesFile, secrets));
  }

  async list(): Promise<ProfileView[]> {
    const report = await this.store.load();
    if (!report.ok) throw new UsageError(`the saved servers could not be read: ${report.problem ?? 'unknown problem'}`);
    return this.store.list();
  }

  /** The profile named `name`: exactly, or else the one whose name matches ignoring case. */
  async byName(name: string): Promise<ProfileView> {
    const profiles = await this.list();
    const exact = profiles.filter((p) => p.name === name);
    const matches = exact.length > 0 ? exact : profiles.filter((p) => p.name.toLowerCase() === name.toLowerCase());
    if (matches.length === 1) return matches[0] as ProfileView;
    if (matches.length > 1)
      throw new UsageError(`${matches.length} saved servers are named "${name}": rename one in the app`);
    throw new UsageError(`no saved server is named "${name}" (rcon --list shows them)`);
  }

  async byGroup(group: string): Promise<ProfileView[]> {
    const members = (await this.list()).filter((p) => p.group.toLowerCase() === group.toLowerCase());
    if (members.length === 0)
      throw new UsageError(`no saved server is in the group "${group}" (rcon --list shows them)`);
    return members;
  }

  /**
   * The profile's saved password (bound to its address), else RCON_PASSWORD, else a UsageError
   * saying how to give one.
   */
  async password(profile: ProfileView, env: NodeJS.ProcessEnv = process.env): Promise<string> {
    const saved = await this.store.getPassword(profile.id, { host: profile.host, port: profile.port });
    if (saved !== null) return saved;
    const fromEnv = env['RCON_PASSWORD'];
    if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
    throw new UsageError(`no password is saved for "${profile.name}": save it in the app, or set RCON_PASSWORD`);
  }
}
