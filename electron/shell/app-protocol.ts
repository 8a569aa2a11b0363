import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { SECURITY_HEADERS } from './csp';
import { APP_HOST, APP_SCHEME } from './trusted-url';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff', '.map': 'application/json', '.wasm': 'application/wasm',
  '.webp': 'image/webp', '.jpg': 'image/jpeg', '.txt': 'text/plain; charset=utf-8',
};

export type Resolved = { file: string } | { status: 400 | 404; reason: string };

/**
 * Maps an app:// URL to a file under `root`, or refuses it. Only the app's own host; the decoded
 * path must stay inside root (no `..`, no encoded separators, no backslashes, no NUL); paths with
 * no extension are the SPA's own routes and get index.html.
 */
export function resolveAppPath(root: string, rawUrl: string): Resolved {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { status: 400, reason: 'malformed URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) {
    return { status: 404, reason: 'not this app' };
  }
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return { status: 400, reason: 'malformed path' };
  }
  if (path.includes('\0') || path.includes('\\')) return { status: 400, reason: 'malformed path' };
  const base = resolve(root);
  const file = resolve(base, `.${path.startsWith('/') ? path : `/${path}`}`);
  if (file !== base && !file.startsWith(base + sep)) return { status: 404, reason: 'outside the app' };
  if (file === base || extname(file) === '') return { file: join(base, 'index.html') };
  return { file };
}

/** The protocol.handle callback for app://, over the built renderer in `root`. */
export function appProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: SECURITY_HEADERS });
    const resolved = resolveAppPath(root, request.url);
    if ('status' in resolved) return new Response(resolved.reason, { status: resolved.status, headers: SECURITY_HEADERS });
    try {
      if (!(await stat(resolved.file)).isFile()) throw new Error('not a file');
      const body = request.method === 'HEAD' ? null : await readFile(resolved.file);
      return new Response(body, {
        status: 200,
        headers: { ...SECURITY_HEADERS, 'Content-Type': MIME[extname(resolved.file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' },
      });
    } catch {
      return new Response('not found', { status: 404, headers: SECURITY_HEADERS });
    }
  };
}
