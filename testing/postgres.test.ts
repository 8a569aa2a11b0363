import { existsSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createDatabase, startPostgres } from './postgres';

const cluster = await startPostgres();

async function queryOnce<Row extends pg.QueryResultRow>(url: string, sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe.skipIf(cluster === null)('ephemeral PostgreSQL', () => {
  it('starts a cluster that answers queries in UTC, isolates databases, and stops cleanly', async () => {
    const pgc = cluster!;
    expect(pgc.url).toBe(`postgres://postgres@127.0.0.1:${pgc.port}/postgres`);

    const [settings] = await queryOnce<{ tz: string; fsync: string; encoding: string; superuser: string }>(
      pgc.url,
      `SELECT current_setting('TimeZone') AS tz, current_setting('fsync') AS fsync,
              pg_encoding_to_char(encoding) AS encoding, current_setting('is_superuser') AS superuser
         FROM pg_database WHERE datname = current_database()`,
    );
    expect(settings).toEqual({ tz: 'UTC', fsync: 'off', encoding: 'UTF8', superuser: 'on' });

    const otherUrl = await createDatabase(pgc.url, 'suite_isolation');
    expect(otherUrl).toBe(`postgres://postgres@127.0.0.1:${pgc.port}/suite_isolation`);
    const [db] = await queryOnce<{ name: string }>(otherUrl, 'SELECT current_database() AS name');
    expect(db?.name).toBe('suite_isolation');
    await expect(createDatabase(pgc.url, 'bad"name')).rejects.toThrow(/invalid database name/);

    await pgc.stop();
    await pgc.stop(); // idempotent
    await expect(queryOnce(pgc.url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('runs two clusters side by side on different ports and removes each temp dir on stop', async () => {
    const [a, b] = await Promise.all([startPostgres(), startPostgres()]);
    try {
      expect(a!.port).not.toBe(b!.port);
      const rows = await Promise.all([a!, b!].map((c) => queryOnce<{ port: string }>(c.url, 'SHOW port')));
      expect(rows.map((r) => Number(r[0]?.port))).toEqual([a!.port, b!.port]);
      const [dir] = await queryOnce<{ dir: string }>(a!.url, "SELECT current_setting('data_directory') AS dir");
      await a!.stop();
      expect(existsSync(dir!.dir)).toBe(false);
    } finally {
      await Promise.all([a?.stop(), b?.stop()]);
    }
  });
});
