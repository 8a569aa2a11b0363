import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFor } from '../../../migrations';
import { createPgDb, type PgDb } from '../../../server/db/pg-db';
import type { Db } from '../../../shared/db/db';
import { migrate, migrationStatus } from '../../../shared/db/migrate';
import { inTransaction } from '../../../shared/services/context';
import { handlers } from '../../../shared/services/handlers';
import { ensureProfile, readSettings } from '../../../shared/services/settings';
import { createDatabase, type EphemeralPostgres, startPostgres } from '../../../testing/postgres';
import { catalogue } from '../test-support/catalogue';
import { type LocalDb, openPglite } from './pglite-db';

let cluster: EphemeralPostgres | null;
let pg: PgDb | undefined;
let lite: LocalDb;

beforeAll(async () => {
  cluster = await startPostgres();
  if (cluster) pg = createPgDb(await createDatabase(cluster.url, 'parity'));
  lite = await openPglite(null);
});
afterAll(async () => {
  await pg?.close();
  await cluster?.stop();
  await lite.close();
});

describe('migrations on PGlite and PostgreSQL 15', () => {
  it('needs a PostgreSQL server (a CI run without one fails)', () => {
    if (process.env.CI === 'true') expect(cluster).not.toBeNull();
  });

  it.skipIf(!process.env.CI && cluster === null)('apply unchanged and produce identical catalogues', async () => {
    const migrations = migrationsFor('desktop');
    await migrate(lite, migrations);
    await migrate(pg!, migrations);
    const version = await pg!.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    expect(version.rows[0]!.v).toMatch(/^1[5-9]\./);

    const [a, b] = [await catalogue(lite), await catalogue(pg!)];
    for (const key of Object.keys(a)) expect({ [key]: a[key] }).toEqual({ [key]: b[key] });
    expect(a.indexes!.length).toBeGreaterThanOrEqual(32);

    const status = await migrationStatus(pg!, migrations);
    expect(status).toMatchObject({ pending: [], unknown: [], mismatched: [] });
  });

  it.skipIf(!process.env.CI && cluster === null)('run the platform flow through the same services with the same numbers', async () => {
    const run = async (db: Db) => {
      const userId = await ensureProfile(db, '0190f9b0-0000-7000-8000-000000000001', 'America/New_York');
      const settings = await readSettings(db, userId);
      const call = async <T>(now: string, fn: (ctx: Parameters<typeof handlers['sessions.start']>[0]) => Promise<T>) =>
        (await inTransaction(db, { userId, now, settings }, fn)).result;
      const t0 = '2026-03-08T05:30:00Z';
      const started = await call(t0, (ctx) => handlers['sessions.start'](ctx, { session_type: 'solo' }));
      const activity = await call(t0, (ctx) =>
        handlers['sessions.logActivity'](ctx, { session_id: started.session_id, activity_type: 'testing', items_completed: 20, items_correct: 18 }));
      const ended = await call('2026-03-08T07:00:00Z', (ctx) =>
        handlers['sessions.end'](ctx, { session_id: started.session_id }));
      const points = await call('2026-03-08T07:00:00Z', (ctx) => handlers['points.summary'](ctx, {}));
      const session = await call('2026-03-08T07:00:00Z', (ctx) => handlers['sessions.get'](ctx, { session_id: started.session_id }));
      return {
        accuracy: activity.accuracy_percentage,
        minutes: ended.duration_minutes,
        points: [ended.points_earned, points.total_points, points.level],
        day: session.study_date,
      };
    };
    const [onLite, onPg] = [await run(lite), await run(pg!)];
    expect(onLite).toEqual({ accuracy: 90, minutes: 90, points: [45, 63, 3], day: '2026-03-07' }); // 00:30 EST is still the 7th's evening
    expect(onPg).toEqual(onLite);
  });
});
