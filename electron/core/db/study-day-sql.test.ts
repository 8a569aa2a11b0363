import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFor } from '../../../migrations';
import { migrate } from '../../../shared/db/migrate';
import { studyDay } from '../../../shared/domain/study-day';
import { type LocalDb, openPglite } from './pglite-db';

const ZONES = [
  'UTC', 'America/New_York', 'America/Los_Angeles', 'Europe/Berlin', 'Europe/London', 'Asia/Kolkata',
  'Asia/Kathmandu', 'Australia/Lord_Howe', 'Australia/Adelaide', 'Pacific/Auckland', 'America/Sao_Paulo',
];

let db: LocalDb;
beforeAll(async () => {
  db = await openPglite(null);
  await migrate(db, migrationsFor('desktop'));
});
afterAll(async () => db.close());

describe('study_day in SQL and studyDay in TypeScript', () => {
  it('agree for any instant, zone and rollover hour', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2028-12-31T00:00:00Z') }),
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 23 }),
        async (ms, zone, rollover) => {
          const instant = new Date(ms).toISOString();
          const { rows } = await db.query<{ d: string }>('SELECT study_day($1, $2, $3) AS d', [instant, zone, rollover]);
          expect(rows[0]!.d).toBe(studyDay(instant, zone, rollover));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('agree around every 2026 DST change of the zones above, at the default rollover', async () => {
    for (const zone of ZONES) {
      for (let ms = Date.parse('2026-01-01T00:00:00Z'); ms < Date.parse('2027-01-01T00:00:00Z'); ms += 15 * 60_000 * 7) {
        const instant = new Date(ms).toISOString();
        const { rows } = await db.query<{ d: string }>('SELECT study_day($1, $2, 4) AS d', [instant, zone]);
        expect(rows[0]!.d, `${zone} ${instant}`).toBe(studyDay(instant, zone, 4));
      }
    }
  });
});
