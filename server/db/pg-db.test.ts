import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../../shared/db/db';
import { createDatabase, startPostgres } from '../../testing/postgres';
import { createPgDb, type PgDb } from './pg-db';

const cluster = await startPostgres();

describe.skipIf(cluster === null)('pg Db adapter', () => {
  let url: string;
  let db: PgDb;

  beforeAll(async () => {
    url = await createDatabase(cluster!.url, 'pg_db_test');
    // The adapter must force UTC even where the database defaults to another zone.
    const admin = createPgDb(cluster!.url);
    await admin.exec("ALTER DATABASE pg_db_test SET TimeZone = 'America/New_York'");
    await admin.close();
    db = createPgDb(url, { max: 4 });
    await db.exec(`
      CREATE TABLE note (id int PRIMARY KEY, body text NOT NULL);
      CREATE TABLE typed (
        d date, ts timestamptz, n numeric(10,2), big bigint, j jsonb, u uuid, i int, b boolean
      );
    `);
  });

  afterAll(async () => {
    await db?.close();
    await cluster?.stop();
  });

  it('runs every connection in UTC', async () => {
    const { rows } = await db.query<{ tz: string }>("SELECT current_setting('TimeZone') AS tz");
    expect(rows).toEqual([{ tz: 'UTC' }]);
  });

  it('parses date, timestamptz, numeric, int8, jsonb and uuid like the PGlite adapter', async () => {
    await db.query(
      `INSERT INTO typed VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        '2026-03-08',
        '2026-03-08T02:30:00.123-05:00',
        '12.50',
        '9007199254740991',
        JSON.stringify({ goal: 'read', minutes: [25, 5] }),
        '0b7e5c1a-3f4e-4f7e-9d2a-1c2b3d4e5f60',
        7,
        true,
      ],
    );
    const { rows } = await db.query('SELECT * FROM typed');
    expect(rows).toEqual([
      {
        d: '2026-03-08',
        ts: '2026-03-08T07:30:00.123Z',
        n: 12.5,
        big: 9007199254740991,
        j: { goal: 'read', minutes: [25, 5] },
        u: '0b7e5c1a-3f4e-4f7e-9d2a-1c2b3d4e5f60',
        i: 7,
        b: true,
      },
    ]);
    const { rows: computed } = await db.query(
      "SELECT count(*) AS c, sum(n) AS s, timestamptz '2026-07-01 12:00:00+02' AS t, date '2026-12-31' AS day FROM typed",
    );
    expect(computed).toEqual([{ c: 1, s: 12.5, t: '2026-07-01T10:00:00.000Z', day: '2026-12-31' }]);
  });

  it("leaves pg's global type parsers untouched", async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(
        "SELECT date '2026-03-08' AS d, 5::bigint AS big, current_setting('TimeZone') AS tz",
      );
      expect(rows[0].d).toBeInstanceOf(Date);
      expect(rows[0].big).toBe('5');
      expect(rows[0].tz).toBe('America/New_York'); // so the UTC test above is not vacuous
    } finally {
      await client.end();
    }
  });

  it('reports affected rows, and 0 for statements without a count', async () => {
    await db.query('DELETE FROM note');
    const inserted = await db.query('INSERT INTO note VALUES (1, $1), (2, $2)', ['a', 'b']);
    expect(inserted.affectedRows).toBe(2);
    const updated = await db.query('UPDATE note SET body = $1 WHERE id = $2', ['c', 2]);
    expect(updated.affectedRows).toBe(1);
    const created = await db.query('CREATE TEMP TABLE scratch (x int)');
    expect(created.affectedRows).toBe(0);
  });

  it('runs multi-statement SQL through exec but one statement per query, as PGlite does', async () => {
    await db.exec('CREATE TABLE multi_a (x int); CREATE TABLE multi_b (x int); INSERT INTO multi_a VALUES (1);');
    const { rows } = await db.query<{ x: number }>('SELECT x FROM multi_a');
    expect(rows).toEqual([{ x: 1 }]);
    await expect(db.query('SELECT 1; SELECT 2')).rejects.toThrow(/multiple commands/);
  });

  it('commits a transaction on one connection, invisible to others until commit', async () => {
    await db.query('DELETE FROM note');
    const result = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO note VALUES (10, $1)', ['inside']);
      const mine = await tx.query<{ n: number }>('SELECT count(*) AS n FROM note');
      const others = await db.query<{ n: number }>('SELECT count(*) AS n FROM note');
      return { mine: mine.rows[0]?.n, others: others.rows[0]?.n };
    });
    expect(result).toEqual({ mine: 1, others: 0 });
    const after = await db.query<{ body: string }>('SELECT body FROM note');
    expect(after.rows).toEqual([{ body: 'inside' }]);
  });

  it('rolls back when the callback throws and rethrows the error', async () => {
    await db.query('DELETE FROM note');
    const boom = new Error('boom');
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO note VALUES (20, $1)', ['lost']);
        throw boom;
      }),
    ).rejects.toBe(boom);
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO note VALUES (21, $1)', ['lost']);
        await tx.query('INSERT INTO note VALUES (21, $1)', ['duplicate key']);
      }),
    ).rejects.toThrow(/duplicate key/);
    const { rows } = await db.query('SELECT * FROM note');
    expect(rows).toEqual([]);
    // The connections went back to the pool in a clean state.
    const { rows: status } = await db.query<{ ok: number }>('SELECT 1 AS ok');
    expect(status).toEqual([{ ok: 1 }]);
  });

  it('runs multi-statement exec inside a transaction and rolls it back with the rest', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.exec('CREATE TABLE tx_a (x int); INSERT INTO tx_a VALUES (1), (2);');
        const { rows } = await tx.query<{ n: number }>('SELECT count(*) AS n FROM tx_a');
        expect(rows).toEqual([{ n: 2 }]);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    const { rows } = await db.query("SELECT to_regclass('tx_a') AS t");
    expect(rows).toEqual([{ t: null }]);
  });

  it('runs statements a transaction issues side by side one after another, in call order', async () => {
    await db.query('DELETE FROM note');
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const seen = await db.transaction(async (tx) => {
        await Promise.all(Array.from({ length: 20 }, (_, i) => tx.query('INSERT INTO note VALUES ($1, $2)', [100 + i, `n${i}`])));
        return Promise.all([
          tx.query<{ n: number }>('SELECT count(*) AS n FROM note'),
          tx.query('SELECT 1/0'),
          tx.query('SELECT 1'),
        ].map((p) => p.then((r) => r.rows, (e: Error) => e.message)));
      });
      // In call order: the count sees all twenty inserts, the failure aborts the transaction for
      // the statement after it (and the COMMIT rolls the whole transaction back).
      expect(seen).toEqual([[{ n: 20 }], expect.stringMatching(/division by zero/), expect.stringMatching(/aborted/)]);
      const all = await db.transaction(async (tx) => {
        const [a, b] = await Promise.all([tx.query('INSERT INTO note VALUES (200, $1) RETURNING id', ['x']), tx.query<{ n: number }>('SELECT count(*) AS n FROM note')]);
        return { a: a.rows, b: b.rows };
      });
      expect(all).toEqual({ a: [{ id: 200 }], b: [{ n: 1 }] }); // the insert ran first: call order
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((m) => /already executing a query/.test(m))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('refuses the tx once the transaction is over', async () => {
    let leaked: Tx | undefined;
    await db.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(leaked!.query('SELECT 1')).rejects.toThrow(/transaction already finished/);
    await expect(leaked!.exec('SELECT 1')).rejects.toThrow(/transaction already finished/);
  });
});
