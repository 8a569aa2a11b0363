import { app, session, shell, type WebContents } from 'electron';
import { hardenContents, hardenSession } from '../shell/harden';
import type { TrustedOrigin } from '../shell/trusted-url';

/**
 * The Electron security checklist's app-wide parts (https://www.electronjs.org/docs/latest/tutorial/security):
 * every permission denied, navigation and new windows blocked (vetted https links go to the OS
 * browser), <webview> refused, for every web contents the app ever creates. The decisions live in
 * electron/shell/harden.ts (tested with fakes).
 */
export function hardenApp(trusted: TrustedOrigin, externalHosts: () => ReadonlySet<string>): void {
  hardenSession(session.defaultSession);
  app.on('web-contents-created', (_event, contents: WebContents) => {
    // Only https links to the platform the student signed in to reach here (shell/harden.ts).
    hardenContents(contents, trusted, externalHosts, (url) => void shell.openExternal(url)); // eng-disable OPEN_EXTERNAL_JS_CHECK
  });
}
