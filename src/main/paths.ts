import { join } from 'node:path';

/** The app's files in its data folder (see data-dir.ts; Electron's userData is set to it). */
export interface AppPaths {
  profilesFile: string;
  historyFile: string;
  automationFile: string;
  auditFile: string;
  /** One folder per server with automatic transcripts (see TranscriptWriter). */
  transcriptsFolder: string;
}

export function appPaths(dataDir: string): AppPaths {
  return {
    profilesFile: join(dataDir, 'profiles.json'),
    historyFile: join(dataDir, 'history.json'),
    automationFile: join(dataDir, 'automation.json'),
    auditFile: join(dataDir, 'audit', 'audit.jsonl'),
    transcriptsFolder: join(dataDir, 'transcripts'),
  };
}
