import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError, type ErrorBody } from '../shared/contract/errors';
import type { Db } from '../shared/db/db';
import { RateLimiter } from './auth/rate-limit';
import { createTokenSigner } from './auth/tokens';
import type { ServerDeps } from './context';
import { type ApiReply, errorReply, isReply, reply, Router } from './http/router';
import { createLogger, type Logger } from './log';
import { analyticsRoutes } from './routes/analytics';
import { authRoutes } from './routes/auth';
import { classRoutes } from './routes/classes';
import { gamificationRoutes } from './routes/gamification';
import { syncRoutes } from './routes/sync';

export interface AppOptions {
  db: Db;
  jwtSecret: Uint8Array;
  clock?: () => Date;
  log?: Logger;
  /** Logins per client address and email per window (default 10 per 5 minutes). */
  loginLimit?: { limit: number; windowMs: number };
  schemaVersion?: string;
  maxBodyBytes?: number;
}

export interface PlatformServer {
  server: Server;
  router: Router;
  deps: ServerDeps;
  listen(port: number, host?: string): Promise<string>;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then closes idle sockets. */
  close(graceMs?: number): Promise<void>;
}

const MB = 1024 * 1024;

export function createPlatformServer(opts: AppOptions): PlatformServer {
  const log = opts.log ?? createLogger();
  const limit = opts.loginLimit ?? { limit: 10, windowMs: 5 * 60_000 };
  const deps: ServerDeps = {
    db: opts.db,
    signer: createTokenSigner(opts.jwtSecret),
    clock: opts.clock ?? (() => new Date()),
    log,
    loginLimiter: new RateLimiter(limit.limit, limit.windowMs),
  };
  const router = new Router();
  router.add('GET', '/health', async () => {
    await deps.db.query('SELECT 1');
    return { status: 'ok', time: deps.clock().toISOString() };
  }, { auth: false });
  authRoutes(router, deps);
  syncRoutes(router, deps, opts.schemaVersion ?? '');
  analyticsRoutes(router, deps);
  gamificationRoutes(router, deps);
  classRoutes(router, deps);

  const maxBody = opts.maxBodyBytes ?? 32 * MB;
  let requestCounter = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = process.hrtime.bigint();
    const id = `${process.pid.toString(36)}-${(++requestCounter).toString(36)}`;
    const url = new URL(req.url ?? '/', 'http://localhost');
    let out: ApiReply;
    let userId: string | null = null;
    try {
      const matched = router.match(req.method ?? 'GET', url.pathname);
      if (matched === null) throw new AppError('NOT_FOUND', `no route ${url.pathname}`);
      if (matched === 'method') {
        out = reply(405, { error: { code: 'NOT_FOUND', message: `${req.method} not allowed on ${url.pathname}` } });
      } else {
        if (matched.route.auth) userId = await authenticate(req, deps);
        const body = await readBody(req, maxBody);
        const result = await matched.route.handle({
          method: req.method ?? 'GET',
          path: url.pathname,
          params: matched.params,
          query: url.searchParams,
          body,
          headers: req.headers,
          ip: req.socket.remoteAddress ?? '',
          userId: userId ?? '',
        });
        out = isReply(result) ? result : reply(200, result);
      }
    } catch (err) {
      out = toErrorReply(err, log, id);
    }
    send(res, out, id);
    log.info('request', {
      id,
      method: req.method,
      path: url.pathname,
      status: out.status,
      user_id: userId,
      ms: Number(process.hrtime.bigint() - started) / 1e6,
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.error('unhandled', { error: String(err) });
      if (!res.headersSent) send(res, errorReply({ code: 'INTERNAL', message: 'internal error' }), '');
    });
  });
  server.keepAliveTimeout = 5_000;

  return {
    server,
    router,
    deps,
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const addr = server.address() as AddressInfo;
          resolve(`http://${host}:${addr.port}`);
        });
      }),
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

async function authenticate(req: IncomingMessage, deps: ServerDeps): Promise<string> {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(header);
  const userId = match ? await deps.signer.verify(match[1]!, deps.clock()) : null;
  if (!userId) throw new AppError('UNAUTHORIZED', 'a valid access token is required');
  // A token outlives nothing: an account that is gone has no rows to act on.
  const { rows } = await deps.db.query('SELECT 1 FROM credentials WHERE user_id = $1', [userId]);
  if (rows.length === 0) throw new AppError('UNAUTHORIZED', 'a valid access token is required');
  return userId;
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new AppError('VALIDATION', `body larger than ${maxBytes} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (size === 0) return resolve(undefined);
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new AppError('VALIDATION', 'body is not valid JSON'));
      }
    });
  });
}

function toErrorReply(err: unknown, log: Logger, id: string): ApiReply {
  if (err instanceof AppError) return errorReply(err);
  const code = (err as { code?: unknown }).code;
  // Serialization failures and lost connections are worth retrying: 503 with a hint.
  if (code === '40001' || code === '40P01' || code === '57P01' || code === 'ECONNREFUSED') {
    log.warn('transient failure', { id, error: String(err) });
    return errorReply({ code: 'UNAVAILABLE', message: 'try again' } satisfies ErrorBody, { 'retry-after': '1' });
  }
  log.error('internal error', { id, error: err instanceof Error ? err.stack : String(err) });
  return errorReply({ code: 'INTERNAL', message: 'internal error' });
}

function send(res: ServerResponse, out: ApiReply, id: string): void {
  const body = JSON.stringify(out.body);
  res.writeHead(out.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    ...(id ? { 'x-request-id': id } : {}),
    ...out.headers,
  });
  res.end(body);
}
