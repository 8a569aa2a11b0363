import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionListOutput, SessionStartOutput, SessionEndOutput, ActivityOutput } from '../shared/contract/sessions';
import { GoalCreateOutput, GoalListOutput, GoalUpdateOutput, GoalProgressOutput, GoalDeleteOutput } from '../shared/contract/goals';
import { DailyReport, WeeklyReport, MonthlyReport } from '../shared/contract/reports';
import { PerformanceComparisonOutput, PerformanceOverviewOutput, PerformanceTrendsOutput } from '../shared/contract/performance';
import { AssignmentListOutput, AssignmentOutput, ClassListOutput, ClassOutput } from '../shared/contract/classes';
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

/** The fields DESIGN §5 documents for an endpoint's answer, as dotted paths ("summary.tests_taken"). */
function documented(body: unknown, paths: string[]): void {
  for (const path of paths) {
    let at: unknown = body;
    for (const key of path.split('.')) {
      expect(at, path).toBeTypeOf('object');
      expect(Object.hasOwn(at as object, key), path).toBe(true);
      at = (at as Record<string, unknown>)[key];
    }
  }
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

    const ok = async (path: string) => {
      const res = await api(t, 'GET', path);
      expect(res.status, `${path} -> ${JSON.stringify(res.body)}`).toBe(200);
      return res.body;
    };
    const sessions = SessionListOutput.parse(list.body);
    documented(sessions, ['sessions', 'total_count', 'total_minutes', 'avg_duration']);
    const goals = GoalListOutput.parse(await ok('/api/analytics/goals?status=active'));
    documented(goals.goals[0], ['goal_id', 'goal_name', 'target_value', 'current_value', 'percentage_complete', 'days_remaining', 'on_track']);
    documented(progress.body, ['percentage_complete', 'milestone_reached', 'milestone_name']);

    const daily = DailyReport.parse(await ok('/api/analytics/reports/daily?date=2026-03-10'));
    documented(daily, ['summary.total_study_minutes', 'summary.sessions_count', 'summary.points_earned', 'summary.tests_taken',
      'summary.flashcards_reviewed', 'sessions', 'achievements_earned', 'goals_progress']);
    expect(daily.summary).toMatchObject({ total_study_minutes: 60, sessions_count: 1, tests_taken: 1 });
    const weekly = WeeklyReport.parse(await ok('/api/analytics/reports/weekly?week=2026-W11'));
    documented(weekly, ['week_start', 'week_end', 'summary.total_study_minutes', 'summary.avg_daily_minutes', 'summary.total_sessions',
      'summary.streak_maintained', 'daily_breakdown', 'top_subjects', 'performance_highlights']);
    const monthly = MonthlyReport.parse(await ok('/api/analytics/reports/monthly?month=2026-03'));
    documented(monthly, ['summary.total_study_minutes', 'summary.total_sessions', 'summary.avg_session_duration', 'summary.total_points',
      'performance_summary', 'goals_achieved', 'top_achievements', 'recommendations']);

    const overview = PerformanceOverviewOutput.parse(await ok('/api/analytics/performance/overview?period=monthly'));
    documented(overview, ['metrics.study_time.total_minutes', 'metrics.study_time.avg_per_day', 'metrics.study_time.trend',
      'metrics.test_performance.tests_taken', 'metrics.test_performance.avg_score', 'metrics.test_performance.trend',
      'metrics.flashcard_mastery.cards_reviewed', 'metrics.flashcard_mastery.accuracy', 'metrics.flashcard_mastery.mastered_count',
      'metrics.assignment_completion.total_assignments', 'metrics.assignment_completion.completed',
      'metrics.assignment_completion.completion_rate', 'strengths', 'areas_for_improvement', 'recommendations']);
    expect(overview.metrics.study_time.total_minutes).toBe(60);
    expect(overview.metrics.test_performance).toMatchObject({ tests_taken: 1, avg_score: 80 });
    // `weeks` is the platform's name for the length of a weekly series (`months` for a monthly one).
    const trends = PerformanceTrendsOutput.parse(await ok('/api/analytics/performance/trends?metric_type=study_time&period=weekly&weeks=4'));
    documented(trends, ['data_points', 'overall_trend', 'trend_percentage']);
    expect(trends.data_points).toHaveLength(4);
    for (const point of trends.data_points) documented(point, ['week', 'value', 'sample_size']);
    expect(trends.data_points.at(-1)).toMatchObject({ week: '2026-W11', value: 60 });
    const byMonth = PerformanceTrendsOutput.parse(await ok('/api/analytics/performance/trends?metric_type=study_time&period=monthly&months=3'));
    expect(byMonth.data_points.map((d) => d.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect((await api(t, 'GET', '/api/analytics/performance/trends?metric_type=study_time&period=monthly&weeks=3')).status).toBe(400);
    const comparison = PerformanceComparisonOutput.parse(await ok('/api/analytics/performance/comparison?compare_by=class&period=monthly'));
    expect(comparison.compare_by).toBe('class');
    for (const row of comparison.comparisons) documented(row, ['class_id', 'class_name', 'study_minutes', 'avg_test_score', 'rank']);
    expect(comparison.comparisons).toContainEqual(expect.objectContaining({ study_minutes: 60, rank: 1 }));

    GoalDeleteOutput.parse((await api(t, 'DELETE', `/api/analytics/goals/${goalId}`)).body);
    expect(GoalListOutput.parse(await ok('/api/analytics/goals?status=active')).goals).toEqual([]);
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
  // One case per authenticated route, keyed by the route's template: a route added without a case
  // here fails the coverage check below.
  type Case =
    | { refused: [string, unknown?] } // B aims at A's rows: 403/404/409, and A's rows stay as they were
    | { read: string } // B reads: 200, and nothing of A's in the answer
    | { check: () => Promise<void> };

  it('on every route, table-driven over the router', async () => {
    const a = alice.access_token;
    const b = bob.access_token;
    const klass = (await api(a, 'POST', '/api/classes', { name: 'Biology', code: 'BIO' })).body.class.id as string;
    const sessionId = (await api(a, 'POST', '/api/analytics/sessions/start', { session_type: 'solo', class_id: klass })).body.session_id as string;
    const goalId = (await api(a, 'POST', '/api/analytics/goals',
      { goal_type: 'custom', goal_name: 'Alice goal', target_value: 4, target_date: '2026-03-31' })).body.goal.goal_id as string;
    const assignmentId = (await api(a, 'POST', '/api/assignments', { title: 'Lab report', class_id: klass })).body.assignment.id as string;
    const awardId = newId();
    expect((await api(a, 'POST', '/api/gamification/points/award', { award_id: awardId, points: 5, reason: 'bonus' })).status).toBe(201);
    const aliceClient = newId();
    const syncPush = (token: string, clientId: string, mutations: Mutation[]) => api(token, 'POST', '/api/analytics/sync/push',
      { protocol_version: PROTOCOL_VERSION, schema_version: 'test', client_id: clientId, mutations });
    expect((await syncPush(a, aliceClient, [])).status).toBe(200);
    const secrets = [klass, sessionId, goalId, assignmentId, awardId, aliceClient, alice.user_id];

    const fingerprint = async () =>
      (await p.db.query(`SELECT md5(string_agg(x::text, ',' ORDER BY x::text)) AS f FROM (
          SELECT to_jsonb(s) AS x FROM study_sessions s WHERE user_id = $1 UNION ALL SELECT to_jsonb(g) FROM study_goals g WHERE user_id = $1
          UNION ALL SELECT to_jsonb(c) FROM classes c WHERE user_id = $1 UNION ALL SELECT to_jsonb(a) FROM assignments a WHERE user_id = $1
          UNION ALL SELECT to_jsonb(w) FROM point_awards w WHERE user_id = $1 UNION ALL SELECT to_jsonb(v) FROM session_activities v WHERE user_id = $1
          UNION ALL SELECT to_jsonb(k) FROM sync_client k WHERE user_id = $1 UNION ALL SELECT to_jsonb(u) FROM users u WHERE id = $1) t`,
        [alice.user_id])).rows[0];

    const bobsRow = { created_at: '2026-03-10T10:00:00Z', updated_at: '2026-03-10T10:00:00Z', deleted_at: null };
    const cases: Record<string, Case> = {
      'POST /api/analytics/sessions/start': { refused: ['/api/analytics/sessions/start', { session_type: 'solo', class_id: klass }] },
      'PUT /api/analytics/sessions/:id/end': { refused: [`/api/analytics/sessions/${sessionId}/end`, {}] },
      'POST /api/analytics/sessions/:id/activities': {
        refused: [`/api/analytics/sessions/${sessionId}/activities`, { activity_type: 'reading', start_time: '2026-03-10T17:00:00Z' }],
      },
      'GET /api/analytics/sessions': { read: `/api/analytics/sessions?class_id=${klass}` },
      'GET /api/analytics/performance/overview': { read: '/api/analytics/performance/overview?period=monthly' },
      'GET /api/analytics/performance/trends': { read: '/api/analytics/performance/trends?metric_type=study_time' },
      'GET /api/analytics/performance/comparison': { read: '/api/analytics/performance/comparison?compare_by=class' },
      'POST /api/analytics/goals': {
        refused: ['/api/analytics/goals', { goal_type: 'custom', goal_name: 'x', target_value: 1, target_date: '2026-03-31', class_id: klass }],
      },
      'GET /api/analytics/goals': { read: '/api/analytics/goals' },
      'PUT /api/analytics/goals/:id': { refused: [`/api/analytics/goals/${goalId}`, { goal_name: 'mine now' }] },
      'POST /api/analytics/goals/:id/progress': { refused: [`/api/analytics/goals/${goalId}/progress`, { progress_value: 4 }] },
      'DELETE /api/analytics/goals/:id': { refused: [`/api/analytics/goals/${goalId}`] },
      'GET /api/analytics/reports/daily': { read: '/api/analytics/reports/daily?date=2026-03-10' },
      'GET /api/analytics/reports/weekly': { read: '/api/analytics/reports/weekly?week=2026-W11' },
      'GET /api/analytics/reports/monthly': { read: '/api/analytics/reports/monthly?month=2026-03' },
      'POST /api/analytics/sync/push': {
        check: async () => {
          // A's client_id: refused outright.
          expect((await syncPush(b, aliceClient, [])).status).toBe(403);
          // B's own client, but A's row ids: each mutation rejected, A's rows untouched.
          const res = await syncPush(b, newId(), [
            { seq: 1, mutation_id: newId(), entity: 'classes', entity_id: klass, op: 'upsert',
              payload: { id: klass, name: 'Hijacked', code: null, color: null, source: 'local', archived_at: null, ...bobsRow } },
            { seq: 2, mutation_id: newId(), entity: 'study_sessions', entity_id: sessionId, op: 'delete', payload: { id: sessionId } },
            { seq: 3, mutation_id: newId(), entity: 'point_awards', entity_id: awardId, op: 'upsert',
              payload: { id: awardId, reference_type: 'adjustment', reference_id: awardId, delta: 1000, reason: 'mine', created_at: bobsRow.created_at } },
          ]);
          expect(res.status).toBe(200);
          // The class and the award are refused; the delete finds no row of B's to delete (the fingerprint shows none went).
          expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['rejected', 'applied', 'rejected']);
        },
      },
      'GET /api/analytics/sync/pull': { read: '/api/analytics/sync/pull?cursor=0&limit=500' },
      'GET /api/gamification/points': { read: '/api/gamification/points' },
      'POST /api/gamification/points/award': { refused: ['/api/gamification/points/award', { award_id: awardId, points: 5, reason: 'bonus' }] },
      'GET /api/gamification/leaderboards': {
        check: async () => {
          expect((await api(b, 'GET', `/api/gamification/leaderboards?class_id=${klass}`)).status).toBe(404);
          const board = await api(b, 'GET', '/api/gamification/leaderboards?type=weekly');
          expect(board.status).toBe(200);
          for (const id of secrets) expect(JSON.stringify(board.body)).not.toContain(id); // peers by display name only
        },
      },
      'GET /api/classes': { read: '/api/classes?include_archived=true' },
      'POST /api/classes': {
        check: async () => {
          // Takes no reference to reach A's rows through: the class is B's, whatever the body says.
          const res = await api(b, 'POST', '/api/classes', { name: 'Bob class' });
          expect(res.status).toBe(201);
          const { rows } = await p.db.query('SELECT user_id FROM classes WHERE id = $1', [res.body.class.id]);
          expect(rows).toEqual([{ user_id: bob.user_id }]);
          expect((await api(b, 'POST', '/api/classes', { name: 'Bob class', user_id: alice.user_id })).status).toBe(400);
        },
      },
      'PUT /api/classes/:id': { refused: [`/api/classes/${klass}`, { name: 'Hijacked' }] },
      'DELETE /api/classes/:id': { refused: [`/api/classes/${klass}`] },
      'GET /api/assignments': { read: '/api/assignments' },
      'POST /api/assignments': { refused: ['/api/assignments', { title: 'x', class_id: klass }] },
      'PUT /api/assignments/:id': { refused: [`/api/assignments/${assignmentId}`, { status: 'completed' }] },
      'DELETE /api/assignments/:id': { refused: [`/api/assignments/${assignmentId}`] },
    };
    const routes = p.app.router.routes.filter((r) => r.auth).map((r) => `${r.method} ${r.template}`);
    expect(Object.keys(cases).sort()).toEqual([...routes].sort());

    const before = await fingerprint();
    for (const [route, c] of Object.entries(cases)) {
      const method = route.split(' ')[0]!;
      if ('refused' in c) {
        const [path, body] = c.refused;
        const res = await api(b, method, path, body);
        expect([403, 404, 409], `${route} -> ${res.status} ${JSON.stringify(res.body)}`).toContain(res.status);
      } else if ('read' in c) {
        const res = await api(b, method, c.read);
        expect(res.status, `${route} -> ${JSON.stringify(res.body)}`).toBe(200);
        for (const id of secrets) expect(JSON.stringify(res.body), route).not.toContain(id);
      } else {
        await c.check();
      }
      expect(await fingerprint(), route).toEqual(before);
    }
    // The reads were not vacuous: A sees her own rows on the same routes.
    const mine = JSON.stringify([
      (await api(a, 'GET', '/api/analytics/sessions')).body, (await api(a, 'GET', '/api/classes')).body,
      (await api(a, 'GET', '/api/assignments')).body, (await api(a, 'GET', '/api/analytics/goals')).body,
      (await api(a, 'GET', '/api/gamification/points')).body]);
    for (const id of [sessionId, klass, assignmentId, goalId, awardId]) expect(mine).toContain(id);
  });

  it('every authenticated route answers 401 to missing, tampered, expired, unsigned and wrong-algorithm tokens', async () => {
    const [head, body, sig] = alice.access_token.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: bob.user_id })).toString('base64url');
    const rsa = await generateKeyPair('RS256');
    const bad: Array<[string, string | null]> = [
      ['missing', null],
      ['tampered subject', `${head}.${forged}.${sig}`],
      ['alg none', new UnsecuredJWT(claims).encode()],
      ['RS256 instead of HS256', await new SignJWT(claims).setProtectedHeader({ alg: 'RS256' }).sign(rsa.privateKey)],
      ['signed with another secret', await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new Uint8Array(32).fill(7))],
    ];
    const expired = alice.access_token;
    for (const route of p.app.router.routes.filter((r) => r.auth)) {
      const path = route.template.replace(/:[a-z_]+/g, newId());
      for (const [what, token] of bad) {
        const res = await api(token, route.method, path, route.method === 'GET' ? undefined : {});
        expect(res.status, `${what}: ${route.method} ${route.template}`).toBe(401);
      }
    }
    const saved = clock.now().toISOString();
    clock.advance(16 * 60_000);
    try {
      for (const route of p.app.router.routes.filter((r) => r.auth)) {
        const res = await api(expired, route.method, route.template.replace(/:[a-z_]+/g, newId()), route.method === 'GET' ? undefined : {});
        expect(res.status, `expired: ${route.method} ${route.template}`).toBe(401);
      }
    } finally {
      clock.set(saved);
    }
  });
});

