import { describe, expect, it } from 'vitest';
import { type Cancellable, type ContentsLike, hardenContents, hardenSession, navigationAllowed, type SessionLike } from './harden';
import { trustedOrigin } from './trusted-url';

const app = trustedOrigin(undefined);
const PAGE = 'app://study-desk/index.html#/timer';

class FakeSession implements SessionLike {
  request: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  check: (() => boolean) | null = null;
  device: (() => boolean) | null = null;
  download: ((event: Cancellable) => void) | null = null;
  setPermissionRequestHandler(handler: NonNullable<FakeSession['request']>) {
    this.request = handler;
  }
  setPermissionCheckHandler(handler: () => boolean) {
    this.check = handler;
  }
  setDevicePermissionHandler(handler: () => boolean) {
    this.device = handler;
  }
  on(_event: 'will-download', listener: (event: Cancellable) => void) {
    this.download = listener;
  }
}

type Listener = (event: Cancellable, url: string) => void;

class FakeContents implements ContentsLike {
  readonly listeners = new Map<string, Listener>();
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  constructor(private readonly url: string) {}
  getURL() {
    return this.url;
  }
  on(event: string, listener: Listener) {
    this.listeners.set(event, listener);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
    this.openHandler = handler;
  }
  /** Fires `event` as Electron would; true when the handler cancelled it. */
  fire(event: string, url = ''): boolean {
    let prevented = false;
    this.listeners.get(event)!({ preventDefault: () => void (prevented = true) }, url);
    return prevented;
  }
}

describe('the session: every permission denied', () => {
  it('denies permission requests and checks, devices and downloads', () => {
    const ses = new FakeSession();
    hardenSession(ses);
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) ses.request!(null, permission, (granted) => answers.push(granted));
    expect(answers).toEqual([false, false, false, false, false]);
    expect(ses.check!()).toBe(false);
    expect(ses.device!()).toBe(false);
    let prevented = false;
    ses.download!({ preventDefault: () => void (prevented = true) });
    expect(prevented).toBe(true);
  });
});

describe('every web contents: navigation, redirects, new windows and <webview>', () => {
  const harden = (hosts: string[] = []) => {
    const contents = new FakeContents(PAGE);
    const opened: string[] = [];
    hardenContents(contents, app, () => new Set(hosts), (url) => opened.push(url));
    return { contents, opened };
  };

  it('blocks navigation away from the loaded page, lookalikes included', () => {
    const { contents } = harden();
    for (const url of [
      'https://example.com/', 'app://study-desk.evil.com/index.html', 'app://study-desk@evil.com/', 'app://u:p@study-desk/index.html',
      'app://study-desk:8080/index.html', 'file:///etc/passwd', 'app://study-desk/other.html', 'javascript:alert(1)', 'about:blank',
    ]) {
      expect(contents.fire('will-navigate', url), url).toBe(true);
    }
    expect(contents.fire('will-navigate', 'app://study-desk/index.html#/goals')).toBe(false); // a route of the same page
  });

  it('blocks redirects off the app origin', () => {
    const { contents } = harden();
    expect(contents.fire('will-redirect', 'https://example.com/')).toBe(true);
    expect(contents.fire('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-redirect', 'app://study-desk/index.html')).toBe(false);
  });

  it('refuses every <webview>', () => {
    const { contents } = harden();
    expect(contents.fire('will-attach-webview')).toBe(true);
  });

  it('denies every new window; only a vetted https link of the signed-in platform goes to the OS browser', () => {
    const { contents, opened } = harden(['study.example.edu']);
    for (const url of [
      'https://study.example.edu/classes/1', 'http://study.example.edu/', 'https://study.example.edu.evil.com/', 'https://evil.com@study.example.edu/',
      'https://study.example.edu:8443/', 'file:///etc/passwd', 'app://study-desk/index.html', 'smb://study.example.edu/share',
    ]) {
      expect(contents.openHandler!({ url }), url).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://study.example.edu/classes/1']);
  });

  it('opens nothing externally while signed out (no allowed host)', () => {
    const { contents, opened } = harden([]);
    expect(contents.openHandler!({ url: 'https://study.example.edu/' })).toEqual({ action: 'deny' });
    expect(opened).toEqual([]);
  });
});

describe('navigationAllowed', () => {
  it('allows only a fragment change on the trusted page, dev server included', () => {
    const dev = trustedOrigin('http://localhost:5173/');
    expect(navigationAllowed('http://localhost:5173/#/goals', 'http://localhost:5173/#/timer', dev)).toBe(true);
    expect(navigationAllowed('http://localhost:5174/#/goals', 'http://localhost:5173/#/timer', dev)).toBe(false);
    expect(navigationAllowed('http://localhost:5173/elsewhere', 'http://localhost:5173/', dev)).toBe(false);
    expect(navigationAllowed(PAGE, PAGE, app)).toBe(true);
  });
});
