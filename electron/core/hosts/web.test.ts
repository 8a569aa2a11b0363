import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../core';
import { openTestCore } from '../test-support/test-core';
import { CSP, startWebHost, type WebHost } from './web';

let core: Core;
let host: WebHost;
let dir: string;

/** A raw request, so tests can send the headers a browser never would (a foreign Host). */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((ok, ko) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => ok({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', ko);
    req.end(options.body);
  });
}

const invoke = (channel: string, input?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${host.url}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: input === undefined ? undefined : JSON.stringify(input),
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'study-desk-web-'));
  mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Study Desk</title>');
  writeFileSync(join(dir, 'renderer', 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside the root');
  ({ core } = await openTestCore('2026-03-10T14:00:00Z', 'Europe/Berlin', { clock: () => new Date() }));
  host = await startWebHost({ core, port: 0, staticDir: join(dir, 'renderer'), maxBodyBytes: 64 * 1024 });
});

afterAll(async () => {
  await host?.close();
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('POST /api/invoke/:channel', () => {
  it('answers the Result exactly as core.invoke does', async () => {
    const res = await invoke('settings.get', {});
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(await core.invoke('settings.get', {}));
    expect((await invoke('classes.list')).status).toBe(200); // no body means no input
  });

  it('maps error codes to statuses and keeps the typed error body', async () => {
    const bad = await invoke('sessions.start', { session_type: 'party' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'session_type' }] } });
    expect((await invoke('no.such', {})).status).toBe(404);
    expect(await (await invoke('timer.pause', {})).json()).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await invoke('timer.resume', {})).status).toBe(409);
  });

  it('refuses bodies that are not JSON, too large, or sent another way', async () => {
    const notJson = await fetch(`${host.url}/api/invoke/settings.get`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(notJson.status).toBe(400);
    const form = await fetch(`${host.url}/api/invoke/settings.get`, { method: 'POST', body: new URLSearchParams({ a: '1' }) });
    expect(form.status).toBe(415);
    const huge = await invoke('sessions.start', { location: 'x'.repeat(70 * 1024) });
    expect(huge.status).toBe(413);
    expect((await fetch(`${host.url}/api/invoke/settings.get`)).status).toBe(405);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin', async () => {
    const rebinding = await raw('/api/invoke/settings.get', { method: 'POST', headers: { host: `evil.example:${host.port}` }, body: '{}' });
    expect(rebinding.status).toBe(403);
    expect((await raw('/', { headers: { host: `127.0.0.1:${host.port + 1}` } })).status).toBe(403);
    const crossOrigin = await invoke('settings.get', {}, { origin: 'http://evil.example' });
    expect(crossOrigin.status).toBe(403);
    expect((await invoke('settings.get', {}, { origin: `http://localhost:${host.port}` })).status).toBe(200);
  });
});

describe('GET /api/events', () => {
  it('streams every core event as server-sent events', async () => {
    const controller = new AbortController();
    const res = await fetch(`${host.url}/api/events`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    await reader.read(); // ': connected'
    await invoke('timer.start', { mode: 'stopwatch' });
    while (!/event: timer\.changed\ndata: (.*)\n\n/.test(text) || !text.includes('event: data.changed')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    const timer = JSON.parse(/event: timer\.changed\ndata: (.*)\n\n/.exec(text)![1]!);
    expect(timer).toMatchObject({ status: 'focus', mode: 'stopwatch' });
    controller.abort();
    await invoke('timer.stop', {});
  });
});

describe('static files', () => {
  it('serves the renderer with a strict CSP, and index.html for the app routes', async () => {
    const index = await raw('/');
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toBe(CSP);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.body).toContain('<title>Study Desk</title>');
    const asset = await raw('/assets/app-1234.js');
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
    expect((await raw('/reports/weekly')).body).toContain('Study Desk');
    expect((await raw('/assets/missing.js')).status).toBe(404);
    expect((await raw('/api/nothing')).status).toBe(404);
  });

  it('never serves a file outside its root', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%00']) {
      const res = await raw(path);
      expect(res.body, path).not.toContain('outside the root');
      expect([400, 404], path).toContain(res.status);
    }
  });
});

describe('npm run web', () => {
  it('serves its own data dir under the lock, refuses a second host (exit 5), and shuts down cleanly on SIGTERM', async () => {
    const dataDir = join(dir, 'pgdata');
    const script = join(import.meta.dirname, 'web.ts');
    const spawnHost = () => spawn(process.execPath, ['--import', 'tsx', script, '--port', '0', '--data-dir', dataDir], {
      env: { ...process.env, STUDY_DESK_DATA_DIR: join(dir, 'never-used') }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = (child: ChildProcess) => new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
    const web = spawnHost();
    const webExit = exited(web);
    try {
      const url = await new Promise<string>((ok, ko) => {
        let out = '';
        web.stdout!.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) ok(m[1]!);
        });
        void webExit.then((code) => ko(new Error(`web host exited with ${code}`)));
      });
      const res = await fetch(`${url}/api/invoke/timer.state`, { method: 'POST' });
      expect(await res.json()).toMatchObject({ ok: true, data: { status: 'idle' } });
      const second = spawnHost();
      expect(await exited(second)).toBe(5);
    } finally {
      web.kill('SIGTERM');
    }
    expect(await webExit).toBe(0);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });
});
