import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFor } from '../../../migrations';
import { createPgDb, type PgDb } from '../../../server/db/pg-db';
import { type ChannelInput, type ChannelOutput, channels, type SqlChannel } from '../../../shared/contract/channels';
import { parseInput } from '../../../shared/contract/validate';
import type { Db } from '../../../shared/db/db';
import { migrate } from '../../../shared/db/migrate';
import { type Ctx, inTransaction } from '../../../shared/services/context';
import { handlers } from '../../../shared/services/handlers';
import { ensureProfile, readSettings } from '../../../shared/services/settings';
import { createDatabase, type EphemeralPostgres, startPostgres } from '../../../testing/postgres';
import { type LocalDb, openPglite } from './pglite-db';

// The performance channels run the same SQL (PL/pgSQL functions, the metrics cache with its
// NULLS NOT DISTINCT key) on PGlite and on PostgreSQL 15: same rows in, same answers out, from
// an empty cache and from a warm one.

let cluster: EphemeralPostgres | null;
let pg: PgDb | undefined;
let lite: LocalDb;

beforeAll(async () => {
  cluster = await startPostgres();
  if (cluster) pg = createPgDb(await createDatabase(cluster.url, 'performance_parity'));
  lite = await openPglite(null);
});
afterAll(async () => {
  await pg?.close();
  await cluster?.stop();
  await lite.close();
});

const NOW = '2026-04-08T15:00:00Z';

/** Builds the same student on `db` and returns every performance answer, asked twice. */
async function student(db: Db): Promise<unknown[][]> {
  await migrate(db, migrationsFor('desktop'));
  const userId = await ensureProfile(db, '0190f9b0-0000-7000-8000-000000000002', 'America/New_York');
  const call = async <C extends SqlChannel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const settings = await readSettings(db, userId);
    const handler = handlers[channel] as unknown as (ctx: Ctx, input: unknown) => Promise<ChannelOutput<C>>;
    return (await inTransaction(db, { userId, now: NOW, settings }, (ctx) => handler(ctx, parseInput(channels[channel].input, input)))).result;
  };
  const bio = (await call('classes.create', { name: 'Biology' })).class.id;
  const art = (await call('classes.create', { name: 'Art' })).class.id;
  const add = async (start: string, end: string, classId: string | null) =>
    (await call('sessions.createManual', { start_time: start, end_time: end, class_id: classId })).session.id;
  const s1 = await add('2026-03-07T23:00:00-05:00', '2026-03-08T05:00:00-04:00', bio); // across midnight, DST and rollover
  await call('sessions.logActivity', {
    session_id: s1, activity_type: 'testing', start_time: '2026-03-08T08:30:00Z', duration_minutes: 20, items_completed: 10, items_correct: 7,
  });
  await call('sessions.logActivity', {
    session_id: s1, activity_type: 'flashcards', content_id: 'd', start_time: '2026-03-08T08:55:00Z', duration_minutes: 5,
    items_completed: 10, items_correct: 9,
  });
  await add('2026-03-20T18:00:00-04:00', '2026-03-20T19:10:00-04:00', null);
  const s3 = await add('2026-04-07T18:00:00-04:00', '2026-04-07T19:00:00-04:00', bio);
  await call('sessions.logActivity', {
    session_id: s3, activity_type: 'testing', start_time: '2026-04-07T18:10:00-04:00', duration_minutes: 30, items_completed: 3, items_correct: 2,
  });
  await add('2026-04-08T09:00:00-04:00', '2026-04-08T10:00:00-04:00', bio);
  await call('assignments.create', { title: 'Lab', class_id: bio, due_at: '2026-04-09T17:00:00-04:00' });

  const ask = async () => {
    const answers: unknown[] = [];
    for (const period of ['daily', 'weekly', 'monthly', 'all_time'] as const) {
      answers.push(await call('performance.overview', { period }));
      answers.push(await call('performance.overview', { period, class_id: bio, ...(period === 'all_time' ? {} : { date: '2026-03-08' }) }));
      answers.push(await call('performance.comparison', { compare_by: 'class', period }));
      answers.push(await call('performance.comparison', { compare_by: 'activity_type', period }));
      if (period !== 'all_time') answers.push(await call('performance.comparison', { compare_by: 'period', period }));
    }
    for (const metric_type of ['study_time', 'test_average', 'flashcard_mastery', 'assignment_completion'] as const) {
      answers.push(await call('performance.trends', { metric_type, period: 'weekly', count: 8 }));
      answers.push(await call('performance.trends', { metric_type, period: 'monthly', count: 3, class_id: bio }));
    }
    // Ids are made by each run: name the classes instead.
    return JSON.parse(JSON.stringify(answers).replaceAll(bio, 'biology').replaceAll(art, 'art')) as unknown[];
  };
  return [await ask(), await ask()];
}

describe('performance channels on PGlite and PostgreSQL 15', () => {
  it.skipIf(!process.env.CI && cluster === null)('give the same answers, cold and warm', async () => {
    const [liteCold, liteWarm] = await student(lite);
    const [pgCold, pgWarm] = await student(pg!);
    expect(pgCold).toEqual(liteCold);
    expect(liteWarm).toEqual(liteCold);
    expect(pgWarm).toEqual(pgCold);
    expect(JSON.stringify(liteCold)).not.toMatch(/NaN|Infinity/);
    // The first pass stored the closed periods the second one read back.
    const { rows } = await pg!.query<{ n: number }>('SELECT count(*)::integer AS n FROM performance_metrics');
    expect(rows[0]!.n).toBeGreaterThan(0);
  });
});
