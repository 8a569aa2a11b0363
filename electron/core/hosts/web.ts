// The web host (DESIGN §1): the built renderer and the core over HTTP + server-sent events on
// 127.0.0.1, for development in a browser and for the Playwright tests. Same contract, same
// validation (core.invoke), same results as the Electron bridge; its own data dir and lock.
//
//   npm run web -- [--port 5183] [--data-dir DIR] [--static DIR]
//
// Default data dir: `<userData>/web/pgdata` (or $STUDY_DESK_WEB_DATA_DIR), beside the app's own,
// so a browser session never touches the app's data. Only this machine can reach it, and only
// through its own name: the Host and Origin checks refuse DNS-rebinding pages.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ErrorBody, ErrorCode, Result } from '../../../shared/contract/errors';
import { CORE_EVENT_NAMES } from '../../../shared/contract/events';
import { Core } from '../core';
import { toErrorBody } from '../errors';
import { userDataDir } from './paths';
import { hostSync, stopSync } from './sync';

export const DEFAULT_PORT = 5183;
export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../../out/renderer/', import.meta.url));
export const MAX_BODY_BYTES = 1024 * 1024;
const SSE_KEEPALIVE_MS = 25_000;

export const defaultWebDataDir = (env: NodeJS.ProcessEnv = process.env): string =>
  env.STUDY_DESK_WEB_DATA_DIR || join(userDataDir(env), 'web', 'pgdata');

const STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, LOCKED: 423, INTERNAL: 500,
  UNAVAILABLE: 503,
};

/** The renderer's own CSP (renderer/index.html), plus what only a header can say. */
export const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "connect-src 'self'",
  "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff', '.map': 'application/json', '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm', '.webp': 'image/webp', '.jpg': 'image/jpeg',
};

class HttpError extends Error {
  constructor(readonly status: number, readonly body: ErrorBody) {
    super(body.message);
  }
}

const fail = (status: number, code: ErrorCode, message: string) => new HttpError(status, { code, message });

export interface WebHostOptions {
  core: Core;
  port?: number;
  staticDir?: string;
  maxBodyBytes?: number;
}

export interface WebHost {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /** Stops listening and ends every event stream (the core is the caller's to close). */
  close(): Promise<void>;
}

/** Host names a page on this machine may reach us by; anything else is a rebinding attempt. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { core } = options;
  const staticRoot = resolve(options.staticDir ?? DEFAULT_STATIC_DIR);
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const streams = new Set<ServerResponse>();
  let hosts = new Set<string>();

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const e = err instanceof HttpError ? err : new HttpError(500, toErrorBody(err));
      if (e.status === 500) console.error('web host: request failed', err);
      if (!res.headersSent) sendJson(res, e.status, { ok: false, error: e.body } satisfies Result<never>);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hosts.has(req.headers.host ?? '')) throw fail(403, 'FORBIDDEN', 'unexpected Host header');
    const origin = req.headers.origin;
    if (origin !== undefined && !hosts.has(origin.replace(/^http:\/\//, '')) ) throw fail(403, 'FORBIDDEN', 'cross-origin request');
    if (req.headers['sec-fetch-site'] === 'cross-site') throw fail(403, 'FORBIDDEN', 'cross-site request');
    const path = (req.url ?? '/').split('?')[0]!;

    if (path.startsWith('/api/invoke/')) {
      if (req.method !== 'POST') throw fail(405, 'VALIDATION', 'use POST');
      const channel = decodeURIComponent(path.slice('/api/invoke/'.length));
      const input = await readJson(req, maxBody);
      const result = await core.invoke(channel, input);
      return sendJson(res, result.ok ? 200 : STATUS[result.error.code], result);
    }
    if (path === '/api/events') {
      if (req.method !== 'GET') throw fail(405, 'VALIDATION', 'use GET');
      return openEventStream(req, res);
    }
    if (path.startsWith('/api/')) throw fail(404, 'NOT_FOUND', `no route ${path}`);
    if (req.method !== 'GET' && req.method !== 'HEAD') throw fail(405, 'VALIDATION', 'use GET');
    return serveStatic(req, res, path);
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store',
      Connection: 'keep-alive', 'X-Accel-Buffering': 'no',
    });
    res.write(': connected\n\n');
    const unsubscribe = CORE_EVENT_NAMES.map((name) =>
      core.events.on(name, (payload) => res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`)),
    );
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), SSE_KEEPALIVE_MS);
    streams.add(res);
    const done = () => {
      clearInterval(keepAlive);
      for (const off of unsubscribe) off();
      streams.delete(res);
    };
    req.on('close', done);
    res.on('close', done);
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse, urlPath: string): void {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      throw fail(400, 'VALIDATION', 'malformed path');
    }
    if (decoded.includes('\0')) throw fail(400, 'VALIDATION', 'malformed path');
    const file = resolve(staticRoot, `.${decoded}`);
    if (file !== staticRoot && !file.startsWith(staticRoot + sep)) throw fail(404, 'NOT_FOUND', 'not found');
    let target = isFile(file) ? file : null;
    // The SPA's own routes (no extension) get index.html; a missing asset is a real 404.
    if (!target && extname(decoded) === '') target = join(staticRoot, 'index.html');
    if (!target || !isFile(target)) {
      if (target && !existsSync(staticRoot)) throw fail(503, 'UNAVAILABLE', `no renderer build at ${staticRoot}: run npm run build`);
      throw fail(404, 'NOT_FOUND', 'not found');
    }
    const isIndex = target.endsWith(`${sep}index.html`);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': MIME[extname(target)] ?? 'application/octet-stream',
      'Content-Length': statSync(target).size,
      // Built assets carry content hashes in their names; the page itself must always be fresh.
      'Cache-Control': isIndex ? 'no-cache' : 'public, max-age=31536000, immutable',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(target).pipe(res);
  }

  await new Promise<void>((ok, ko) => {
    server.once('error', ko);
    server.listen(options.port ?? DEFAULT_PORT, '127.0.0.1', () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(port);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    async close() {
      for (const res of streams) res.end();
      await new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeIdleConnections();
      });
    },
  };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/** The JSON body (none means no input); JSON only, so a plain cross-site form can never post here. */
async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw fail(413, 'VALIDATION', `request body larger than ${maxBytes} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw fail(413, 'VALIDATION', `request body larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  if (type !== 'application/json') throw fail(415, 'VALIDATION', 'send the input as application/json');
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (err) {
    throw fail(400, 'VALIDATION', `input is not valid JSON: ${(err as Error).message}`);
  }
}

/** `npm run web`: opens the core on its data dir (taking its lock), serves until SIGINT/SIGTERM. */
async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, static: { type: 'string' } },
  });
  const port = Number(values.port ?? process.env.PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port ${values.port ?? process.env.PORT} is not a port`);
  const dataDir = values['data-dir'] ?? defaultWebDataDir();
  let core: Core;
  try {
    core = await Core.open({ dataDir });
  } catch (err) {
    const body = toErrorBody(err);
    process.stderr.write(`${JSON.stringify({ error: body })}\n`);
    process.exit(body.code === 'LOCKED' ? 5 : 1);
  }
  // Sync runs beside the host once an account is signed in (a token file exists, or a sign-in
  // from the page writes one); the engine does no network work while signed out.
  await hostSync(core, dataDir, true);
  const host = await startWebHost({ core, port, ...(values.static ? { staticDir: values.static } : {}) });
  process.stdout.write(`Study Desk web host on ${host.url} (data dir ${dataDir})\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    stopSync(core);
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${JSON.stringify({ error: toErrorBody(err) })}\n`);
    process.exit(1);
  });
}
