import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';
import { APP_NAME } from '../core/hosts/paths';

/**
 * Fixes where the app keeps its data before anything reads it: the single-instance lock and the
 * data dir both live under userData. The e2e tests give each test its own dir through
 * STUDY_DESK_USER_DATA_DIR (test-only); otherwise it is the same dir the CLI defaults to.
 */
export function setUpUserData(env: NodeJS.ProcessEnv = process.env): string {
  app.setName(APP_NAME);
  const dir = env.STUDY_DESK_USER_DATA_DIR || join(app.getPath('appData'), APP_NAME);
  app.setPath('userData', dir);
  app.setPath('sessionData', join(dir, 'session'));
  return dir;
}

/** The first-run template: shipped in resources when packaged (read-only), else built on demand. */
export function templateDir(userData: string): string | undefined {
  if (!app.isPackaged) return undefined; // the core's default: <repo>/.template
  const shipped = join(process.resourcesPath, 'template');
  if (existsSync(shipped) && readdirSync(shipped).some((f) => f.endsWith('.tar.gz'))) return shipped;
  return join(userData, 'template');
}
