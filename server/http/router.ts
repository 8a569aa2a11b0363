import type { IncomingHttpHeaders } from 'node:http';
import { AppError, type ErrorBody, type ErrorCode } from '../../shared/contract/errors';

export interface ApiRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingHttpHeaders;
  ip: string;
  /** Set for every route that requires a token: the only user id a handler may act for. */
  userId: string;
}

export interface ApiReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type RouteHandler = (req: ApiRequest) => Promise<ApiReply | unknown>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  auth: boolean;
  handle: RouteHandler;
  template: string;
}

export const reply = (status: number, body: unknown, headers?: Record<string, string>): ApiReply => ({ status, body, headers });
export const isReply = (v: unknown): v is ApiReply =>
  typeof v === 'object' && v !== null && 'status' in v && 'body' in v && Object.keys(v).every((k) => ['status', 'body', 'headers'].includes(k));

export const STATUS_OF: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LOCKED: 423,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

export const errorReply = (err: AppError | ErrorBody, headers?: Record<string, string>): ApiReply => {
  const body = err instanceof AppError ? err.toBody() : err;
  return reply(STATUS_OF[body.code], { error: body }, headers);
};

/** A small method + path router: `/api/analytics/sessions/:id/end`. */
export class Router {
  readonly routes: Route[] = [];

  add(method: string, template: string, handle: RouteHandler, opts: { auth?: boolean } = {}): this {
    const keys: string[] = [];
    const source = template.replace(/:([a-z_]+)/g, (_m, key: string) => {
      keys.push(key);
      return '([^/]+)';
    });
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), keys, auth: opts.auth ?? true, handle, template });
    return this;
  }

  match(method: string, path: string): { route: Route; params: Record<string, string> } | 'method' | null {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1]!)));
      return { route, params };
    }
    return pathMatched ? 'method' : null;
  }
}
