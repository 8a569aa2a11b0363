import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID, claimInstance, type InstanceApp } from './instance';

/** Electron's app, recording the order of calls (the lock must come after userData is fixed). */
class FakeApp implements InstanceApp {
  calls: string[] = [];
  paths = new Map<string, string>();
  /** The userData the lock was taken under. */
  lockedUnder: string | undefined;
  constructor(private readonly othersHold: ReadonlySet<string> = new Set()) {}
  setName(name: string) {
    this.calls.push(`setName ${name}`);
  }
  getPath(name: 'appData') {
    return name === 'appData' ? '/home/s/.config' : '';
  }
  setPath(name: 'userData' | 'sessionData', path: string) {
    this.calls.push(`setPath ${name} ${path}`);
    this.paths.set(name, path);
  }
  setAppUserModelId(id: string) {
    this.calls.push(`setAppUserModelId ${id}`);
  }
  requestSingleInstanceLock() {
    this.calls.push('requestSingleInstanceLock');
    this.lockedUnder = this.paths.get('userData');
    return !this.othersHold.has(this.lockedUnder ?? '');
  }
}

describe('claimInstance', () => {
  it('honours the test-only user-data override before taking the single-instance lock', () => {
    const app = new FakeApp(new Set([join('/home/s/.config', 'Study Desk')])); // the real profile is open
    const claim = claimInstance(app, { STUDY_DESK_USER_DATA_DIR: '/tmp/e2e-1' }, 'linux');
    expect(claim).toEqual({ userData: '/tmp/e2e-1', primary: true });
    expect(app.lockedUnder).toBe('/tmp/e2e-1');
    expect(app.calls).toEqual([
      'setName Study Desk',
      'setPath userData /tmp/e2e-1',
      `setPath sessionData ${join('/tmp/e2e-1', 'session')}`,
      'requestSingleInstanceLock',
    ]);
  });

  it('uses the same userData as the CLI otherwise, and reports a second instance', () => {
    const profile = join('/home/s/.config', 'Study Desk');
    expect(claimInstance(new FakeApp(), {}, 'linux')).toEqual({ userData: profile, primary: true });
    expect(claimInstance(new FakeApp(), { STUDY_DESK_USER_DATA_DIR: '' }, 'linux').userData).toBe(profile);
    const second = new FakeApp(new Set([profile]));
    expect(claimInstance(second, {}, 'darwin')).toEqual({ userData: profile, primary: false });
  });

  it('sets the AppUserModelID on Windows only, before anything can notify', () => {
    const win = new FakeApp();
    claimInstance(win, {}, 'win32');
    expect(win.calls).toContain(`setAppUserModelId ${APP_ID}`);
    expect(win.calls.indexOf(`setAppUserModelId ${APP_ID}`)).toBeLessThan(win.calls.indexOf('requestSingleInstanceLock'));
    for (const platform of ['linux', 'darwin'] as const) {
      const other = new FakeApp();
      claimInstance(other, {}, platform);
      expect(other.calls.some((c) => c.startsWith('setAppUserModelId'))).toBe(false);
    }
  });

  it('uses electron-builder\'s appId as the AppUserModelID', async () => {
    const { readFile } = await import('node:fs/promises');
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { build: { appId: string } };
    expect(APP_ID).toBe(pkg.build.appId);
  });
});
