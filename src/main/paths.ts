import { join } from 'node:path';

/** The app's files in the user-data folder (Electron's `app.getPath('userData')`). */
export interface AppPaths {
  profilesFile: string;
  historyFile: string;
}

export function appPaths(userDataDir: string): AppPaths {
  return {
    profilesFile: join(userDataDir, 'profiles.json'),
    historyFile: join(userDataDir, 'history.json'),
  };
}
