import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalDb, openPglite } from './pglite-db';
import { PreparedStatements } from './prepared';

let db: LocalDb;

beforeAll(async () => {
  db = await openPglite(null);
  await db.exec(`
    CREATE TABLE t (
      id integer PRIMARY KEY, label text, at timestamptz, day date, amount numeric(8, 2), big bigint,
      doc jsonb, tags uuid[], flag boolean
    )`);
});

afterAll(async () => {
  await db.close();
});

const prepared = async () =>
  (await db.query<{ name: string; statement: string }>('SELECT name, statement FROM pg_prepared_statements ORDER BY name')).rows;

const INSERT = `INSERT INTO t (id, label, at, day, amount, big, doc, tags, flag)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`;

describe('prepared statements on PGlite', () => {
  it('serialize parameters and parse rows exactly as an unprepared query does', async () => {
    const params = (id: number) => [
      id, `row ${id}`, new Date(Date.UTC(2026, 2, 8, 7, 30, 0, 123)), '2026-03-08', 12.5, 9_007_199_254, { pages: [1, 2], note: "it's" },
      ['01a21094-5528-75a2-b02e-005d721edd06', '01a21094-5528-75a2-b02e-005d721edd07'], true,
    ];
    const nulls = (id: number) => [id, null, null, null, null, null, null, null, null];
    const viaQuery = await db.transaction(async (tx) => [
      (await tx.query(INSERT, params(1))).rows[0],
      (await tx.query(INSERT, nulls(2))).rows[0],
    ]);
    const viaPrepared = await db.transaction(async (tx) => [
      (await tx.query(INSERT, params(3), { prepare: true })).rows[0],
      (await tx.query(INSERT, nulls(4), { prepare: true })).rows[0],
    ]);
    expect(viaPrepared).toEqual([{ ...viaQuery[0], id: 3, label: 'row 3' }, { ...viaQuery[1], id: 4 }]);
    expect(viaPrepared[0]).toMatchObject({ at: '2026-03-08T07:30:00.123Z', day: '2026-03-08', amount: 12.5, big: 9_007_199_254 });
  });

  it('parse a statement once per connection and keep it across transactions', async () => {
    const sql = 'SELECT label FROM t WHERE id = $1';
    for (const id of [1, 3, 1]) {
      const { rows } = await db.transaction((tx) => tx.query<{ label: string }>(sql, [id], { prepare: true }));
      expect(rows).toEqual([{ label: `row ${id}` }]);
    }
    expect((await prepared()).filter((p) => p.statement === sql)).toHaveLength(1);
  });

  it('report the affected rows of a write', async () => {
    const n = await db.transaction(async (tx) =>
      (await tx.query('UPDATE t SET flag = $2 WHERE id = ANY($1::int[])', [[1, 2, 3], false], { prepare: true })).affectedRows);
    expect(n).toBe(3);
  });

  it('fail a constraint violation with its SQLSTATE, roll the transaction back, and stay usable', async () => {
    const attempt = db.transaction(async (tx) => {
      await tx.query(INSERT, [10, 'kept?', null, null, null, null, null, null, null], { prepare: true });
      await tx.query(INSERT, [1, 'duplicate', null, null, null, null, null, null, null], { prepare: true });
    });
    await expect(attempt).rejects.toMatchObject({ code: '23505' });
    expect((await db.query('SELECT id FROM t WHERE id = 10')).rows).toEqual([]);
    const again = await db.transaction((tx) => tx.query(INSERT, [10, 'now kept', null, null, null, null, null, null, null], { prepare: true }));
    expect(again.rows[0]).toMatchObject({ id: 10, label: 'now kept' });
  });

  it('keep nothing of a statement that does not parse', async () => {
    const before = await prepared();
    await expect(db.transaction((tx) => tx.query('SELEC label FROM t', [], { prepare: true }))).rejects.toMatchObject({ code: '42601' });
    expect(await prepared()).toEqual(before);
  });

  it('ignore the hint outside a transaction, where other queries could interleave', async () => {
    const sql = 'SELECT count(*)::int AS n FROM t WHERE flag IS NOT DISTINCT FROM $1';
    expect((await db.query<{ n: number }>(sql, [null], { prepare: true })).rows).toEqual([{ n: 2 }]);
    expect((await prepared()).some((p) => p.statement === sql)).toBe(false);
  });

  it('close the least recently used statement beyond their number', async () => {
    const own = await openPglite(null);
    try {
      const cache = new PreparedStatements(own.pglite, 2);
      const names = async () => (await own.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements ORDER BY prepare_time')).rows.map((r) => r.statement);
      await own.pglite.transaction(async () => {
        await cache.query('SELECT 1 AS a');
        await cache.query('SELECT 2 AS b');
        await cache.query('SELECT 1 AS a'); // used again: now the most recent
        await cache.query('SELECT 3 AS c');
      });
      expect(cache.size).toBe(2);
      expect(await names()).toEqual(['SELECT 1 AS a', 'SELECT 3 AS c']);
      await own.pglite.transaction(async () => {
        expect((await cache.query<{ b: number }>('SELECT 2 AS b')).rows).toEqual([{ b: 2 }]);
      });
    } finally {
      await own.close();
    }
  });
});
