import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Study Desk';

/** Electron's `app.getPath('userData')` for this app, computed without Electron. */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_NAME);
}

/** The app's own database, so the CLI works on real data while the app is closed. */
export const defaultDataDir = (env: NodeJS.ProcessEnv = process.env): string =>
  env.STUDY_DESK_DATA_DIR || join(userDataDir(env), 'pgdata');
