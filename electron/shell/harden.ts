import { isTrustedUrl, isVettedExternalUrl, type TrustedOrigin } from './trusted-url';

/** An Electron event that can be cancelled. */
export interface Cancellable {
  preventDefault(): void;
}

/** What the hardening uses of Electron's default session (a fake in tests). */
export interface SessionLike {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: () => boolean): void;
  setDevicePermissionHandler(handler: () => boolean): void;
  on(event: 'will-download', listener: (event: Cancellable) => void): unknown;
}

/** What the hardening uses of a WebContents (a fake in tests). */
export interface ContentsLike {
  getURL(): string;
  on(event: 'will-navigate', listener: (event: Cancellable, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: Cancellable, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Cancellable) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** Every permission (camera, notifications prompt, USB, HID…) denied, every download refused. */
export function hardenSession(ses: SessionLike): void {
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.on('will-download', (event) => event.preventDefault());
}

/**
 * A top-level navigation is allowed only within the page the app loaded (a fragment change): the
 * renderer routes by hash, so any other navigation is a link or a script taking the window away.
 */
export function navigationAllowed(url: string, current: string, trusted: TrustedOrigin): boolean {
  return isTrustedUrl(url, trusted) && url.split('#')[0] === current.split('#')[0];
}

/**
 * For every web contents the app creates: navigation away and redirects off the app's origin
 * blocked, <webview> refused, new windows denied (a vetted https link goes to the OS browser).
 */
export function hardenContents(
  contents: ContentsLike,
  trusted: TrustedOrigin,
  externalHosts: () => ReadonlySet<string>,
  openExternal: (url: string) => void,
): void {
  contents.on('will-navigate', (event, url) => {
    if (!navigationAllowed(url, contents.getURL(), trusted)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrustedUrl(url, trusted)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isVettedExternalUrl(url, externalHosts())) openExternal(url);
    return { action: 'deny' };
  });
}
