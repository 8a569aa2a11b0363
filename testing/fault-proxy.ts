/**
 * A loopback HTTP proxy that injects the network's failures between a sync client and the server:
 * drop (connection reset, nothing forwarded), delay, a 500 without forwarding, close after the
 * server answered (the server committed, the client never hears), hold the server's answer past
 * the client's timeout, answer with a chosen status without forwarding (401, 503 + Retry-After),
 * and duplicate delivery. An observer sees every request body and every answer the server gave.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'pass' }
  | { kind: 'drop' }
  | { kind: 'delay'; ms: number }
  | { kind: 'error500' }
  | { kind: 'closeAfterResponse' }
  /** Forwards, and holds the server's answer `ms` before relaying it: a timeout after the commit. */
  | { kind: 'delayResponse'; ms: number }
  /** Answers `status` (JSON error body, optional Retry-After) without forwarding. */
  | { kind: 'status'; status: number; retryAfter?: string }
  | { kind: 'duplicate'; concurrent?: boolean };

export interface ProxiedRequest {
  method: string;
  path: string;
  /** 1-based count of requests seen so far. */
  n: number;
}

export type FaultPlan = (req: ProxiedRequest) => Fault;

/** One request through the proxy: its body, the fault applied, and what the server answered. */
export interface ProxyExchange extends ProxiedRequest {
  fault: Fault;
  /** The request body parsed as JSON, or null when empty or not JSON. */
  body: unknown;
  /** Every answer the server gave (two for a duplicate delivery, none when nothing was forwarded). */
  answers: { status: number; body: unknown }[];
}

export interface FaultProxy {
  url: string;
  setPlan(plan: FaultPlan): void;
  /** Called once the server answered (or nothing was forwarded), before the client hears anything. */
  observe(observer: ((exchange: ProxyExchange) => void) | null): void;
  /** Faults injected so far, by kind. */
  readonly injected: Record<string, number>;
  stop(): Promise<void>;
}

const pass: FaultPlan = () => ({ kind: 'pass' });

const parse = (buf: Buffer): unknown => {
  if (buf.length === 0) return null;
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch {
    return null;
  }
};

export async function startFaultProxy(target: string, initial: FaultPlan = pass): Promise<FaultProxy> {
  let plan = initial;
  let observer: ((exchange: ProxyExchange) => void) | null = null;
  let n = 0;
  const injected: Record<string, number> = {};

  const forward = async (req: IncomingMessage, body: Buffer) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === 'string' && !['host', 'connection', 'content-length', 'keep-alive'].includes(k)) headers[k] = v;
    }
    const res = await fetch(`${target}${req.url ?? '/'}`, {
      method: req.method,
      headers,
      body: body.length > 0 ? new Uint8Array(body) : undefined,
    });
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const seen: ProxiedRequest = { method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0]!, n: ++n };
      const fault = plan(seen);
      if (fault.kind !== 'pass') injected[fault.kind] = (injected[fault.kind] ?? 0) + 1;
      const report = (answers: { status: number; body: Buffer }[]) => {
        try {
          observer?.({ ...seen, fault, body: parse(body), answers: answers.map((a) => ({ status: a.status, body: parse(a.body) })) });
        } catch (err) {
          console.error('fault proxy observer failed', err); // a test's bookkeeping must not become a fault
        }
      };
      void (async () => {
        try {
          if (fault.kind === 'drop') {
            report([]);
            return void req.socket.destroy();
          }
          if (fault.kind === 'error500' || fault.kind === 'status') {
            const status = fault.kind === 'status' ? fault.status : 500;
            report([]);
            res.writeHead(status, {
              'content-type': 'application/json',
              ...(fault.kind === 'status' && fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {}),
            });
            const code = status === 401 ? 'UNAUTHORIZED' : status === 503 ? 'UNAVAILABLE' : 'INTERNAL';
            return void res.end(JSON.stringify({ error: { code, message: 'injected by the fault proxy' } }));
          }
          if (fault.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
          let answer;
          if (fault.kind === 'duplicate') {
            const both = fault.concurrent
              ? await Promise.all([forward(req, body), forward(req, body)])
              : [await forward(req, body), await forward(req, body)];
            report(both);
            answer = both[0]!;
          } else {
            answer = await forward(req, body);
            report([answer]);
          }
          if (fault.kind === 'closeAfterResponse') return void req.socket.destroy();
          if (fault.kind === 'delayResponse') {
            await new Promise((r) => setTimeout(r, fault.ms));
            if (req.socket.destroyed) return; // the client gave up: it never hears the answer
          }
          const headers: Record<string, string> = {};
          answer.headers.forEach((v, k) => {
            if (!['content-length', 'connection', 'keep-alive', 'transfer-encoding', 'content-encoding'].includes(k)) headers[k] = v;
          });
          res.writeHead(answer.status, { ...headers, 'content-length': String(answer.body.length) });
          res.end(answer.body);
        } catch {
          req.socket.destroy(); // the server itself is unreachable: the client sees a reset
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setPlan: (p) => (plan = p),
    observe: (o) => (observer = o),
    injected,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
