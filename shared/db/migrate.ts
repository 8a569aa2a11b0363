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

// Web Crypto and TextEncoder are globals in Node and in browsers; shared/ has neither's typings.
declare const crypto: { subtle: { digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer> } };
declare const TextEncoder: { new (): { encode(text: string): Uint8Array } };

/**
 * sha256 of each file's UTF-8 text, hex: the same value PostgreSQL's
 * `encode(sha256(convert_to(sql, 'UTF8')), 'hex')` gives, without shipping every file's text to the
 * database on each open (that took 45-60 ms of a cold start).
 */
async function checksums(migrations: readonly Migration[]): Promise<Map<string, string>> {
  const encoder = new TextEncoder();
  const hex = (buf: ArrayBuffer) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
  const sums = await Promise.all(migrations.map(async (m) => [m.name, hex(await crypto.subtle.digest('SHA-256', encoder.encode(m.sql)))] as const));
  return new Map(sums);
}

export async function migrationStatus(db: Db, migrations: readonly Migration[]): Promise<MigrationStatus> {
  return (await statusAndSums(db, migrations)).status;
}

/** The status, and each file's checksum it was computed from (migrate stores them for what it applies). */
async function statusAndSums(db: Db, migrations: readonly Migration[]): Promise<{ status: MigrationStatus; sums: Map<string, string> }> {
  // Only a new database needs the table: DDL, even a no-op one, costs a cold start more than a lookup.
  const { rows: present } = await db.query<{ ok: boolean }>(`SELECT to_regclass('schema_migrations') IS NOT NULL AS ok`);
  if (!present[0]!.ok) await db.query(CREATE_TABLE);
  const { rows: applied } = await db.query<{ name: string; checksum: string; applied_at: string }>(
    'SELECT name, checksum, applied_at FROM schema_migrations ORDER BY name',
  );
  const expected = await checksums(migrations);
  const appliedNames = new Set(applied.map((a) => a.name));
  const status = {
    applied,
    pending: migrations.filter((m) => !appliedNames.has(m.name)).map((m) => m.name),
    unknown: applied.filter((a) => !expected.has(a.name)).map((a) => a.name),
    mismatched: applied.filter((a) => expected.has(a.name) && expected.get(a.name) !== a.checksum).map((a) => a.name),
  };
  return { status, sums: expected };
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
  const { status, sums } = await statusAndSums(db, migrations);
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
