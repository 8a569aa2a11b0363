import type { Db } from './db';

export interface Migration {
  /** `shared/0001_foundation.sql`: the folder says where it applies, the number orders it. */
  name: string;
  sql: string;
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly kind: 'checksum_mismatch' | 'schema_too_new' | 'failed',
    readonly migration: string,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

export interface MigrationStatus {
  applied: Array<{ name: string; checksum: string; applied_at: string }>;
  pending: string[];
  /** Applied in this database but unknown to this build: the data comes from a newer app. */
  unknown: string[];
  mismatched: string[];
}

const CREATE_TABLE = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    name       text PRIMARY KEY,
    checksum   text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`;

async function checksums(db: Db, migrations: readonly Migration[]): Promise<Map<string, string>> {
  // The database hashes, so the runner stays free of platform crypto APIs and both engines agree.
  const { rows } = await db.query<{ name: string; checksum: string }>(
    `SELECT m.name, encode(sha256(convert_to(m.sql, 'UTF8')), 'hex') AS checksum
       FROM jsonb_to_recordset($1::jsonb) AS m(name text, sql text)`,
    [JSON.stringify(migrations)],
  );
  return new Map(rows.map((r) => [r.name, r.checksum]));
}

export async function migrationStatus(db: Db, migrations: readonly Migration[]): Promise<MigrationStatus> {
  await db.query(CREATE_TABLE);
  const { rows: applied } = await db.query<{ name: string; checksum: string; applied_at: string }>(
    'SELECT name, checksum, applied_at FROM schema_migrations ORDER BY name',
  );
  const expected = await checksums(db, migrations);
  const appliedNames = new Set(applied.map((a) => a.name));
  return {
    applied,
    pending: migrations.filter((m) => !appliedNames.has(m.name)).map((m) => m.name),
    unknown: applied.filter((a) => !expected.has(a.name)).map((a) => a.name),
    mismatched: applied.filter((a) => expected.has(a.name) && expected.get(a.name) !== a.checksum).map((a) => a.name),
  };
}

/**
 * Applies pending migrations in order, one transaction per file. Refuses to run when an applied
 * file changed (checksum) or the database was migrated by a newer build.
 */
export async function migrate(
  db: Db,
  migrations: readonly Migration[],
  hooks: { beforeApply?: (pending: string[]) => Promise<void> } = {},
): Promise<{ applied: string[] }> {
  const status = await migrationStatus(db, migrations);
  const [mismatch] = status.mismatched;
  if (mismatch) {
    throw new MigrationError(`migration ${mismatch} changed after it was applied`, 'checksum_mismatch', mismatch);
  }
  const [unknown] = status.unknown;
  if (unknown) {
    throw new MigrationError(
      `the database was created by a newer version of the app (it has ${unknown}); update the app`,
      'schema_too_new',
      unknown,
    );
  }
  if (status.pending.length === 0) return { applied: [] };
  await hooks.beforeApply?.(status.pending);
  const sums = await checksums(db, migrations);
  for (const name of status.pending) {
    const migration = migrations.find((m) => m.name === name)!;
    try {
      await db.transaction(async (tx) => {
        await tx.exec(migration.sql);
        await tx.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [name, sums.get(name)]);
      });
    } catch (err) {
      throw new MigrationError(`migration ${name} failed: ${(err as Error).message}`, 'failed', name);
    }
  }
  return { applied: status.pending };
}

/** The schema version is the last applied migration's name. */
export function schemaVersion(migrations: readonly Migration[]): string {
  return migrations.at(-1)?.name ?? 'none';
}
