import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionListOutput, SessionStartOutput, SessionEndOutput, ActivityOutput } from '../shared/contract/sessions';
import { GoalCreateOutput, GoalListOutput, GoalUpdateOutput, GoalProgressOutput, GoalDeleteOutput } from '../shared/contract/goals';
import { DailyReport, WeeklyReport, MonthlyReport } from '../shared/contract/reports';
import { PROTOCOL_VERSION, PullResponse, PushResponse, type Mutation, type TokenPair } from '../shared/contract/sync';
import { newId } from '../shared/services/context';
import { ServerClock, startPlatform, type TestPlatform } from './test-support/platform';

// The platform API on a real PostgreSQL (DESIGN §10): auth, the twelve analytics endpoints in
// their documented shapes, isolation between accounts on every route, and the sync protocol.

let p: TestPlatform;
let alice: TokenPair;
let bob: TokenPair;
const clock = new ServerClock(Date.parse('2026-03-10T18:00:00Z'));

async function api(token: string | null, method: string, path: string, body?: unknown) {
  const res = await fetch(`${p.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

beforeAll(async () => {
  const started = await startPlatform({ clock, loginLimit: { limit: 3, windowMs: 60_000 } });
  if (!started) throw new Error('PostgreSQL server binaries are needed for the platform tests');
  p = started;
  alice = await p.register('alice@example.com');
  bob = await p.register('bob@example.com');
});
afterAll(async () => {
  await p?.stop();
});

describe('auth', () => {
  it('answers /health without a token', async () => {
    expect(await api(null, 'GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('refuses a second account on the same email, in any case', async () => {
    expect((await api(null, 'POST', '/api/auth/register', { email: 'ALICE@example.com', password: 'another password' })).status).toBe(409);
  });

  it('logs in, and rate-limits guessing per address and email', async () => {
    const ok = await api(null, 'POST', '/api/auth/login', { email: 'carol@example.com', password: 'x' });
    expect(ok.status).toBe(401);
    await p.register('dave@example.com', 'dave password 1');
    expect((await api(null, 'POST', '/api/auth/login', { email: 'dave@example.com', password: 'dave password 1' })).status).toBe(200);
    expect((await api(null, 'POST', '/api/auth/login', { email: 'dave@example.com', password: 'wrong' })).status).toBe(401);
    expect((await api(null, 'POST', '/api/auth/login', { email: 'dave@example.com', password: 'wrong' })).status).toBe(401);
    const limited = await api(null, 'POST', '/api/auth/login', { email: 'dave@example.com', password: 'dave password 1' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('rotates refresh tokens, and a reused one ends the whole family', async () => {
    const first = await p.register('erin@example.com');
    const second = await api(null, 'POST', '/api/auth/refresh', { refresh_token: first.refresh_token });
    expect(second.status).toBe(200);
    expect((await api(second.body.access_token, 'GET', '/api/gamification/points')).status).toBe(200);
    expect((await api(null, 'POST', '/api/auth/refresh', { refresh_token: first.refresh_token })).status).toBe(401);
    // the thief's replay revoked the legitimate successor too
    expect((await api(null, 'POST', '/api/auth/refresh', { refresh_token: second.body.refresh_token })).status).toBe(401);
  });

  it('answers 401 to missing, tampered, expired, unsigned and wrong-algorithm tokens', async () => {
    const [head, body, sig] = alice.access_token.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: bob.user_id })).toString('base64url');
    const rsa = await generateKeyPair('RS256');
    const rs256 = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256' }).sign(rsa.privateKey);
    const none = new UnsecuredJWT(claims).encode();
    const otherSecret = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new Uint8Array(32).fill(7));
    const hs512 = await new SignJWT(claims).setProtectedHeader({ alg: 'HS512' }).sign(new Uint8Array(64).fill(7));
    const bad: Array<[string, string | null]> = [
      ['missing', null],
      ['garbage', 'not-a-token'],
      ['tampered subject', `${head}.${forged}.${sig}`],
      ['alg none', none],
      ['RS256 instead of HS256', rs256],
      ['signed with another secret', otherSecret],
      ['HS512', hs512],
    ];
    for (const [what, token] of bad) {
      const res = await api(token, 'GET', '/api/analytics/sessions');
      expect(res.status, what).toBe(401);
      expect(res.body.error.code, what).toBe('UNAUTHORIZED');
    }
    const later = new ServerClock(clock.now().getTime());
    const saved = clock.now().toISOString();
    clock.advance(16 * 60_000);
    expect((await api(alice.access_token, 'GET', '/api/analytics/sessions')).status, 'expired').toBe(401);
    clock.set(saved);
    expect(later).toBeDefined();
  });
});
