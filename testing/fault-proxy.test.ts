import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultProxy, type ProxyExchange, startFaultProxy } from './fault-proxy';

// The proxy itself: each fault does to the exchange what the sync suite relies on it doing.

let target: Server;
let proxy: FaultProxy;
let handled = 0;
const exchanges: ProxyExchange[] = [];

beforeAll(async () => {
  target = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handled++;
      res.writeHead(200, { 'content-type': 'application/json', 'x-target': 'yes' });
      res.end(JSON.stringify({ handled, echo: Buffer.concat(chunks).toString('utf8') }));
    });
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  proxy = await startFaultProxy(`http://127.0.0.1:${(target.address() as AddressInfo).port}`);
  proxy.observe((e) => exchanges.push(e));
});
afterAll(async () => {
  await proxy?.stop();
  await new Promise((resolve) => target?.close(resolve));
});

const post = (body: unknown, signal?: AbortSignal) =>
  fetch(`${proxy.url}/api/x?cursor=1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal });

describe('fault proxy', () => {
  it('passes requests through, headers and body intact, and reports the exchange', async () => {
    proxy.setPlan(() => ({ kind: 'pass' }));
    const before = handled;
    const res = await post({ a: 1 });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-target')).toBe('yes');
    expect(await res.json()).toEqual({ handled: before + 1, echo: '{"a":1}' });
    expect(exchanges.at(-1)).toMatchObject({ method: 'POST', path: '/api/x', body: { a: 1 }, answers: [{ status: 200 }] });
  });

  it('drops without forwarding, and answers 500 or a chosen status without forwarding', async () => {
    const before = handled;
    proxy.setPlan(() => ({ kind: 'drop' }));
    await expect(post({})).rejects.toThrow();
    proxy.setPlan(() => ({ kind: 'error500' }));
    expect((await post({})).status).toBe(500);
    proxy.setPlan(() => ({ kind: 'status', status: 503, retryAfter: '7' }));
    const res = await post({});
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(handled).toBe(before);
  });

  it('closes after the server answered: the server handled it, the client hears nothing', async () => {
    const before = handled;
    proxy.setPlan(() => ({ kind: 'closeAfterResponse' }));
    await expect(post({})).rejects.toThrow();
    expect(handled).toBe(before + 1);
    expect(exchanges.at(-1)!.answers).toHaveLength(1);
  });

  it('holds the answer past the client timeout after the server handled it', async () => {
    const before = handled;
    proxy.setPlan(() => ({ kind: 'delayResponse', ms: 400 }));
    await expect(post({}, AbortSignal.timeout(100))).rejects.toThrow();
    expect(handled).toBe(before + 1);
  });

  it('delivers twice, one after the other or concurrently, and reports both answers', async () => {
    for (const concurrent of [false, true]) {
      const before = handled;
      proxy.setPlan(() => ({ kind: 'duplicate', concurrent }));
      expect((await post({ twice: concurrent })).status).toBe(200);
      expect(handled).toBe(before + 2);
      expect(exchanges.at(-1)!.answers).toHaveLength(2);
    }
    expect(proxy.injected).toMatchObject({ drop: 1, error500: 1, status: 1, closeAfterResponse: 1, delayResponse: 1, duplicate: 2 });
  });
});
