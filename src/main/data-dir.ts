import { homedir } from 'node:os';
import { join } from 'node:path';

/** Points the app and the `rcon` CLI at another data folder, e.g. for tests or a portable setup. */
export const DATA_DIR_ENV = 'RCON_DESK_DATA';

/** The keychain service under which every saved password is kept, by the app and the CLI alike. */
export const KEYCHAIN_SERVICE = 'RCON Desk';

const APP_FOLDER = 'RCON Desk';

/**
 * The folder that holds profiles.json and the other files: $RCON_DESK_DATA when set, or else the
 * platform's usual place for app settings, named as the installed app names it. The app sets
 * Electron's userData path to this same folder, so the CLI and the app always share one.
 */
export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const override = env[DATA_DIR_ENV];
  if (override !== undefined && override.trim() !== '') return override;
  switch (platform) {
    case 'win32':
      return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), APP_FOLDER);
    case 'darwin':
      return join(home, 'Library', 'Application Support', APP_FOLDER);
    default:
      return join(env['XDG_CONFIG_HOME'] || join(home, '.config'), APP_FOLDER);
  }
}
