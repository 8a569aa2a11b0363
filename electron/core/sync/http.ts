import { PullResponse, PushResponse, TokenPair, type PushRequest } from '../../../shared/contract/sync';
import { parseRetryAfter } from './backoff';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** The platform answered with an error status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | null,
    message: string,
  ) {
    super(message);
  }
}

/** No answer at all: refused, reset, timed out. Always worth a retry. */
export class NetworkError extends Error {}

/** The platform's sync and auth endpoints, with one timeout per request. */
export class PlatformClient {
  constructor(
    private readonly baseUrl: string,
    private readonly fetchFn: FetchLike,
    private readonly timeoutMs: number,
    private readonly nowMs: () => number,
  ) {}

  private async request(method: string, path: string, token: string | null, body?: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await this.fetchFn(`${this.baseUrl.replace(/\/$/, '')}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new NetworkError((err as Error).message);
    }
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      throw new NetworkError((err as Error).message);
    }
    if (!res.ok) {
      let message = `HTTP ${res.status}`;
      try {
        message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
      } catch {
        // not JSON: keep the status
      }
      throw new HttpError(res.status, parseRetryAfter(res.headers.get('retry-after'), this.nowMs()), message);
    }
    return JSON.parse(text);
  }

  async login(email: string, password: string): Promise<TokenPair> {
    return TokenPair.parse(await this.request('POST', '/api/auth/login', null, { email, password }));
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    return TokenPair.parse(await this.request('POST', '/api/auth/refresh', null, { refresh_token: refreshToken }));
  }

  async push(token: string, body: PushRequest): Promise<PushResponse> {
    return PushResponse.parse(await this.request('POST', '/api/analytics/sync/push', token, body));
  }

  async pull(token: string, cursor: number, limit: number): Promise<PullResponse> {
    return PullResponse.parse(await this.request('GET', `/api/analytics/sync/pull?cursor=${cursor}&limit=${limit}`, token));
  }
}