describe('classes, assignments and leaderboards', () => {
  it('create, list, update and archive or delete the caller own classes and assignments', async () => {
    const t = (await p.register('crud@example.com')).access_token;
    const created = await api(t, 'POST', '/api/classes', { name: 'Physics', code: 'PHY', color: '#112233' });
    expect(created.status).toBe(201);
    const klass = ClassOutput.parse(created.body).class;
    expect(klass).toMatchObject({ name: 'Physics', code: 'PHY', color: '#112233', archived_at: null });
    const renamed = await api(t, 'PUT', `/api/classes/${klass.id}`, { name: 'Physics II' });
    expect(renamed.status).toBe(200);
    expect(ClassOutput.parse(renamed.body).class.name).toBe('Physics II');
    expect(ClassListOutput.parse((await api(t, 'GET', '/api/classes')).body).classes.map((c) => c.name)).toEqual(['Physics II']);

    const assignment = await api(t, 'POST', '/api/assignments', { title: 'Problem set 1', class_id: klass.id });
    expect(assignment.status).toBe(201);
    const assignmentId = AssignmentOutput.parse(assignment.body).assignment.id;
    const done = await api(t, 'PUT', `/api/assignments/${assignmentId}`, { status: 'completed' });
    expect(done.status).toBe(200);
    expect(AssignmentOutput.parse(done.body).assignment).toMatchObject({ status: 'completed', completed_at: expect.any(String) });
    expect(AssignmentListOutput.parse((await api(t, 'GET', '/api/assignments')).body).assignments.map((x) => x.id)).toEqual([assignmentId]);
    expect((await api(t, 'DELETE', `/api/assignments/${assignmentId}`)).body).toMatchObject({ assignment_id: assignmentId });
    expect(AssignmentListOutput.parse((await api(t, 'GET', '/api/assignments')).body).assignments).toEqual([]);
    expect((await api(t, 'DELETE', `/api/assignments/${assignmentId}`)).status).toBe(404);

    const archived = await api(t, 'DELETE', `/api/classes/${klass.id}`);
    expect(archived.status).toBe(200);
    expect(ClassOutput.parse(archived.body).class.archived_at).not.toBeNull();
    expect(ClassListOutput.parse((await api(t, 'GET', '/api/classes')).body).classes).toEqual([]);
    expect(ClassListOutput.parse((await api(t, 'GET', '/api/classes?include_archived=true')).body).classes).toHaveLength(1);
  });

  it('ranks study minutes weekly and monthly, among the peers of a class by its code', async () => {
    const peer = async (email: string, minutes: number, code: string) => {
      const t = (await p.register(email)).access_token;
      const klass = (await api(t, 'POST', '/api/classes', { name: `Class ${code}`, code })).body.class.id as string;
      const start = Date.parse('2026-03-09T08:00:00Z'); // Monday of ISO week 2026-W11
      const s = (await api(t, 'POST', '/api/analytics/sessions/start', { session_type: 'solo', class_id: klass, start_time: new Date(start).toISOString() })).body.session_id;
      expect((await api(t, 'PUT', `/api/analytics/sessions/${s}/end`, { end_time: new Date(start + minutes * 60_000).toISOString() })).status).toBe(200);
      return { t, klass };
    };
    const x = await peer('lb-x@example.com', 90, 'LB-101');
    await peer('lb-y@example.com', 120, 'LB-101');
    await peer('lb-z@example.com', 300, 'LB-999'); // another class: not a peer in LB-101
    for (const type of ['weekly', 'monthly']) {
      const board = await api(x.t, 'GET', `/api/gamification/leaderboards?type=${type}&class_id=${x.klass}`);
      expect(board.status).toBe(200);
      expect(board.body).toMatchObject({ type, class_id: x.klass });
      expect(board.body.entries.map((e: { rank: number; study_minutes: number; is_you: boolean }) => [e.rank, e.study_minutes, e.is_you]))
        .toEqual([[1, 120, false], [2, 90, true]]);
    }
    const everyone = await api(x.t, 'GET', '/api/gamification/leaderboards?type=weekly');
    expect(everyone.body.entries[0]).toMatchObject({ rank: 1, study_minutes: 300, is_you: false });
    expect((await api(x.t, 'GET', '/api/gamification/leaderboards?type=daily')).status).toBe(400);
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
    expect(board.body.entries.filter((e: { is_you: boolean }) => e.is_you)).toEqual([expect.objectContaining({ study_minutes: 60 })]);
    expect(board.body.entries.every((e: Record<string, unknown>) => !('user_id' in e))).toBe(true);
  });
});
