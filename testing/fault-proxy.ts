/**
 * A loopback HTTP proxy that injects the network's failures between a sync client and the server:
 * drop (connection reset, nothing forwarded), delay, a 500 without forwarding, close after the
 * server answered (the server committed, the client never hears), and duplicate delivery.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'pass' }
  | { kind: 'drop' }
  | { kind: 'delay'; ms: number }
  | { kind: 'error500' }
  | { kind: 'closeAfterResponse' }
  | { kind: 'duplicate'; concurrent?: boolean };

export interface ProxiedRequest {
  method: string;
  path: string;
  /** 1-based count of requests seen so far. */
  n: number;
}

export type FaultPlan = (req: ProxiedRequest) => Fault;

export interface FaultProxy {
  url: string;
  setPlan(plan: FaultPlan): void;
  /** Faults injected so far, by kind. */
  readonly injected: Record<string, number>;
  stop(): Promise<void>;
}

const pass: FaultPlan = () => ({ kind: 'pass' });

export async function startFaultProxy(target: string, initial: FaultPlan = pass): Promise<FaultProxy> {
  let plan = initial;
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
      const fault = plan({ method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0]!, n: ++n });
      if (fault.kind !== 'pass') injected[fault.kind] = (injected[fault.kind] ?? 0) + 1;
      void (async () => {
        try {
          if (fault.kind === 'drop') return void req.socket.destroy();
          if (fault.kind === 'error500') {
            res.writeHead(500, { 'content-type': 'application/json' });
            return void res.end(JSON.stringify({ error: { code: 'INTERNAL', message: 'injected by the fault proxy' } }));
          }
          if (fault.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
          let answer;
          if (fault.kind === 'duplicate') {
            const both = fault.concurrent
              ? await Promise.all([forward(req, body), forward(req, body)])
              : [await forward(req, body), await forward(req, body)];
            answer = both[0]!;
          } else {
            answer = await forward(req, body);
          }
          if (fault.kind === 'closeAfterResponse') return void req.socket.destroy();
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
    injected,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
