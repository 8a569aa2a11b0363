import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFor } from '../../../migrations';
import { migrate, MigrationError, migrationStatus } from '../../../shared/db/migrate';
import { type LocalDb, openPglite } from './pglite-db';

const migrations = migrationsFor('desktop');
let db: LocalDb;

beforeAll(async () => {
  db = await openPglite(null);
  await migrate(db, migrations);
});
afterAll(() => db?.close());

describe('the migration runner', () => {
  it('stores for each file the checksum PostgreSQL computes of its UTF-8 text', async () => {
    const { applied } = await migrationStatus(db, migrations);
    expect(applied.map((a) => a.name).sort()).toEqual(migrations.map((m) => m.name).sort());
    for (const m of migrations) {
      const { rows } = await db.query<{ sum: string }>(`SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex') AS sum`, [m.sql]);
      expect(applied.find((a) => a.name === m.name)!.checksum).toBe(rows[0]!.sum);
    }
  });

  it('refuses a file changed after it was applied, even by one character outside ASCII', async () => {
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- café` } : m));
    const err = await migrate(db, edited).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect(err).toMatchObject({ kind: 'checksum_mismatch', migration: migrations[0]!.name });
  });

  it('refuses a database migrated by a newer build', async () => {
    const err = await migrate(db, migrations.slice(0, -1)).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'schema_too_new', migration: migrations.at(-1)!.name });
  });
});
