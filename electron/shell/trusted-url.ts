/** The app's own origin in production: pages are served by the `app://` protocol handler. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'study-desk';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/`;

/** Where the renderer may come from: a scheme and an exact host (with its port, if any). */
export interface TrustedOrigin {
  protocol: string;
  host: string;
}

function parse(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/**
 * The renderer's origin: app://study-desk in production, the dev server's in `npm run dev` (which
 * must be plain http on this machine: electron-vite serves it on localhost).
 */
export function trustedOrigin(devServerUrl: string | undefined): TrustedOrigin {
  if (!devServerUrl) return { protocol: `${APP_SCHEME}:`, host: APP_HOST };
  const url = parse(devServerUrl);
  if (!url || url.protocol !== 'http:' || !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) || url.username || url.password) {
    throw new Error(`refusing to load the renderer from ${devServerUrl}: the dev server must be http on localhost`);
  }
  return { protocol: url.protocol, host: url.host };
}

/**
 * True only for a URL of exactly the trusted origin: same scheme, same host and port, no
 * credentials. Lookalikes (study-desk.evil.com, study-desk@evil, other ports, file://) fail.
 */
export function isTrustedUrl(raw: string, trusted: TrustedOrigin): boolean {
  const url = parse(raw);
  return !!url && url.protocol === trusted.protocol && url.host === trusted.host && url.username === '' && url.password === '';
}

/**
 * Links the app may hand to the OS browser (shell.openExternal): https only, no credentials, the
 * default port, and a host on the allow-list (the platform the student signed in to).
 */
export function isVettedExternalUrl(raw: string, allowedHosts: ReadonlySet<string>): boolean {
  const url = parse(raw);
  return !!url && url.protocol === 'https:' && url.port === '' && url.username === '' && url.password === '' && allowedHosts.has(url.hostname);
}
