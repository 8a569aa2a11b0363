import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type EphemeralPostgres, startPostgres } from '../testing/postgres';
import { serverConfig } from './config';

// `npm run server` (tsx server/main.ts) as a process: PGlite without DATABASE_URL, PostgreSQL with
// it, JSON log lines, and a SIGTERM that lets the request in flight finish before exiting 0.

const root = mkdtempSync(path.join(tmpdir(), 'study-desk-server-main-'));
let pg: EphemeralPostgres;

beforeAll(async () => {
  const started = await startPostgres();
  if (!started) throw new Error('PostgreSQL server binaries are needed for the platform tests');
  pg = started;
});
afterAll(async () => {
  await pg?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('server configuration', () => {
  it('listens on 8012 by default, on PGlite in .server-data/ unless DATABASE_URL is set', () => {
    expect(serverConfig({}, '/srv/app')).toEqual({ port: 8012, host: '127.0.0.1', dataDir: '/srv/app/.server-data', databaseUrl: null });
    expect(serverConfig({ PORT: '9000', HOST: '0.0.0.0', SERVER_DATA_DIR: '/var/lib/sd', DATABASE_URL: 'postgres://db/sd' }, '/srv/app'))
      .toEqual({ port: 9000, host: '0.0.0.0', dataDir: '/var/lib/sd', databaseUrl: 'postgres://db/sd' });
    expect(serverConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(8012);
    expect(serverConfig({ PORT: '', DATABASE_URL: '' }).databaseUrl).toBeNull();
    for (const bad of ['abc', '-1', '70000', '80.5']) expect(() => serverConfig({ PORT: bad }), bad).toThrow(/PORT/);
  });
});

interface Running {
  child: ChildProcess;
  lines: Record<string, unknown>[];
  next(msg: string): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

function startServer(env: Record<string, string>): Running {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'PORT', 'JWT_SECRET'].includes(k)));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'main.ts')], {
    env: { ...clean, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Record<string, unknown>[] = [];
  const waiters: { msg: string; resolve: (l: Record<string, unknown>) => void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (text) => {
    const line = JSON.parse(text) as Record<string, unknown>; // every stdout line is one JSON object
    lines.push(line);
    for (const w of waiters.filter((x) => x.msg === line.msg)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(line);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    exited,
    next: (msg) => {
      const seen = lines.find((l) => l.msg === msg);
      if (seen) return Promise.resolve(seen);
      return Promise.race([
        new Promise<Record<string, unknown>>((resolve) => waiters.push({ msg, resolve })),
        exited.then((code) => Promise.reject(new Error(`the server exited (${code}) before logging "${msg}"`))),
      ]);
    },
  };
}

/**
 * A request whose body is still being written: in flight until `finish` is called. `started`
 * resolves once the server has parsed its headers (it answered `Expect: 100-continue`).
 */
function slowRequest(url: string, body: string): { started: Promise<void>; finish(): void; answer: Promise<{ status: number; body: string }> } {
  const req = request(`${url}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', connection: 'close', expect: '100-continue' },
  });
  const half = Math.floor(body.length / 2);
  const started = new Promise<void>((resolve) => req.once('continue', () => {
    req.write(body.slice(0, half));
    resolve();
  }));
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  return { started, finish: () => req.end(body.slice(half)), answer };
}

describe('npm run server', () => {
  for (const database of ['pglite', 'postgresql'] as const) {
    it(`serves on ${database}, logs JSON lines, and drains the request in flight on SIGTERM`, async () => {
      const dataDir = path.join(root, database);
      const env: Record<string, string> = { PORT: '0', SERVER_DATA_DIR: dataDir };
      if (database === 'postgresql') env.DATABASE_URL = await createDatabase(pg.url, 'server_main');
      const server = startServer(env);
      try {
        const listening = await server.next('listening');
        expect(listening).toMatchObject({ level: 'info', database, address: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
        const url = listening.address as string;
        expect(await (await fetch(`${url}/health`)).json()).toMatchObject({ status: 'ok' });
        expect(statSync(path.join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
        const registered = await fetch(`${url}/api/auth/register`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'first@example.com', password: 'a long password' }),
        });
        expect(registered.status).toBe(201);
        expect((await fetch(`${url}/api/analytics/sessions`)).status).toBe(401);
        expect(server.lines).toContainEqual(expect.objectContaining({ msg: 'request', method: 'POST', path: '/api/auth/register', status: 201 }));

        const inFlight = slowRequest(url, JSON.stringify({ email: 'second@example.com', password: 'another long password' }));
        await inFlight.started; // the server has the request and waits for the rest of its body
        server.child.kill('SIGTERM');
        await server.next('shutting down');
        await expect(fetch(`${url}/health`)).rejects.toThrow(); // no new connections
        inFlight.finish();
        expect((await inFlight.answer).status).toBe(201);
        expect(await server.exited).toBe(0);
        expect(server.lines.at(-1)).toMatchObject({ msg: 'stopped' });
      } finally {
        server.child.kill('SIGKILL');
      }
    }, 90_000);
  }
});
