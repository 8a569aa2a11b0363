import { app, session, shell, type WebContents } from 'electron';
import { isTrustedUrl, isVettedExternalUrl, type TrustedOrigin } from '../shell/trusted-url';

/**
 * The Electron security checklist's app-wide parts (https://www.electronjs.org/docs/latest/tutorial/security):
 * every permission denied, navigation and new windows blocked (vetted https links go to the OS
 * browser), <webview> refused, for every web contents the app ever creates.
 */
export function hardenApp(trusted: TrustedOrigin, externalHosts: () => ReadonlySet<string>): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.on('will-download', (event) => event.preventDefault());

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedUrl(url, trusted) || url.split('#')[0] !== contents.getURL().split('#')[0]) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isTrustedUrl(url, trusted)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Only https links to the platform the student signed in to reach the OS browser (trusted-url.ts).
      if (isVettedExternalUrl(url, externalHosts())) void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
      return { action: 'deny' };
    });
  });
}
