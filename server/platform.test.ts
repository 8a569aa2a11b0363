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
    const saved = clock.now().toISOString();
    clock.advance(16 * 60_000);
    expect((await api(alice.access_token, 'GET', '/api/analytics/sessions')).status, 'expired').toBe(401);
    clock.set(saved);
  });
});

describe('the twelve analytics endpoints', () => {
  it('answer in the platform documented shapes, from the shared services', async () => {
    const t = alice.access_token;
    const start = await api(t, 'POST', '/api/analytics/sessions/start', { session_type: 'solo', start_time: '2026-03-10T16:00:00Z' });
    expect(start.status).toBe(201);
    const sessionId = SessionStartOutput.parse(start.body).session_id;
    const activity = await api(t, 'POST', `/api/analytics/sessions/${sessionId}/activities`,
      { activity_type: 'testing', start_time: '2026-03-10T16:05:00Z', end_time: '2026-03-10T16:35:00Z', items_completed: 10, items_correct: 8 });
    expect(activity.status).toBe(201);
    ActivityOutput.parse(activity.body);
    const end = await api(t, 'PUT', `/api/analytics/sessions/${sessionId}/end`, { mood_rating: 4, end_time: '2026-03-10T17:00:00Z' });
    expect(end.status).toBe(200);
    expect(SessionEndOutput.parse(end.body)).toMatchObject({ duration_minutes: 60, points_earned: 30 });
    const list = await api(t, 'GET', '/api/analytics/sessions?start_date=2026-03-01&end_date=2026-03-31&limit=10');
    expect(SessionListOutput.parse(list.body)).toMatchObject({ total_count: 1, total_minutes: 60 });

    const goal = await api(t, 'POST', '/api/analytics/goals',
      { goal_type: 'custom', goal_name: 'Read 4 chapters', target_value: 4, target_date: '2026-03-31' });
    expect(goal.status).toBe(201);
    const goalId = GoalCreateOutput.parse(goal.body).goal.goal_id;
    GoalListOutput.parse((await api(t, 'GET', '/api/analytics/goals?status=active')).body);
    GoalUpdateOutput.parse((await api(t, 'PUT', `/api/analytics/goals/${goalId}`, { priority: 'high' })).body);
    const progress = await api(t, 'POST', `/api/analytics/goals/${goalId}/progress`, { progress_value: 2 });
    expect(GoalProgressOutput.parse(progress.body)).toMatchObject({ percentage_complete: 50, milestone_reached: true });

    DailyReport.parse((await api(t, 'GET', '/api/analytics/reports/daily?date=2026-03-10')).body);
    WeeklyReport.parse((await api(t, 'GET', '/api/analytics/reports/weekly?week=2026-W11')).body);
    MonthlyReport.parse((await api(t, 'GET', '/api/analytics/reports/monthly?month=2026-03')).body);
    GoalDeleteOutput.parse((await api(t, 'DELETE', `/api/analytics/goals/${goalId}`)).body);

    for (const path of ['overview?period=monthly', 'trends?metric_type=study_time&period=weekly&weeks=4', 'comparison?compare_by=class']) {
      const res = await api(t, 'GET', `/api/analytics/performance/${path}`);
      expect([200, 400, 503], path).toContain(res.status); // 503 until the performance channels land
    }
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    const before = await p.db.query('SELECT count(*)::int AS n FROM study_sessions');
    for (const [method, path, body] of [
      ['POST', '/api/analytics/sessions/start', { session_type: 'party' }],
      ['POST', '/api/analytics/sessions/start', { session_type: 'solo', user_id: bob.user_id }],
      ['PUT', '/api/analytics/sessions/not-a-uuid/end', {}],
      ['GET', '/api/analytics/sessions?limit=abc', undefined],
      ['POST', '/api/analytics/goals', [1, 2]],
      ['GET', '/api/analytics/reports/weekly?week=2026-W99', undefined],
    ] as const) {
      const res = await api(alice.access_token, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
    }
    expect(await p.db.query('SELECT count(*)::int AS n FROM study_sessions')).toEqual(before);
  });
});

describe('isolation: user B can neither read nor change user A rows', () => {
  it('on every route that takes an id, and in every list', async () => {
    const a = alice.access_token;
    const b = bob.access_token;
    const klass = (await api(a, 'POST', '/api/classes', { name: 'Biology', code: 'BIO' })).body.class.id as string;
    const sessionId = (await api(a, 'POST', '/api/analytics/sessions/start', { session_type: 'solo', class_id: klass })).body.session_id as string;
    const goalId = (await api(a, 'POST', '/api/analytics/goals',
      { goal_type: 'custom', goal_name: 'Alice goal', target_value: 4, target_date: '2026-03-31' })).body.goal.goal_id as string;
    const assignmentId = (await api(a, 'POST', '/api/assignments', { title: 'Lab report', class_id: klass })).body.assignment.id as string;
    const fingerprint = async () =>
      (await p.db.query(`SELECT md5(string_agg(x::text, ',' ORDER BY x::text)) AS f FROM (
          SELECT to_jsonb(s) AS x FROM study_sessions s UNION ALL SELECT to_jsonb(g) FROM study_goals g
          UNION ALL SELECT to_jsonb(c) FROM classes c UNION ALL SELECT to_jsonb(a) FROM assignments a
          UNION ALL SELECT to_jsonb(w) FROM point_awards w) t`)).rows[0];
    const before = await fingerprint();

    const writes: Array<[string, string, unknown]> = [
      ['PUT', `/api/analytics/sessions/${sessionId}/end`, {}],
      ['POST', `/api/analytics/sessions/${sessionId}/activities`, { activity_type: 'reading', start_time: '2026-03-10T17:00:00Z' }],
      ['PUT', `/api/analytics/goals/${goalId}`, { goal_name: 'mine now' }],
      ['POST', `/api/analytics/goals/${goalId}/progress`, { progress_value: 4 }],
      ['DELETE', `/api/analytics/goals/${goalId}`, undefined],
      ['PUT', `/api/classes/${klass}`, { name: 'Hijacked' }],
      ['DELETE', `/api/classes/${klass}`, undefined],
      ['PUT', `/api/assignments/${assignmentId}`, { status: 'completed' }],
      ['DELETE', `/api/assignments/${assignmentId}`, undefined],
      ['POST', '/api/analytics/sessions/start', { session_type: 'solo', class_id: klass }],
      ['POST', '/api/analytics/goals', { goal_type: 'custom', goal_name: 'x', target_value: 1, target_date: '2026-03-31', class_id: klass }],
      ['POST', '/api/assignments', { title: 'x', class_id: klass }],
      ['GET', `/api/gamification/leaderboards?class_id=${klass}`, undefined],
    ];
    for (const [method, path, body] of writes) {
      const res = await api(b, method, path, body);
      expect([403, 404], `${method} ${path} -> ${JSON.stringify(res.body)}`).toContain(res.status);
    }
    expect(await fingerprint()).toEqual(before);

    const reads = ['/api/analytics/sessions', '/api/analytics/goals', '/api/classes', '/api/assignments',
      '/api/analytics/reports/daily?date=2026-03-10', '/api/gamification/points', '/api/analytics/sync/pull'];
    for (const path of reads) {
      const res = await api(b, 'GET', path);
      expect(res.status, path).toBe(200);
      const text = JSON.stringify(res.body);
      for (const id of [klass, sessionId, goalId, assignmentId, alice.user_id]) expect(text, path).not.toContain(id);
    }
  });

  it('every authenticated route refuses a request without a token', async () => {
    for (const route of p.app.router.routes.filter((r) => r.auth)) {
      const path = route.template.replace(/:[a-z_]+/g, newId());
      const res = await api(null, route.method, path, route.method === 'GET' ? undefined : {});
      expect(res.status, `${route.method} ${route.template}`).toBe(401);
    }
  });
});

describe('sync push and pull', () => {
  const clientA = newId();
  const row = (id: string, userId: string, extra: Record<string, unknown> = {}) => ({
    id, user_id: userId, name: 'Chemistry', code: 'CHEM', color: null, source: 'local', archived_at: null,
    created_at: '2026-03-10T10:00:00Z', updated_at: '2026-03-10T10:00:00Z', deleted_at: null, ...extra,
  });
  const push = (token: string, clientId: string, mutations: Mutation[], version = PROTOCOL_VERSION) =>
    api(token, 'POST', '/api/analytics/sync/push', { protocol_version: version, schema_version: 'test', client_id: clientId, mutations });
  const m = (seq: number, entity: string, payload: Record<string, unknown>, op: 'upsert' | 'delete' = 'upsert'): Mutation =>
    ({ seq, mutation_id: newId(), entity, entity_id: String(payload.id), op, payload });

  it('applies in order, answers duplicates, skips seq gaps and rejects what can never apply', async () => {
    const localUser = newId(); // the device's own user id: the server stamps the token's instead
    const c1 = newId();
    const first = await push(alice.access_token, clientA, [m(1, 'classes', row(c1, localUser)), m(2, 'classes', row(newId(), localUser, { color: 'red' }))]);
    expect(first.status).toBe(200);
    expect(PushResponse.parse(first.body)).toEqual({ last_seq: 2, results: [{ seq: 1, status: 'applied' }, { seq: 2, status: 'rejected', error: expect.any(String) }] });
    const again = await push(alice.access_token, clientA, [m(1, 'classes', row(c1, localUser)), m(2, 'classes', row(c1, localUser)), m(5, 'classes', row(newId(), localUser))]);
    expect(again.body).toEqual({ last_seq: 5, results: [{ seq: 1, status: 'duplicate' }, { seq: 2, status: 'duplicate' }, { seq: 5, status: 'applied' }] });
    const stored = await p.db.query('SELECT user_id FROM classes WHERE id = $1', [c1]);
    expect(stored.rows).toEqual([{ user_id: alice.user_id }]);
  });

  it('refuses a client_id of another account, rows of another account, and an old protocol (409)', async () => {
    const stolen = await push(bob.access_token, clientA, []);
    expect(stolen.status).toBe(403);
    const aliceClass = (await p.db.query<{ id: string }>('SELECT id FROM classes WHERE user_id = $1 LIMIT 1', [alice.user_id])).rows[0]!.id;
    const clientB = newId();
    const hijack = await push(bob.access_token, clientB, [m(1, 'classes', row(aliceClass, bob.user_id, { name: 'Mine' })),
      m(2, 'study_sessions', { id: newId(), user_id: bob.user_id, class_id: aliceClass, start_time: '2026-03-10T10:00:00Z',
        end_time: '2026-03-10T11:00:00Z', session_type: 'solo', time_zone: 'UTC', paused_seconds: 0, source: 'manual',
        points_earned: 0, metadata: {}, created_at: '2026-03-10T10:00:00Z', updated_at: '2026-03-10T10:00:00Z' })]);
    expect(hijack.body.results.map((r: { status: string }) => r.status)).toEqual(['rejected', 'rejected']);
    expect((await p.db.query('SELECT name FROM classes WHERE id = $1', [aliceClass])).rows[0]).not.toEqual({ name: 'Mine' });
    const old = await push(alice.access_token, newId(), [], PROTOCOL_VERSION + 1);
    expect(old.status).toBe(409);
  });

  it('pulls the account changes through a cursor, one page at a time, only its own', async () => {
    let cursor = 0;
    const seen: string[] = [];
    for (;;) {
      const res = await api(alice.access_token, 'GET', `/api/analytics/sync/pull?cursor=${cursor}&limit=3`);
      const page = PullResponse.parse(res.body);
      for (const c of page.changes) {
        seen.push(c.entity);
        if (c.row) expect(c.row.user_id).toBe(alice.user_id);
      }
      cursor = page.next_cursor;
      if (!page.has_more) break;
    }
    expect(seen).toContain('classes');
    expect(seen).toContain('study_sessions');
    expect(seen).toContain('point_awards');
  });
});

describe('gamification', () => {
  it('applies an award once by its id, totals points and ranks study minutes', async () => {
    const awardId = newId();
    const before = (await api(alice.access_token, 'GET', '/api/gamification/points')).body.total as number;
    const award = { award_id: awardId, points: 15, reason: 'bonus' };
    const [x, y] = await Promise.all([
      api(alice.access_token, 'POST', '/api/gamification/points/award', award),
      api(alice.access_token, 'POST', '/api/gamification/points/award', award),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 201]);
    const points = await api(alice.access_token, 'GET', '/api/gamification/points');
    expect(points.body).toMatchObject({ total: before + 15, level: expect.any(Number), streak: expect.any(Number) });
    expect(points.body.recent_transactions).toContainEqual(expect.objectContaining({ award_id: awardId, points: 15 }));
    expect((await api(bob.access_token, 'POST', '/api/gamification/points/award', award)).status).toBe(409);
    const board = await api(alice.access_token, 'GET', '/api/gamification/leaderboards?type=monthly');
    expect(board.status).toBe(200);
    expect(board.body.entries[0]).toMatchObject({ rank: 1, is_you: true, study_minutes: 60 });
    expect(board.body.entries.every((e: Record<string, unknown>) => !('user_id' in e))).toBe(true);
  });
});
