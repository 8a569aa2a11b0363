import { join } from 'node:path';
import { APP_NAME } from '../core/hosts/paths';

/** The Electron id of the app: electron-builder's appId, and the Windows AppUserModelID. */
export const APP_ID = 'edu.studydesk.app';

/** The test-only override of userData (each Electron e2e test gets its own dir, lock and instance). */
export const USER_DATA_ENV = 'STUDY_DESK_USER_DATA_DIR';

/** What claiming the instance uses of Electron's `app` (a fake in tests). */
export interface InstanceApp {
  setName(name: string): void;
  getPath(name: 'appData'): string;
  setPath(name: 'userData' | 'sessionData', path: string): void;
  setAppUserModelId(id: string): void;
  requestSingleInstanceLock(): boolean;
}

export interface InstanceClaim {
  /** userData: the data dir, the token file and Chromium's own files live under it. */
  userData: string;
  /** False when another instance of the app on this userData holds the lock: quit at once. */
  primary: boolean;
}

/**
 * Fixes where the app keeps its data before anything reads it, then takes Electron's
 * single-instance lock, which lives under userData: so the test-only override must come first,
 * or every e2e test would share (and fight over) the real profile's lock. Windows also needs the
 * AppUserModelID set before any notification is shown.
 */
export function claimInstance(app: InstanceApp, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): InstanceClaim {
  app.setName(APP_NAME);
  const userData = env[USER_DATA_ENV] || join(app.getPath('appData'), APP_NAME);
  app.setPath('userData', userData);
  app.setPath('sessionData', join(userData, 'session'));
  if (platform === 'win32') app.setAppUserModelId(APP_ID);
  return { userData, primary: app.requestSingleInstanceLock() };
}
